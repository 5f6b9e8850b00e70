/**
 * The ArcticDB AAPL walk-through (src/engine/sample.ts): three daily appends, a restatement of 2024-01-02, another
 * append. Comparing version 2 with version 3 must show exactly the two restated rows.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import { loadSample } from '../sample';
import { countingBlobStore } from '../storage/faulty';
import { createMemoryStorage } from '../storage/memory';
import { toRows, ts } from '../testing/fixtures';
import { diffVersions } from './diff';
import { rowHistory } from './row-history';
import { restatementSeries } from './series';
import { versionStats } from './stats';

async function aapl() {
  const storage = createMemoryStorage();
  const counting = countingBlobStore(storage.blobs);
  const engine = new StrataEngine({ ...storage, blobs: counting });
  const { tableId } = await loadSample(engine);
  const cold = () => {
    engine.ctx.loader.clear();
    counting.reads.clear();
  };
  const reads = () => [...counting.reads.keys()].sort();
  return { engine, tableId, cold, reads };
}

describe('AAPL restatement', () => {
  it('v2 → v3: the two 2024-01-02 rows changed in every measure, keyed by the inferred datetime', async () => {
    const { engine, tableId, cold, reads } = await aapl();
    cold();
    const d = await diffVersions(engine, tableId, 2, 3);
    expect(d).toMatchObject({ mode: 'keyed', keyUsed: ['datetime'], keySource: 'inferred', notice: null });
    expect([d.added, d.removed, d.changed]).toEqual([0, 0, 2]);
    expect(d.changedCells).toEqual({ open: 2, close: 2, low: 2, high: 2, volume: 2, trades: 2 });
    expect([...d.positions.changedTo]).toEqual([2, 3]);
    const before = await engine.filesOfVersion(tableId, 2);
    const after = await engine.filesOfVersion(tableId, 3);
    const unshared = [...before, ...after].filter((f) => !(before.has(f) && after.has(f))).sort();
    expect(reads()).toEqual(unshared); // the old and the restated 2024-01-02 files only
    const w = toRows(d.window(0, 10).rows);
    const names = d.window(0, 1).rows.schema.fields.map((f) => f.name);
    expect(
      w.map((r) => [r[names.indexOf('datetime')], r[names.indexOf('close')], r[names.indexOf('close__old')]]),
    ).toEqual([
      [ts('2024-01-02 08:00:00'), 0.209358, 0.121713],
      [ts('2024-01-02 16:29:00'), 0.31721, 0.506118],
    ]);
  });

  it('the restatement series overlays v2 and v3 and marks 2024-01-02 as differing', async () => {
    const { engine, tableId } = await aapl();
    const r = await restatementSeries(engine, tableId, 2, 3, { x: 'datetime', y: 'close', buckets: 200 });
    expect(r.differing).toEqual([{ x0: ts('2024-01-02 08:00:00'), x1: ts('2024-01-02 16:29:00') }]);
    expect(r.from.domain).toEqual(r.to.domain);
    expect(r.from.points.map((p) => p.y)).toEqual([0.339878, 0.773076, 0.121713, 0.506118, 0.319868, 0.932168]);
    expect(r.to.points.map((p) => p.y)).toEqual([0.339878, 0.773076, 0.209358, 0.31721, 0.319868, 0.932168]);
    // An append adds points but restates nothing before it: its only "difference" is the new day.
    const appended = await restatementSeries(engine, tableId, 3, 4, { x: 'datetime', y: 'close', buckets: 200 });
    expect(appended.differing).toEqual([{ x0: ts('2024-01-04 08:00:00'), x1: ts('2024-01-04 16:29:00') }]);
  });

  it('version stats come from the version records', async () => {
    const { engine, tableId, cold, reads } = await aapl();
    cold();
    const stats = await versionStats(engine, tableId);
    expect(reads()).toEqual([]);
    expect(stats.map((s) => [s.version, s.operation, s.rowsAdded, s.rowsRemoved, s.totalRows])).toEqual([
      [0, 'create', 2, 0, 2],
      [1, 'append', 2, 0, 4],
      [2, 'append', 2, 0, 6],
      [3, 'update', 2, 2, 6],
      [4, 'append', 2, 0, 8],
    ]);
  });

  it('row history of 2024-01-02 08:00 reads only the refs that held it', async () => {
    const { engine, tableId, cold, reads } = await aapl();
    cold();
    const h = await rowHistory(engine, tableId, { column: 'datetime', value: ts('2024-01-02 08:00:00') });
    const open = h.columns.findIndex((c) => c.name === 'open');
    expect(h.versions.map((v) => [v.version, v.present, v.reused, v.position, v.values?.[open] ?? null])).toEqual([
      [0, false, false, null, null],
      [1, true, false, 2, 0.543514],
      [2, true, true, 2, 0.543514],
      [3, true, false, 2, 0.726245],
      [4, true, true, 2, 0.726245],
    ]);
    expect(h.versions[3]!.changed).toEqual(['open', 'close', 'low', 'high', 'volume', 'trades']);
    // Files: v0's segment (scanned: the row is not there), v1's (found), v3's restated one. Never v2's or v4's.
    const files = async (v: number) => [...(await engine.filesOfVersion(tableId, v))];
    const v0 = await files(0);
    const v1 = (await files(1)).filter((f) => !v0.includes(f));
    const v2 = await files(2);
    const v3 = (await files(3)).filter((f) => !v2.includes(f));
    expect(reads()).toEqual([...v0, ...v1, ...v3].sort());
  });
});
