/**
 * SQLite-style fault injection: make the N-th I/O step of a commit fail, for every N, transient and persistent.
 * Each run must end fully committed or unchanged (head and every version byte-identical), with a typed error, and a
 * retry after a transient fault must succeed; verify passes after GC.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { isStrataError } from './errors';
import { FaultPlan, faultyBlobStore, faultyCatalog, type FaultKind } from './storage/faulty';
import { createMemoryStorage } from './storage/memory';
import type { EngineStorage } from './storage/ports';
import { readRows, rows } from './testing/fixtures';

const S = 'id:int64,name:string?,score:float64?';

async function baseStore() {
  const storage = createMemoryStorage();
  const engine = new StrataEngine(storage, { segmentRows: 2 });
  const { tableId } = await engine.createFromData(
    't',
    rows(S, [
      [1n, 'a', 1],
      [2n, 'b', 2],
      [3n, 'c', 3],
    ]),
  );
  await engine.append(tableId, rows(S, [[4n, 'd', 4]]));
  await engine.createTag('keep');
  return { storage, tableId };
}

async function snapshot(engine: StrataEngine, tableId: string) {
  const table = await engine.table(tableId);
  const versions = [];
  for (let v = 0; v <= table.head; v++) {
    versions.push(
      await readRows(engine, tableId, { version: v }).catch((e: unknown) => (isStrataError(e) ? e.code : e)),
    );
  }
  return { head: table.head, versions };
}

const big = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

type Op = (engine: StrataEngine, tableId: string) => Promise<unknown>;
const OPERATIONS: Record<string, Op> = {
  append: (e, t) =>
    e.append(
      t,
      rows(S, [
        [5n, 'e', 5],
        [6n, 'f', 6],
        [7n, 'g', 7],
      ]),
    ),
  overwrite: (e, t) => e.overwrite(t, rows(S, [[9n, 'z', 9]])),
  upsert: (e, t) =>
    e.upsert(
      t,
      rows(S, [
        [2n, 'B', 20],
        [8n, 'h', 8],
      ]),
      { key: ['id'] },
    ),
  updateRange: (e, t) =>
    e.updateRange(
      t,
      rows(S, [
        [2n, 'x', 0],
        [3n, 'y', 0],
      ]),
      { column: 'id' },
    ),
  delete: (e, t) => e.deleteRows(t, { keys: { column: 'id', values: [1, 3] } }),
  restore: (e, t) => e.restore(t, 0),
  compact: (e, t) => e.compact(t),
  expire: (e, t) => e.expire({ tableId: t, keepLast: 1 }),
};

function faulty(storage: EngineStorage, plan: FaultPlan): EngineStorage {
  return { ...storage, blobs: faultyBlobStore(storage.blobs, plan), catalog: faultyCatalog(storage.catalog, plan) };
}

describe.each(Object.keys(OPERATIONS))('fault injection: %s', (name) => {
  const op = OPERATIONS[name]!;
  it.each<FaultKind>(['transient', 'persistent'])('every step failing (%s) leaves all or nothing', async (kind) => {
    // First count the steps of a clean run.
    const clean = await baseStore();
    const counter = new FaultPlan();
    await op(new StrataEngine(faulty(clean.storage, counter), { segmentRows: 2 }), clean.tableId);
    const steps = counter.count;
    expect(steps).toBeGreaterThan(0);
    const expected = await snapshot(new StrataEngine(clean.storage), clean.tableId);

    let failures = 0;
    for (let n = 1; n <= steps; n++) {
      const { storage, tableId } = await baseStore();
      const before = await snapshot(new StrataEngine(storage), tableId);
      const plan = new FaultPlan().failAt(n, kind);
      const engine = new StrataEngine(faulty(storage, plan), { segmentRows: 2 });
      let failed = false;
      try {
        await op(engine, tableId);
      } catch (e) {
        failed = true;
        failures++;
        expect(isStrataError(e) && e.code === 'IO_ERROR').toBe(true);
      }
      const fresh = new StrataEngine(storage);
      const after = await snapshot(fresh, tableId);
      // All or nothing: a failed run leaves the store as it was, or (a fault after the commit transaction, e.g. in
      // the GC that follows an expiry) fully committed; a run that reports success is fully committed.
      if (failed) expect([before, expected]).toContainEqual(after);
      else expect(after).toEqual(expected);
      await fresh.gc();
      expect((await fresh.verify()).ok).toBe(true);
      if (kind === 'transient' && failed && JSON.stringify(after, big) === JSON.stringify(before, big)) {
        await op(new StrataEngine(storage, { segmentRows: 2 }), tableId);
        expect(await snapshot(new StrataEngine(storage), tableId)).toEqual(expected);
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});
