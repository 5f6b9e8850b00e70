/**
 * Workload 2: appends of 10k rows (each its own import, as the app does it) to tables of several base sizes:
 * latency of the first and last ten, and bytes written per append (CommitResult.summary.bytesAdded) against the
 * Arrow IPC size of the rows appended (read back from the version, as the worker sends them).
 */
import { metric } from '../lib/metrics.mjs';
import { percentile } from '../lib/stats.mjs';

export const title = 'Appends of 10k rows: latency and bytes written';

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** Creates `table` with `rows` rows, in 1M-row imports (a 5M-row CSV would need 420 MB of page memory). */
async function createBase(ctx, table, rows) {
  const chunk = Math.min(rows, 1_000_000);
  let start;
  const t0 = performance.now();
  for (let done = 0; done < rows; done += chunk) {
    const name = `${table}-base`;
    const g = await ctx.call('makeData', {
      name,
      rows: chunk,
      seed: ctx.seed + 100 + done / chunk,
      ...(start ? { start } : {}),
    });
    start = g.end;
    await ctx.call('importData', { data: name, table, mode: done === 0 ? 'create' : 'append' });
    await ctx.call('dropData', [name]);
  }
  return { start, setupMs: performance.now() - t0 };
}

export async function run(ctx) {
  const { bases, count, rows } = ctx.sizes.append;
  const series = {};
  const metrics = [];
  const medians = {};
  for (const base of bases) {
    const table = `append-${label(base)}`;
    const { start, setupMs } = await createBase(ctx, table, base);
    const { appends } = await ctx.call('appendSeries', { table, count, rows, seed: ctx.seed + 1000, start });
    await ctx.call('deleteTable', { table });
    series[label(base)] = appends;
    const ms = appends.map((a) => a.ms);
    const ratios = appends.map((a) => a.bytesAdded / a.arrowBytes);
    medians[base] = percentile(ms, 50);
    ctx.log(`  base ${label(base)} (setup ${(setupMs / 1000).toFixed(1)} s): median ${medians[base].toFixed(0)} ms`);
    metrics.push(
      metric({
        workload: 2,
        label: `append 10k to ${label(base)}: first 10`,
        unit: 'ms',
        values: ms.slice(0, 10),
        digits: 0,
      }),
      metric({
        workload: 2,
        label: `append 10k to ${label(base)}: last 10`,
        unit: 'ms',
        values: ms.slice(-10),
        digits: 0,
      }),
      metric({
        workload: 2,
        label: `bytes written ÷ rows' Arrow size (${label(base)})`,
        unit: '×',
        values: ratios,
        digits: 2,
        target: '≤ 1.2 (issue 3)',
        meets: (m) => m <= 1.2,
      }),
    );
  }
  const small = Math.min(...bases);
  const large = Math.max(...bases);
  if (large > small) {
    metrics.push(
      metric({
        workload: 2,
        label: `append latency at ${label(large)} ÷ at ${label(small)} (medians)`,
        unit: '×',
        values: [medians[large] / medians[small]],
        digits: 2,
        target: '"about as long": ≤ 1.25 (issue 3)',
        meets: (m) => m <= 1.25,
      }),
    );
  }
  return { details: { rowsPerAppend: rows, series }, metrics };
}
