/**
 * diffVersions: what changed between two versions of a table, at a cost that follows what changed.
 *
 * Semantics. Rows are compared over the union of both versions' columns (a column a version lacks reads as null).
 * Keyed mode matches rows by key: a key on one side only is added / removed, on both sides it is changed when any
 * cell differs (float64 within the tolerance counts as equal; null vs value is a change, null vs null is not).
 * Multiset mode (no usable key) compares whole rows as multisets: a row with no equal partner is added or removed,
 * and duplicates count.
 *
 * Why shared rows can be skipped (pools.ts finds them: same ref id, or same data-file row under the same patch).
 * Let S be the rows both versions share, so from = S + A and to = S + B. In multiset mode S cancels out exactly.
 * In keyed mode, take a key k with a row in A (the case of B is symmetric):
 * - k also in B: both rows are compared, as they must be;
 * - k not in B: could k's to-version row hide in S, unread? Then k is in S, which is part of `from` too, so k would
 *   name two rows of `from` (one in S, one in A): impossible for a key unique in `from`. Hence k is removed.
 * And a key in S has the same row on both sides, so it is unchanged. So no key index of the shared rows is ever
 * needed: uniqueness within each version is all the skipping relies on. The diff checks it on the rows it reads
 * (a given key that repeats there falls back to multiset mode, with a notice). A key that repeats only across shared
 * and non-shared rows (possible only if it was never unique) still gets an exact multiset answer: the extra row shows
 * as added or removed. In particular an append-only step reads exactly the appended files. Nor can a row "move"
 * into a shared segment unseen: every operation that takes a row out of a segment (delete, update, upsert) gives
 * that segment a new ref id (a new deletion vector or patch), so both the old and the new home are read.
 *
 * Results are cached per (table, from, to, key, tolerance) by version record id, so paging costs only the page.
 */
import { lockNames } from '../context';
import type { StrataEngine } from '../engine';
import { StrataError } from '../errors';
import { Lru } from '../util/lru';
import { diffSchemas, planColumns, windowNames } from './columns';
import { computeDiff } from './compute';
import { loadPools } from './pools';
import type { DiffOptions, DiffResult, Tolerance } from './types';
import { DiffPager } from './window';

/**
 * Cached diffs hold their compared rows' segments in memory (for paging), so the cache is bounded by rows compared:
 * about two 1M × 1M diffs. An entry weighs 1 while it computes, its row count once done.
 */
const CACHED_ROWS = 4_000_000;
const weights = new WeakMap<Promise<DiffResult>, number>();
const caches = new WeakMap<StrataEngine, Lru<string, Promise<DiffResult>>>();

function cacheOf(engine: StrataEngine): Lru<string, Promise<DiffResult>> {
  let cache = caches.get(engine);
  if (!cache) caches.set(engine, (cache = new Lru(CACHED_ROWS, (p) => weights.get(p) ?? 1)));
  return cache;
}

function checkTolerance(t: Tolerance | undefined): Tolerance {
  const abs = t?.absolute ?? 0;
  const rel = t?.relative ?? 0;
  if (!(abs >= 0 && abs < Infinity && rel >= 0 && rel < Infinity)) {
    throw new StrataError('INVALID_ARGUMENT', 'A tolerance must be a finite number ≥ 0', { tolerance: t });
  }
  return { absolute: abs, relative: rel };
}

/** Forgets an engine's cached diffs: for tests and benchmarks that time a diff from scratch. */
export function clearDiffCache(engine: StrataEngine): void {
  caches.delete(engine);
}

export async function diffVersions(
  engine: StrataEngine,
  tableId: string,
  from: number,
  to: number,
  opts: DiffOptions = {},
): Promise<DiffResult> {
  const tolerance = checkTolerance(opts.tolerance);
  const [a, b] = await Promise.all([
    engine.resolve(tableId, { version: from }),
    engine.resolve(tableId, { version: to }),
  ]);
  const cacheKey = JSON.stringify([tableId, a.id, b.id, opts.key ?? null, tolerance.absolute, tolerance.relative]);
  const cache = cacheOf(engine);
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const pending = compute(engine, tableId, from, to, opts.key, tolerance);
  cache.set(cacheKey, pending);
  pending.then(
    (d) => {
      weights.set(pending, d.cost.rowsCompared.from + d.cost.rowsCompared.to + 1);
      if (cache.get(cacheKey) === pending) cache.set(cacheKey, pending); // re-weighed now that the size is known
    },
    () => cache.delete(cacheKey),
  );
  return pending;
}

function compute(
  engine: StrataEngine,
  tableId: string,
  from: number,
  to: number,
  key: readonly string[] | undefined,
  tolerance: Tolerance,
): Promise<DiffResult> {
  const { ctx } = engine;
  // One shared read lock for both versions (a nested request could queue behind a waiting GC and deadlock).
  return ctx.storage.locks.request(lockNames.read(tableId), 'shared', async () => {
    const started = performance.now();
    const [a, b] = await Promise.all([
      engine.resolve(tableId, { version: from }),
      engine.resolve(tableId, { version: to }),
    ]);
    const pools = await loadPools(ctx, a, b);
    const plans = planColumns(a.schema, b.schema);
    const computed = computeDiff(pools, plans, key, tolerance);
    const names = windowNames(plans, computed.key ?? [], computed.mode === 'keyed');
    const pager = new DiffPager(pools, computed, plans, names);
    const changedCells: Record<string, number> = {};
    computed.compared.forEach((p, c) => (changedCells[p.name] = computed.changedCells[c]!));
    const result: DiffResult = {
      tableId,
      from,
      to,
      mode: computed.mode,
      keyUsed: computed.key,
      keySource: computed.keySource,
      notice: computed.notice,
      schema: diffSchemas(a.schema, b.schema),
      added: computed.added,
      removed: computed.removed,
      changed: computed.changed,
      changedCells,
      columns: names.columns,
      windowColumns: { change: names.change, fromRow: names.fromRow, toRow: names.toRow },
      positions: computed.positions,
      cost: {
        refs: { shared: pools.sharedRefs, from: pools.from.refsUnique, to: pools.to.refsUnique },
        refsLoaded: { from: pools.from.refsLoaded, to: pools.to.refsLoaded },
        rowsCompared: { from: pools.from.n, to: pools.to.n },
        ms: performance.now() - started,
      },
      window: (offset, limit, filter) => pager.window(offset, limit, filter),
    };
    return result;
  });
}
