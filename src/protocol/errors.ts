/**
 * Errors as they cross the worker boundary: a stable code, a human message, structured details. The same comlink
 * transfer handler is installed on both sides (installErrorTransfer), so a StrataError thrown in the worker arrives in
 * the UI as a ProtocolError with the same code, message and details (comlink's default keeps only name and message).
 */
import * as Comlink from 'comlink';

export const PROTOCOL_ERROR_CODES = [
  'NOT_FOUND',
  'TABLE_EXISTS',
  'CONFLICT',
  'EXPIRED',
  'INVALID_ARGUMENT',
  'SCHEMA_MISMATCH',
  'DUPLICATE_KEY',
  'CORRUPT_FILE',
  'MISSING_FILE',
  'QUOTA_EXCEEDED',
  'STORAGE_UNAVAILABLE',
  'FORMAT_TOO_NEW',
  'FOREIGN_RECORD',
  'ABORTED',
  'IO_ERROR',
  'CSV_UNTERMINATED_QUOTE',
  'CSV_RAGGED_ROWS',
  'CSV_TYPE_MISMATCH',
  'CSV_ENCODING',
  'CSV_EMPTY',
  'PROTOCOL_MISMATCH',
  'INTERNAL',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isProtocolError(e: unknown): e is ProtocolError {
  return e instanceof ProtocolError;
}

export function isAbort(e: unknown): boolean {
  return (e instanceof ProtocolError && e.code === 'ABORTED') || (e instanceof Error && e.name === 'AbortError');
}

interface WireError {
  readonly code: ProtocolErrorCode;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

function toWire(value: unknown): WireError {
  if (value instanceof Error) {
    const candidate = value as Error & { code?: unknown; details?: unknown };
    const code =
      PROTOCOL_ERROR_CODES.find((c) => c === candidate.code) ?? (value.name === 'AbortError' ? 'ABORTED' : 'INTERNAL');
    let details: Record<string, unknown> = {};
    if (candidate.details && typeof candidate.details === 'object') {
      try {
        details = structuredClone(candidate.details as Record<string, unknown>);
      } catch {
        details = {};
      }
    }
    return { code, message: value.message, details };
  }
  return { code: 'INTERNAL', message: String(value), details: {} };
}

let installed = false;

/** Replaces comlink's 'throw' handler so errors keep their code and details. Idempotent; call on both sides. */
export function installErrorTransfer(): void {
  if (installed) return;
  installed = true;
  const base = Comlink.transferHandlers.get('throw');
  if (!base) throw new Error('comlink has no throw handler to replace');
  Comlink.transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize(thrown: unknown) {
      return [toWire((thrown as { value: unknown }).value), []];
    },
    deserialize(wire: unknown) {
      const w = wire as WireError;
      throw new ProtocolError(w.code, w.message, w.details);
    },
  });
}
