/** Helpers for the portability tests: byte sinks, File-like sources cut into odd chunks, fixtures. */
import { StrataEngine } from '../engine';
import { createMemoryStorage } from '../storage/memory';
import type { EngineStorage } from '../storage/ports';
import { FakeClock, readRows, ts } from '../testing/fixtures';
import type { ByteSource } from './source';

/** A sink that keeps every chunk; `bytes()` joins them. */
export function collectingSink(): { sink: (chunk: Uint8Array) => void; bytes: () => Uint8Array; chunks: number } {
  const parts: Uint8Array[] = [];
  const state = {
    chunks: 0,
    sink: (chunk: Uint8Array) => {
      parts.push(chunk.slice());
      state.chunks++;
    },
    bytes: () => concat(parts),
  };
  return state;
}

/** Byte equality without vitest's element-wise diff (slow on large arrays). */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && a.length === b.length && Buffer.compare(a, b) === 0;
}

/** A comparable summary of named byte arrays: name → length and a hex prefix and sum. */
export function digestFiles(files: Record<string, Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) out[k] = `${v.length}:${Buffer.from(v).toString('base64')}`;
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A File-like source that streams `bytes` in chunks of `chunk` bytes (odd sizes shake out boundary bugs). */
export function sourceOf(bytes: Uint8Array, chunk = 4093): ByteSource {
  return {
    size: bytes.length,
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(at, at + chunk));
          at += chunk;
        },
      });
    },
  };
}

export async function openEngine(storage: EngineStorage = createMemoryStorage(), clock?: FakeClock) {
  const engine = new StrataEngine(storage, { clock: clock?.fn, segmentRows: 3 });
  await engine.open();
  return engine;
}

/** Every live version of every table as plain rows, keyed by table name and version (for equality checks). */
export async function snapshotStore(engine: StrataEngine) {
  const out: Record<string, unknown> = {};
  for (const t of await engine.listTables()) {
    const { versions } = await engine.history(t.id);
    for (const v of versions.reverse()) {
      const key = `${t.name}@${v.version}`;
      out[key] = {
        id: v.id,
        committedAt: v.committedAt,
        operation: v.operation,
        expiredAt: v.expiredAt,
        message: v.message,
        schema: v.schema,
        rows: v.expiredAt === undefined ? await readRows(engine, t.id, { version: v.version }) : null,
      };
    }
  }
  const tags = (await engine.listTagInfos()).map((t) => ({
    name: t.name,
    createdAt: t.createdAt,
    message: t.message,
    entries: t.entries.map((e) => `${e.tableName}@${e.version}`).sort(),
  }));
  return { versions: out, tags };
}

export { FakeClock, ts };
