import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import { createMemoryStorage } from '../storage/memory';
import { readRows, rows } from '../testing/fixtures';
import { minMaxBuckets, plottable } from './downsample';
import { matOf } from './mat';
import { rowHistory } from './row-history';
import { downsampleSeries, mergeRanges, restatementSeries } from './series';

const S = 'id:int64,t:timestamp,y:float64?';
const T0 = Date.parse('2024-01-01T00:00:00Z');

/** 10 000 rows of a wave with one spike up and one down, in shuffled order. */
function wave() {
  const data = Array.from({ length: 10_000 }, (_, i) => [
    BigInt(i),
    T0 + i * 60_000,
    i === 4321 ? 1000 : i === 777 ? -1000 : Math.sin(i / 100),
  ]);
  for (let i = data.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [data[i], data[j]] = [data[j]!, data[i]!];
  }
  return data;
}

describe('downsampleSeries', () => {
  it('keeps at most 2 × buckets points in x order, spikes included', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 3000 });
    const { tableId } = await engine.createFromData('w', rows(S, wave()));
    const s = await downsampleSeries(engine, tableId, undefined, { x: 't', y: 'y', buckets: 50 });
    expect(s.rows).toBe(10_000);
    expect(s.points.length).toBeLessThanOrEqual(100);
    expect(s.points.length).toBeGreaterThan(50);
    expect(s.domain).toEqual({ min: T0, max: T0 + 9999 * 60_000 });
    const xs = s.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(s.points).toContainEqual({ x: T0 + 4321 * 60_000, y: 1000 });
    expect(s.points).toContainEqual({ x: T0 + 777 * 60_000, y: -1000 });
    const byId = await downsampleSeries(engine, tableId, { version: 0 }, { x: 'id', y: 'y', buckets: 10 });
    expect(byId.points.length).toBeLessThanOrEqual(20);
    await expect(downsampleSeries(engine, tableId, undefined, { x: 't', y: 'nope', buckets: 5 })).rejects.toMatchObject(
      {
        code: 'INVALID_ARGUMENT',
      },
    );
  });

  it('returns every point of a small series and skips rows with a null y', () => {
    const x = { ...matOf('float64', 0) };
    expect(minMaxBuckets(plottable(x, matOf('float64', null)), { min: 0, max: 0 }, 10)).toEqual([]);
    expect(minMaxBuckets(plottable(x, matOf('float64', 2)), { min: 0, max: 0 }, 10)).toEqual([{ x: 0, y: 2 }]);
  });
});

describe('restatementSeries', () => {
  it('marks exactly the x ranges whose points changed, merging neighbours', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 1000 });
    const base = Array.from({ length: 5000 }, (_, i) => [BigInt(i), T0 + i * 1000, i % 17]);
    const { tableId } = await engine.createFromData('r', rows(S, base));
    const restated = [100, 101, 102, 2500, 4999].map((i) => [BigInt(i), T0 + i * 1000, -1]);
    await engine.upsert(tableId, rows(S, restated), { key: ['id'] });
    // A change in a column other than y does not move the line.
    await engine.upsert(tableId, rows('id:int64,t:timestamp,y:float64?', [[7n, T0 + 7000, 7 % 17]]), { key: ['id'] });
    const r = await restatementSeries(engine, tableId, 0, 2, { x: 't', y: 'y', buckets: 100 });
    expect(r.differing).toEqual([
      { x0: T0 + 100_000, x1: T0 + 102_000 },
      { x0: T0 + 2_500_000, x1: T0 + 2_500_000 },
      { x0: T0 + 4_999_000, x1: T0 + 4_999_000 },
    ]);
    expect(r.from.points.length).toBeLessThanOrEqual(200);
    expect(r.to.points).toContainEqual({ x: T0 + 2_500_000, y: -1 });
  });

  it('merges differing x values unless a plotted point lies strictly between them', () => {
    const xy = (xs: number[]) => ({ xs: Float64Array.from(xs), ys: new Float64Array(xs.length), n: xs.length });
    expect(mergeRanges(Float64Array.from([1, 2, 5]), [xy([1, 2, 3, 5])])).toEqual([
      { x0: 1, x1: 2 },
      { x0: 5, x1: 5 },
    ]);
    expect(mergeRanges(new Float64Array(0), [xy([1])])).toEqual([]);
  });
});

describe('rowHistory', () => {
  it('follows a row through upserts, deletion, re-insertion and schema change, reusing unchanged versions', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 2 });
    const P = 'id:int64,name:string?';
    const { tableId } = await engine.createFromData(
      'h',
      rows(P, [
        [1n, 'a'],
        [2n, 'b'],
        [3n, 'c'],
      ]),
    ); // v0
    await engine.append(tableId, rows(P, [[4n, 'd']])); // v1
    await engine.upsert(tableId, rows(P, [[3n, 'C']]), { key: ['id'] }); // v2
    await engine.deleteRows(tableId, { keys: { column: 'id', values: [3] } }); // v3
    await engine.append(tableId, rows(P, [[3n, 'again']])); // v4
    await engine.append(tableId, rows(`${P},n:int64?`, [[5n, 'e', 1n]]), { allowNewColumns: true }); // v5
    await engine.expire({ tableId, keepLast: 5 }); // v0 expires
    const h = await rowHistory(engine, tableId, { column: 'id', value: 3 });
    expect(h.columns.map((c) => c.name)).toEqual(['id', 'name', 'n']);
    expect(h.versions.map((v) => [v.version, v.present, v.values, v.changed, v.reused])).toEqual([
      [1, true, [3n, 'c', null], [], false],
      [2, true, [3n, 'C', null], ['name'], false],
      [3, false, null, [], false],
      [4, true, [3n, 'again', null], ['name'], false],
      [5, true, [3n, 'again', null], [], false], // the schema changed: re-read, not reused
    ]);
    for (const v of h.versions) {
      if (v.present)
        expect((await readRows(engine, tableId, { version: v.version }))[v.position!]![1]).toBe(v.values![1]);
    }
    const none = await rowHistory(engine, tableId, { column: 'id', value: 42 });
    expect(none.versions.every((v) => !v.present)).toBe(true);
  });
});
