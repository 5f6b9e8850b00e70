/**
 * Hash joins over mats, with open addressing in flat typed arrays (no Map, no per-row objects, no key strings, for
 * any number of key columns of any type).
 */
import { equalRows, finish, hashInto } from './cells';
import type { Mat } from './mat';
import { mergeJoin, sortKeys } from './merge-join';

function rowHashes(mats: readonly Mat[], n: number): Int32Array {
  const h = new Int32Array(n);
  for (const m of mats) hashInto(m, h);
  for (let i = 0; i < n; i++) h[i] = finish(h[i]!);
  return h;
}

function capacityFor(n: number): number {
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  return cap;
}

export interface KeyJoin {
  /** Per from-row: the matching to-row, or -1 (removed). */
  readonly pairA: Int32Array;
  /** Per to-row: the matching from-row, or -1 (added). */
  readonly pairB: Int32Array;
  /**
   * The matched pairs in ascending to-row order (from-row pa[p], to-row pb[p], p < count), when the join produced them
   * on the way (the merge join of two sides already in key order); otherwise they are read off pairB.
   */
  readonly pairs?: { readonly pa: Int32Array; readonly pb: Int32Array; readonly count: number } | undefined;
  /** A key found twice on one side, if any (the join then stops: a keyed diff needs unique keys). */
  readonly duplicate: { readonly side: 'from' | 'to'; readonly row: number } | null;
}

/** Matches rows of a and b by key: merge join for one numeric key without nulls, else hash join. */
export function joinKeys(ka: readonly Mat[], kb: readonly Mat[], na: number, nb: number): KeyJoin {
  if (ka.length === 1) {
    const a = sortKeys(ka[0]!);
    const b = a && sortKeys(kb[0]!);
    if (a && b) return mergeJoin(a, b);
  }
  return hashJoin(ka, kb, na, nb);
}

/**
 * One table holds the keys of both sides (from-rows as ids 0…na−1, to-rows after), so a key repeated within either
 * side is found on the way.
 */
export function hashJoin(ka: readonly Mat[], kb: readonly Mat[], na: number, nb: number): KeyJoin {
  const ha = rowHashes(ka, na);
  const hb = rowHashes(kb, nb);
  const cap = capacityFor(na + nb);
  const mask = cap - 1;
  const slots = new Int32Array(cap);
  const pairA = new Int32Array(na).fill(-1);
  const pairB = new Int32Array(nb).fill(-1);
  for (let i = 0; i < na; i++) {
    const h = ha[i]!;
    let s = h & mask;
    for (;;) {
      const e = slots[s]!;
      if (e === 0) {
        slots[s] = i + 1;
        break;
      }
      if (ha[e - 1] === h && equalRows(ka, e - 1, ka, i)) {
        return { pairA, pairB, duplicate: { side: 'from', row: i } };
      }
      s = (s + 1) & mask;
    }
  }
  for (let j = 0; j < nb; j++) {
    const h = hb[j]!;
    let s = h & mask;
    for (;;) {
      const e = slots[s]!;
      if (e === 0) {
        slots[s] = na + j + 1;
        break;
      }
      const id = e - 1;
      if (id < na) {
        if (ha[id] === h && equalRows(ka, id, kb, j)) {
          if (pairA[id] !== -1) return { pairA, pairB, duplicate: { side: 'to', row: j } };
          pairA[id] = j;
          pairB[j] = id;
          break;
        }
      } else if (hb[id - na] === h && equalRows(kb, id - na, kb, j)) {
        return { pairA, pairB, duplicate: { side: 'to', row: j } };
      }
      s = (s + 1) & mask;
    }
  }
  return { pairA, pairB, duplicate: null };
}

/**
 * Multiset matching of whole rows: each to-row takes an equal, not yet taken from-row. Rows left unmatched are the
 * removed (from) and added (to) rows; duplicates count (three equal rows against one: two removed).
 * Chains are unlinked as rows are taken, so many equal rows cost linear time.
 */
export function matchRows(ma: readonly Mat[], mb: readonly Mat[], na: number, nb: number) {
  const ha = rowHashes(ma, na);
  const hb = rowHashes(mb, nb);
  const mask = capacityFor(na) - 1;
  const heads = new Int32Array(mask + 1).fill(-1);
  const next = new Int32Array(na);
  for (let i = na - 1; i >= 0; i--) {
    const s = ha[i]! & mask;
    next[i] = heads[s]!;
    heads[s] = i;
  }
  const matchedA = new Uint8Array(na);
  const matchedB = new Uint8Array(nb);
  for (let j = 0; j < nb; j++) {
    const h = hb[j]!;
    const s = h & mask;
    let prev = -1;
    for (let i = heads[s]!; i !== -1; prev = i, i = next[i]!) {
      if (ha[i] !== h || !equalRows(ma, i, mb, j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      if (prev === -1) heads[s] = next[i]!;
      else next[prev] = next[i]!;
      break;
    }
  }
  return { matchedA, matchedB };
}
