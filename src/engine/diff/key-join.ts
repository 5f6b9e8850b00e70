/**
 * Joining both sides on key columns by the cheapest route: a single int64 / time key read raw from the Arrow chunks
 * goes straight to the merge join; anything else is copied into mats first (merge join for one numeric key, hash
 * join otherwise).
 */
import type { ColumnPlan } from './columns';
import { rawSortKeys } from './raw';
import { joinKeys, type KeyJoin } from './join';
import { materialize, type Mat } from './mat';
import { mergeJoin } from './merge-join';
import type { RowSet } from './pools';

function allValid(m: Mat): boolean {
  for (let i = 0; i < m.n; i++) if (!m.valid[i]) return false;
  return true;
}

/** The join on `key`; with `nonNull`, null when a key cell is null (inference wants non-null keys). */
export function joinOn(a: RowSet, b: RowSet, key: readonly ColumnPlan[], nonNull: boolean): KeyJoin | null {
  if (key.length === 1) {
    const ra = rawSortKeys(a, key[0]!, 'from');
    const rb = ra && rawSortKeys(b, key[0]!, 'to');
    if (ra && rb) return mergeJoin(ra, rb);
  }
  const ka = key.map((p) => materialize(a, p.name, p.compareAs, p.canonical));
  const kb = key.map((p) => materialize(b, p.name, p.compareAs, p.canonical));
  if (nonNull && !(ka.every(allValid) && kb.every(allValid))) return null;
  return joinKeys(ka, kb, a.n, b.n);
}
