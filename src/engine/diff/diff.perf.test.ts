/**
 * Diff timing at the benchmark's scale (skipped unless DIFF_PERF=1; timing is printed, never asserted):
 * version A has 1M rows; version B changes `close` in 1% of rows, deletes 0.5% and inserts 0.5%. B is made twice:
 * by engine operations (upsert + delete: the segments stay and get patches and deletion vectors) and as an
 * overwrite (every file new: the full 1M × 1M join).
 *
 *   DIFF_PERF=1 npx vitest run --project unit src/engine/diff/diff.perf.test.ts
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import type { Schema } from '../model/schema';
import { tableFromValues } from '../read/gather';
import type { Value } from '../read/values';
import { createMemoryStorage } from '../storage/memory';
import { clearDiffCache, diffVersions } from './diff';

const N = 1_000_000;
const schema: Schema = {
  fields: [
    { name: 'id', type: 'int64', nullable: false },
    { name: 'datetime', type: 'timestamp', nullable: false },
    { name: 'symbol', type: 'string', nullable: false },
    { name: 'open', type: 'float64', nullable: false },
    { name: 'close', type: 'float64', nullable: false },
    { name: 'volume', type: 'int64', nullable: false },
  ],
};

function table(ids: number[], closeOf: (id: number) => number) {
  const n = ids.length;
  const cols: Value[][] = schema.fields.map(() => new Array<Value>(n));
  const symbols = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'];
  ids.forEach((id, i) => {
    cols[0]![i] = BigInt(id);
    cols[1]![i] = 1_704_067_200_000 + id * 60_000;
    cols[2]![i] = symbols[id % 5]!;
    cols[3]![i] = 100 + (id % 1000) / 10;
    cols[4]![i] = closeOf(id);
    cols[5]![i] = BigInt(1000 + (id % 7919));
  });
  return tableFromValues(schema, cols, n);
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU time (the CPU figure is the steadier one on a shared machine). */
async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const c = cpu();
  const out = await fn();
  console.log(`${label}: ${(performance.now() - t).toFixed(1)} ms (cpu ${(cpu() - c).toFixed(1)} ms)`);
  return out;
}

describe.skipIf(process.env.DIFF_PERF !== '1')('diff performance (1M vs 1M)', () => {
  const close = (id: number) => 100 + (id % 997) / 7;
  const ids = Array.from({ length: N }, (_, i) => i);
  const changed = ids.filter((i) => i % 100 === 37); // 1%
  const deleted = ids.filter((i) => i % 200 === 11); // 0.5%
  const inserted = Array.from({ length: N / 200 }, (_, i) => N + i); // 0.5%
  const changedSet = new Set(changed);
  const deletedSet = new Set(deleted);
  const closeB = (id: number) => (changedSet.has(id) ? close(id) + 1 : close(id));

  async function measure(engine: StrataEngine, tableId: string, from: number, to: number) {
    engine.ctx.loader.clear();
    clearDiffCache(engine);
    const cold = await time('  diff, files not yet loaded', () =>
      diffVersions(engine, tableId, from, to, { key: ['id'] }),
    );
    let d = cold;
    for (let run = 1; run <= 5; run++) {
      clearDiffCache(engine);
      d = await time(`  diff, files loaded (counts + positions), run ${run}`, () =>
        diffVersions(engine, tableId, from, to, { key: ['id'] }),
      );
    }
    await time('  first window (100 rows, sorts the diff rows)', () => d.window(0, 100));
    await time('  next window', () => d.window(100, 100));
    clearDiffCache(engine);
    await time('  diff with inferred key', () => diffVersions(engine, tableId, from, to));
    console.log(`  cost: ${JSON.stringify({ ...d.cost, ms: Math.round(d.cost.ms) })}`);
    expect([cold.added, cold.removed, cold.changed]).toEqual([inserted.length, deleted.length, changed.length]);
    expect([d.added, d.removed, d.changed]).toEqual([inserted.length, deleted.length, changed.length]);
    expect(d.changedCells).toMatchObject({ close: changed.length, open: 0 });
  }

  it('B by upsert + delete (segments kept, patched, masked)', { timeout: 600_000 }, async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await time('build A', () => engine.createFromData('bench', table(ids, close)));
    await time('build B: upsert 1% changed + 0.5% new', () =>
      engine.upsert(tableId, table([...changed, ...inserted], closeB), { key: ['id'] }),
    );
    await time('build B: delete 0.5%', () => engine.deleteRows(tableId, { keys: { column: 'id', values: deleted } }));
    console.log('B by operations:');
    await measure(engine, tableId, 0, 2);
  });

  it('B as an overwrite (no shared file)', { timeout: 600_000 }, async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await time('build A', () => engine.createFromData('bench', table(ids, close)));
    const kept = [...ids.filter((i) => !deletedSet.has(i)), ...inserted];
    await time('build B: overwrite', () => engine.overwrite(tableId, table(kept, closeB)));
    console.log('B as an overwrite:');
    await measure(engine, tableId, 0, 1);
  });
});
