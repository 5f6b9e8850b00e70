/**
 * Key inference: the first column, in order of how much it looks like a key, that is non-null and unique among the
 * rows the diff compares on each side.
 *
 * Only the compared rows are checked, never the shared ones, so inference costs no more than the diff. That is
 * exactly the uniqueness a keyed diff needs to be well defined: shared and cancelled rows are identical on both sides
 * whatever the key, and among the rest each key must name at most one row per side. The ranking picks the column a
 * person would call the key when few rows differ (then many columns are unique among them): names `id`, then `key`,
 * `*_id`, `*Id`, `*_key`; then time columns (a time series is keyed by time); then int64 and string; float64 last.
 */
import type { ColumnPlan } from './columns';
import type { KeyJoin } from './join';
import { joinOn } from './key-join';
import type { RowSet } from './pools';

function nameRank(name: string): number {
  const lower = name.toLowerCase();
  if (lower === 'id') return 0;
  if (lower === 'key' || /(^|[_\s.-])(id|key)$/.test(lower) || /[a-z0-9](Id|ID|Key)$/.test(name)) return 1;
  return 2;
}

function typeRank(p: ColumnPlan): number {
  switch (p.compareAs) {
    case 'timestamp':
    case 'date':
      return 0;
    case 'int64':
    case 'string':
      return 1;
    default:
      return 2;
  }
}

/** Columns that could be keys, most key-like first. */
export function keyCandidates(plans: readonly ColumnPlan[]): ColumnPlan[] {
  return plans
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.fromType !== null && p.toType !== null && p.compareAs !== 'bool' && !p.canonical)
    .sort((x, y) => nameRank(x.p.name) - nameRank(y.p.name) || typeRank(x.p) - typeRank(y.p) || x.i - y.i)
    .map(({ p }) => p);
}

export interface KeyChoice {
  readonly key: readonly string[];
  readonly join: KeyJoin;
}

export function inferKey(a: RowSet, b: RowSet, plans: readonly ColumnPlan[]): KeyChoice | null {
  for (const p of keyCandidates(plans)) {
    const join = joinOn(a, b, [p], true);
    if (join && !join.duplicate) return { key: [p.name], join };
  }
  return null;
}
