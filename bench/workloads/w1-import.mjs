/**
 * Workload 1: import the CSV to a committed version (the real worker, real OPFS + IndexedDB), with the engine
 * worker's peak memory, against DuckDB-WASM's read_csv of the same File in the same page. Runs alternate (ours,
 * DuckDB, ours, …) so that the machine's noise falls on both alike; the ratio is the median of the paired ratios.
 * Both first do one untimed 10k-row warm-up, so that neither pays its code's first compilation in a timed run.
 */
import { metric, MB } from '../lib/metrics.mjs';
import { percentile } from '../lib/stats.mjs';

export const title = 'Import CSV → committed version, vs DuckDB-WASM read_csv';

export async function run(ctx) {
  const { rows, runs } = ctx.sizes.import;
  const data = await ctx.call('makeData', { name: 'import', rows, seed: ctx.seed });
  await ctx.call('makeData', { name: 'import-warmup', rows: 10_000, seed: ctx.seed + 1 });
  await ctx.call('importData', { data: 'import-warmup', table: 'import-warmup', mode: 'create' });
  await ctx.call('deleteTable', { table: 'import-warmup' });
  await ctx.call('duckReadCsv', { data: 'import-warmup', table: 'import' });
  await ctx.call('dropData', ['import-warmup']);
  const ours = [];
  const duck = [];
  const ratios = [];
  const peaks = [];
  const aboveIdle = [];
  const memRatios = [];
  const arrow = [];
  for (let i = 0; i < runs; i++) {
    const table = `import-${i}`;
    const sampler = await ctx.memory.sample(ctx.engineWorker);
    const r = await ctx.call('importData', { data: 'import', table, mode: 'create' });
    const mem = await sampler.stop();
    const info = await ctx.call('tableInfo', { table });
    if (info.rows !== rows) throw new Error(`imported ${info.rows} rows, expected ${rows}`);
    await ctx.call('deleteTable', { table });
    const d = await ctx.call('duckReadCsv', { data: 'import', table: 'import' });
    if (d.rows !== rows) throw new Error(`DuckDB read ${d.rows} rows, expected ${rows}`);
    ours.push(r.ms / 1000);
    duck.push(d.ms / 1000);
    ratios.push(r.ms / d.ms);
    arrow.push(info.bytes);
    if (mem?.peak) {
      peaks.push(mem.peak.total / MB);
      aboveIdle.push((mem.peak.total - mem.baseline.total) / MB);
      memRatios.push(mem.peak.total / info.bytes);
    }
    ctx.log(
      `  run ${i + 1}: ours ${r.ms.toFixed(0)} ms, DuckDB ${d.ms.toFixed(0)} ms, peak ${mem?.peak ? (mem.peak.total / MB).toFixed(0) : '?'} MB`,
    );
  }
  await ctx.call('duckDrop', { tables: ['import'] });
  await ctx.call('dropData', ['import']);
  if (!peaks.length)
    ctx.note(1, 'Peak worker memory was not sampled: the engine worker target was not found over CDP.');
  const n = rows.toLocaleString('en-US');
  return {
    details: { rows, csvBytes: data.bytes, arrowBytes: percentile(arrow, 50), ours, duck, peaksMB: peaks },
    metrics: [
      metric({ workload: 1, label: `import ${n} rows: ours`, unit: 's', values: ours, digits: 2 }),
      metric({
        workload: 1,
        label: 'import throughput: ours',
        unit: 'rows/s',
        values: ours.map((s) => rows / s),
        digits: 0,
        target: '≥ 1,000,000 rows/s (issue 4)',
        meets: (m) => m >= 1e6,
      }),
      metric({ workload: 1, label: `DuckDB-WASM read_csv ${n} rows`, unit: 's', values: duck, digits: 2 }),
      metric({
        workload: 1,
        label: 'ours ÷ DuckDB (paired runs)',
        unit: '×',
        values: ratios,
        digits: 2,
        target: '≤ 1 (issue 4)',
        meets: (m) => m <= 1,
      }),
      metric({
        workload: 1,
        label: 'peak engine-worker memory (JS heap + ArrayBuffers)',
        unit: 'MB',
        values: peaks,
        digits: 0,
      }),
      metric({
        workload: 1,
        label: 'of which above the worker before the import',
        unit: 'MB',
        values: aboveIdle,
        digits: 0,
      }),
      metric({
        workload: 1,
        label: 'table Arrow size (data files)',
        unit: 'MB',
        values: arrow.map((b) => b / MB),
        digits: 1,
      }),
      metric({
        workload: 1,
        label: 'peak memory ÷ table Arrow size',
        unit: '×',
        values: memRatios,
        digits: 2,
        target: '≤ 3 (issue 4)',
        meets: (m) => m <= 3,
      }),
    ],
  };
}
