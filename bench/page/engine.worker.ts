/**
 * The benchmark's own worker running the engine directly on the same OPFS + IndexedDB store as the app's worker, for
 * what the protocol has no reason to expose: which segments and files a version's commit touched (workload 6).
 * Commits stay serialized with the app's worker by the engine's Web Locks; this worker only reads metadata.
 */
import * as Comlink from 'comlink';
import { StrataEngine } from '../../src/engine/engine';
import { openBrowserStorage } from '../../src/engine/storage/browser';

let opened: Promise<StrataEngine> | undefined;

function engine(): Promise<StrataEngine> {
  opened ??= (async () => {
    const e = new StrataEngine(await openBrowserStorage());
    await e.open();
    return e;
  })();
  return opened;
}

async function tableId(e: StrataEngine, name: string): Promise<string> {
  const t = await e.tableByName(name);
  if (!t) throw new Error(`No table "${name}"`);
  return t.id;
}

const api = {
  /** What a version's commit touched: the parent's segments it replaced, and the files it wrote. */
  async touched(req: { table: string; version: number }) {
    const e = await engine();
    const id = await tableId(e, req.table);
    const [now, parent] = await Promise.all([
      e.resolve(id, { version: req.version }),
      e.resolve(id, { version: req.version - 1 }),
    ]);
    const [list, before] = await Promise.all([e.ctx.list(now), e.ctx.list(parent)]);
    const files = new Map((await e.ctx.catalog.listFiles(id)).map((f) => [f.id, f]));
    const keep = new Set(list.map((r) => r.ref));
    const had = new Set(before.map((r) => r.ref));
    const replaced = before.filter((r) => !keep.has(r.ref));
    const oldFiles = new Set(before.flatMap((r) => [r.file, r.deletes, r.patch]));
    const touchedFiles = new Set(replaced.map((r) => r.file));
    const written = new Set(
      list
        .filter((r) => !had.has(r.ref))
        .flatMap((r) => [r.file, r.deletes, r.patch].filter((f) => f && !oldFiles.has(f))),
    );
    const sum = (ids: Set<string | undefined>) =>
      [...ids].reduce((n, f) => n + (f ? (files.get(f)?.bytes ?? 0) : 0), 0);
    return {
      segmentsBefore: before.length,
      segmentsReplaced: replaced.length,
      rowsInReplacedSlices: replaced.reduce((n, r) => n + r.length, 0),
      touchedFiles: touchedFiles.size,
      touchedFileBytes: sum(touchedFiles),
      touchedFileRows: [...touchedFiles].reduce((n, f) => n + (files.get(f)?.rows ?? 0), 0),
      writtenFiles: [...written].map((f) => ({
        kind: files.get(f!)?.kind,
        bytes: files.get(f!)?.bytes,
        rows: files.get(f!)?.rows,
      })),
      writtenBytes: sum(written),
    };
  },
};

export type EngineBenchApi = typeof api;
Comlink.expose(api);
