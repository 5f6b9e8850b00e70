/**
 * Workload 6: update range restating 1% of the table (a contiguous run of rows by ts, close changed), at a different
 * place each run: bytes written (CommitResult.summary.bytesAdded) against the sizes of the data files of the segments
 * the update touched (from the version's segment list, read by the benchmark's engine worker) and against the
 * restated rows' own Arrow size. Rewriting the touched segments would write their whole size; the engine's design
 * (issue 3) is to write about the restated rows.
 */
import { metric } from '../lib/metrics.mjs';

export const title = 'Update range restating 1%: bytes written';

export async function run(ctx) {
  const { rows, runs } = ctx.sizes.update;
  const seed = ctx.seed + 400;
  const count = Math.round(rows / 100);
  await ctx.call('makeData', { name: 'update', rows, seed });
  await ctx.call('importData', { data: 'update', table: 'update', mode: 'create' });
  await ctx.call('dropData', ['update']);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const from = Math.floor(rows * (0.1 + (0.8 * i) / runs));
    await ctx.call('makeData', { name: 'update-k', rows: from + count, seed, from, closeDelta: 0.5 + i });
    const { ms, result } = await ctx.call('importData', {
      data: 'update-k',
      table: 'update',
      mode: 'updateRange',
      rangeColumn: 'ts',
    });
    const s = result.summary;
    if (s.rowsAdded !== count || s.rowsRemoved !== count || s.totalRows !== rows) {
      throw new Error(
        `update range: +${s.rowsAdded} −${s.rowsRemoved} of ${s.totalRows}, expected ±${count} of ${rows}`,
      );
    }
    const touched = await ctx.call('touchedSegments', { table: 'update', version: result.version });
    const arrow = await ctx.call('windowBytes', {
      table: 'update',
      version: result.version,
      offset: from,
      limit: count,
    });
    samples.push({ ms, from, bytesAdded: s.bytesAdded, arrow, touched });
  }
  await ctx.call('dropData', ['update-k']);
  await ctx.call('deleteTable', { table: 'update' });
  const pct = (count / rows) * 100;
  return {
    details: { rows, restatedRows: count, samples },
    metrics: [
      metric({
        workload: 6,
        label: `update range restating ${pct}% of ${rows.toLocaleString('en-US')}`,
        unit: 'ms',
        values: samples.map((x) => x.ms),
        digits: 0,
      }),
      metric({
        workload: 6,
        label: 'bytes written',
        unit: 'kB',
        values: samples.map((x) => x.bytesAdded / 1024),
        digits: 0,
      }),
      metric({
        workload: 6,
        label: 'bytes written ÷ touched segments’ file bytes',
        unit: '×',
        values: samples.map((x) => x.bytesAdded / x.touched.touchedFileBytes),
        digits: 3,
        target: '≪ 1 (no segment rewrite, issue 3)',
        meets: (m) => m < 0.5,
      }),
      metric({
        workload: 6,
        label: 'bytes written ÷ restated rows’ Arrow size',
        unit: '×',
        values: samples.map((x) => x.bytesAdded / x.arrow),
        digits: 2,
        target: '≈ 1 (writes ~the restated rows)',
        meets: (m) => m <= 1.2,
      }),
    ],
  };
}
