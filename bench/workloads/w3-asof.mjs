/**
 * Workload 3: as-of reads of random versions among 100 (quick: fewer): time to the first screen of rows (`read` of
 * offset 0, limit 100, decoded in the page), warm (the worker has read this table before) and cold (the page is
 * reloaded, so a new worker starts with empty caches; the operating system's file cache stays warm).
 */
import { metric } from '../lib/metrics.mjs';
import { ensureTimeline, randomVersions, TIMELINE } from './timeline.mjs';

export const title = 'As-of reads: first screen of a random version';

function check(expected, reads) {
  for (const r of reads) {
    const e = expected[r.version];
    if (r.totalRows !== e.rows || r.firstRow[2] !== e.mark) {
      throw new Error(`v${r.version} read ${r.totalRows} rows / "${r.firstRow[2]}", expected ${e.rows} / "${e.mark}"`);
    }
  }
}

export async function run(ctx) {
  const { expected, versions } = await ensureTimeline(ctx);
  const { warmReads, coldRuns } = ctx.sizes.timeline;
  await ctx.call('readFirstScreens', { table: TIMELINE, versions: [versions - 1] }); // warm-up
  const warm = await ctx.call('readFirstScreens', {
    table: TIMELINE,
    versions: randomVersions(ctx.seed + 3, versions, warmReads),
  });
  check(expected, warm);
  const cold = [];
  const coldVersions = randomVersions(ctx.seed + 4, versions, coldRuns);
  for (const version of coldVersions) {
    await ctx.openBench();
    const [r] = await ctx.call('readFirstScreens', { table: TIMELINE, versions: [version] });
    check(expected, [r]);
    cold.push(r.ms);
  }
  const where = `${ctx.sizes.timeline.rows.toLocaleString('en-US')} rows × ${versions} versions`;
  return {
    details: { warm, cold, coldVersions },
    metrics: [
      metric({
        workload: 3,
        label: `first screen of a random version, warm (${where})`,
        unit: 'ms',
        values: warm.map((r) => r.ms),
        target: '≤ 50 ms (issue 5, for a slider step)',
        meets: (m) => m <= 50,
      }),
      metric({
        workload: 3,
        label: 'first screen of a random version, cold (page reloaded)',
        unit: 'ms',
        values: cold,
        target: '≤ 150 ms (issue 5, for a slider step)',
        meets: (m) => m <= 150,
      }),
    ],
  };
}
