/**
 * Cost follows what changed: a diff reads no file of a segment both versions share, and for a segment one
 * operation edited (a new deletion vector or patch over the same data file) it compares only the rows touched.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import { countingBlobStore } from '../storage/faulty';
import { createMemoryStorage } from '../storage/memory';
import { rows } from '../testing/fixtures';
import { diffVersions } from './diff';
import { asNaive, naiveDiff } from './test-support';

const S = 'id:int64,v:float64,s:string?';

async function setup() {
  const storage = createMemoryStorage();
  const counting = countingBlobStore(storage.blobs);
  const engine = new StrataEngine({ ...storage, blobs: counting }, { segmentRows: 4 });
  const first = Array.from({ length: 12 }, (_, i) => [BigInt(i), i / 2, `s${i}`]);
  const { tableId } = await engine.createFromData('t', rows(S, first)); // v0: 3 files of 4 rows
  /** Files read by fn, with every cache cold. */
  const readsOf = async <T>(fn: () => Promise<T>): Promise<{ result: T; files: string[] }> => {
    engine.ctx.loader.clear();
    counting.reads.clear();
    const result = await fn();
    return { result, files: [...counting.reads.keys()].sort() };
  };
  const newFiles = async (from: number, to: number) => {
    const before = await engine.filesOfVersion(tableId, from);
    return [...(await engine.filesOfVersion(tableId, to))].filter((f) => !before.has(f)).sort();
  };
  return { engine, tableId, readsOf, newFiles };
}

describe('shared-segment skipping', () => {
  it('an append-only step reads only the appended files (given or inferred key, or none)', async () => {
    const { engine, tableId, readsOf, newFiles } = await setup();
    await engine.append(
      tableId,
      rows(S, [
        [100n, 1, 'a'],
        [101n, 2, null],
        [102n, 3, 'c'],
        [103n, 4, 'd'],
        [104n, 5, 'e'],
      ]),
    );
    const appended = await newFiles(0, 1);
    expect(appended).toHaveLength(2);
    for (const key of [['id'], undefined]) {
      const { result: d, files } = await readsOf(() => diffVersions(engine, tableId, 0, 1, { key }));
      expect(files).toEqual(appended);
      expect([d.added, d.removed, d.changed]).toEqual([5, 0, 0]);
      expect(d.cost).toMatchObject({ refs: { shared: 3, from: 0, to: 2 }, rowsCompared: { from: 0, to: 5 } });
    }
  });

  it('an upsert reads the edited segment and its patch, comparing only the replaced rows', async () => {
    const { engine, tableId, readsOf, newFiles } = await setup();
    await engine.upsert(tableId, rows(S, [[5n, 99, 's5']]), { key: ['id'] });
    const { result: d, files } = await readsOf(() => diffVersions(engine, tableId, 0, 1, { key: ['id'] }));
    const patch = await newFiles(0, 1);
    const segment = [...(await engine.filesOfVersion(tableId, 0))].filter((f) => files.includes(f));
    expect(patch).toHaveLength(1);
    expect(files).toEqual([...patch, ...segment].sort());
    expect(segment).toHaveLength(1);
    expect([d.added, d.removed, d.changed]).toEqual([0, 0, 1]);
    expect(d.changedCells).toEqual({ v: 1, s: 0 });
    expect(d.cost.rowsCompared).toEqual({ from: 1, to: 1 });
  });

  it('a delete compares only the deleted rows', async () => {
    const { engine, tableId, readsOf } = await setup();
    await engine.deleteRows(tableId, { keys: { column: 'id', values: [1, 2] } });
    const { result: d, files } = await readsOf(() => diffVersions(engine, tableId, 0, 1));
    expect(files).toHaveLength(2); // the first segment's data and its new deletion vector
    expect([d.added, d.removed, d.changed]).toEqual([0, 2, 0]);
    expect([...d.positions.removed]).toEqual([1, 2]);
    expect(d.cost.rowsCompared).toEqual({ from: 2, to: 0 });
  });

  it('a restatement by range compares only the restated rows (split segments cancel unread)', async () => {
    const { engine, tableId, readsOf } = await setup();
    await engine.updateRange(
      tableId,
      rows(S, [
        [5n, -5, 'r'],
        [6n, -6, 'r'],
      ]),
      { column: 'id' },
    );
    const { result: d } = await readsOf(() => diffVersions(engine, tableId, 0, 1, { key: ['id'] }));
    expect([d.added, d.removed, d.changed]).toEqual([0, 0, 2]);
    expect(d.cost.rowsCompared).toEqual({ from: 2, to: 2 });
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 0, 1, ['id']));
  });

  it('identical versions (a restore) read nothing', async () => {
    const { engine, tableId, readsOf } = await setup();
    await engine.append(tableId, rows(S, [[50n, 1, 'x']]));
    await engine.restore(tableId, 0);
    const { result: d, files } = await readsOf(() => diffVersions(engine, tableId, 0, 2));
    expect(files).toEqual([]);
    expect([d.added, d.removed, d.changed]).toEqual([0, 0, 0]);
    expect(d.window(0, 10).total).toBe(0);
  });
});
