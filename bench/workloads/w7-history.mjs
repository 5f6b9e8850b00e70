/**
 * Workload 7: many small commits (appends of 10 rows, each an import as the app does it) to a table, and a tenth as
 * many to a second table; then, alternating between the two tables so that the machine's noise falls on both alike:
 * listing the whole history, and resolving random as-of times (checked against the commit times). Growth from the
 * small table to the large one shows how each scales. Also: the tables' metadata in IndexedDB (JSON length of their
 * records: per version it should stay flat), and reading the head in full against the same rows compacted (issue 3:
 * ≤ 2×). The origin's `storage.estimate()` before and after is kept in the details only: LevelDB compaction makes it
 * go down as well as up, so it is no measure of metadata.
 */
import { rng } from '../generate.mjs';
import { metric } from '../lib/metrics.mjs';
import { percentile } from '../lib/stats.mjs';

export const title = 'Many small commits: history, as-of time, metadata';

const LARGE = 'history';
const SMALL = 'history-small';

async function build(ctx, table, commits, seed) {
  const g = await ctx.call('makeData', { name: `${table}-0`, rows: 10, seed });
  await ctx.call('importData', { data: `${table}-0`, table, mode: 'create' });
  await ctx.call('dropData', [`${table}-0`]);
  const { appends } = await ctx.call('appendSeries', {
    table,
    count: commits - 1,
    rows: 10,
    seed: seed + 1,
    start: g.end,
    measureArrow: false,
  });
  const { id } = await ctx.call('tableInfo', { table });
  return { id, commitMs: appends.map((a) => a.ms), times: await ctx.call('commitTimes', { table }) };
}

/** One as-of lookup of a random time between the first and last commit, checked against the commit times. */
async function lookup(ctx, table, times, r) {
  const time = times[0] + Math.floor(r() * (times.at(-1) - times[0] + 1));
  const { ms, versions } = await ctx.call('resolveTimes', { table, times: [time] });
  const want = times.findLastIndex((t) => t <= time);
  if (versions[0] !== want) throw new Error(`${table} as of ${time} resolved to v${versions[0]}, expected v${want}`);
  return ms[0];
}

export async function run(ctx) {
  const { commits } = ctx.sizes.history;
  const few = Math.round(commits / 10);
  const storageBefore = await ctx.call('storageEstimate');
  const large = await build(ctx, LARGE, commits, ctx.seed + 500);
  const small = await build(ctx, SMALL, few, ctx.seed + 700);
  const storageAfter = await ctx.call('storageEstimate');

  const history = { small: [], large: [] };
  const resolve = { small: [], large: [] };
  const r = rng(ctx.seed + 7);
  for (let i = 0; i < 10; i++) {
    history.small.push(...(await ctx.call('historyTimes', { table: SMALL, runs: 1 })).ms);
    history.large.push(...(await ctx.call('historyTimes', { table: LARGE, runs: 1 })).ms);
  }
  for (let i = 0; i < 50; i++) {
    resolve.small.push(await lookup(ctx, SMALL, small.times, r));
    resolve.large.push(await lookup(ctx, LARGE, large.times, r));
  }
  const meta = {
    small: await ctx.call('metaBytes', { tableId: small.id }),
    large: await ctx.call('metaBytes', { tableId: large.id }),
  };

  // The version before compaction and the compacted head hold the same rows in different layouts: read alternately.
  const { head: before } = await ctx.call('tableInfo', { table: LARGE });
  const compaction = await ctx.call('compact', { table: LARGE });
  const head = [];
  const compacted = [];
  for (let i = 0; i < 10; i++) {
    head.push((await ctx.call('readWhole', { table: LARGE, version: before })).ms);
    compacted.push((await ctx.call('readWhole', { table: LARGE })).ms);
  }
  await ctx.call('deleteTable', { table: SMALL });

  const ratio = (a, b) => [percentile(a, 50) / percentile(b, 50)];
  const perVersion = { small: meta.small.total / few, large: meta.large.total / commits };
  return {
    details: {
      commits,
      few,
      history,
      resolve,
      meta,
      storage: { before: storageBefore, after: storageAfter },
      compaction,
      head,
      compacted,
      commitMs: large.commitMs,
    },
    metrics: [
      metric({
        workload: 7,
        label: `small commit (10-row append) latency, ${commits} commits`,
        unit: 'ms',
        values: large.commitMs,
        digits: 0,
      }),
      metric({
        workload: 7,
        label: `history listing, all ${commits} versions`,
        unit: 'ms',
        values: history.large,
        target: '≤ 50 ms (issue 3)',
        meets: (m) => m <= 50,
      }),
      metric({
        workload: 7,
        label: `history listing: ${commits} ÷ ${few} versions (medians)`,
        unit: '×',
        values: ratio(history.large, history.small),
        digits: 2,
      }),
      metric({
        workload: 7,
        label: `as-of time lookup, ${commits} versions`,
        unit: 'ms',
        values: resolve.large,
        digits: 2,
      }),
      metric({
        workload: 7,
        label: `as-of time lookup: ${commits} ÷ ${few} versions (medians)`,
        unit: '×',
        values: ratio(resolve.large, resolve.small),
        digits: 2,
        target: 'O(log n): ≪ 10× (issue 3)',
        meets: (m) => m < 2,
      }),
      metric({
        workload: 7,
        label: `catalog metadata of the table (${commits} versions)`,
        unit: 'kB',
        values: [meta.large.total / 1024],
        digits: 0,
      }),
      metric({
        workload: 7,
        label: `metadata per version (${commits} versions)`,
        unit: 'B',
        values: [perVersion.large],
        digits: 0,
      }),
      metric({
        workload: 7,
        label: `metadata per version: ${commits} versions ÷ ${few}`,
        unit: '×',
        values: [perVersion.large / perVersion.small],
        digits: 2,
        target: 'flat: versions + segments, not versions × segments (issue 3)',
        meets: (m) => m < 1.5,
      }),
      metric({
        workload: 7,
        label: 'read head in full after small commits (uncompacted)',
        unit: 'ms',
        values: head,
      }),
      metric({
        workload: 7,
        label: 'read head in full ÷ after compact (medians)',
        unit: '×',
        values: ratio(head, compacted),
        digits: 2,
        target: '≤ 2 (issue 3)',
        meets: (m) => m <= 2,
      }),
    ],
  };
}
