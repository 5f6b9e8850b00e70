/**
 * Typed engine errors. Every error that leaves the engine is a StrataError with a stable code, a human message and
 * structured details; the worker forwards them across the boundary intact.
 */
export const ERROR_CODES = [
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
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class StrataError extends Error {
  override name = 'StrataError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/** A commit found that other versions landed since the version it started from. */
export class ConflictError extends StrataError {
  override name = 'ConflictError';
  constructor(
    message: string,
    details: { tableId: string; base: number; landed: number; head?: number; onlyCompactions?: boolean },
  ) {
    super('CONFLICT', message, details);
  }
}

export function isStrataError(e: unknown): e is StrataError {
  return e instanceof StrataError;
}

export function abortError(): StrataError {
  return new StrataError('ABORTED', 'Cancelled');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
