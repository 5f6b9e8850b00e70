/**
 * The table workloads 3 and 4 travel through: `rows` rows and `versions` versions, alternating a restatement of the
 * first 100 rows (update range on ts; their ticker becomes a marker "revK", so every version's first screen is told
 * apart from its neighbours') and an append of 1,000 rows (which changes the row count). What each version must show
 * (row count, marker in the first row) is known from how it was built, and the reads are checked against it.
 */
import { rng } from '../generate.mjs';

export const TIMELINE = 'timeline';

export async function ensureTimeline(ctx) {
  if (ctx.state.timeline) return ctx.state.timeline;
  const { rows, versions } = ctx.sizes.timeline;
  const seed = ctx.seed + 200;
  const t0 = performance.now();
  const g = await ctx.call('makeData', { name: 'timeline-0', rows, seed });
  await ctx.call('importData', { data: 'timeline-0', table: TIMELINE, mode: 'create' });
  await ctx.call('dropData', ['timeline-0']);
  const [first] = await ctx.call('readFirstScreens', { table: TIMELINE, versions: [0], limit: 1 });
  const expected = [{ rows, mark: first.firstRow[2] }];
  let start = g.end;
  for (let k = 1; k < versions; k++) {
    const prev = expected[k - 1];
    if (k % 2 === 1) {
      const mark = `rev${k}`;
      await ctx.call('makeData', { name: 'timeline-k', rows: 100, seed, symbol: mark, closeDelta: k / 1000 });
      await ctx.call('importData', { data: 'timeline-k', table: TIMELINE, mode: 'updateRange', rangeColumn: 'ts' });
      expected.push({ rows: prev.rows, mark });
    } else {
      start = (await ctx.call('makeData', { name: 'timeline-k', rows: 1000, seed: seed + k, start, header: true })).end;
      await ctx.call('importData', { data: 'timeline-k', table: TIMELINE, mode: 'append' });
      expected.push({ rows: prev.rows + 1000, mark: prev.mark });
    }
  }
  await ctx.call('dropData', ['timeline-k']);
  ctx.log(`  timeline table: ${rows} rows, ${versions} versions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  ctx.state.timeline = { expected, versions };
  return ctx.state.timeline;
}

/** `count` versions drawn at random (seeded) among `versions`. */
export function randomVersions(seed, versions, count) {
  const r = rng(seed);
  return Array.from({ length: count }, () => Math.floor(r() * versions));
}
