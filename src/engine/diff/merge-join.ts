/**
 * Sort-merge join for a single non-null numeric or time key: sequential memory access instead of a hash table's
 * random probes. Each key becomes an order-preserving pair of uint32 words (hi, lo); a side already in key order
 * (the common case: tables kept in time or id order, appends at the end) costs one check, any other is radix sorted
 * (LSD, 16-bit digits, constant digits skipped: ids below 2^32 take two passes). Strings, composite keys and keys
 * with nulls use the hash join.
 */
import type { KeyJoin } from './join';
import type { Mat } from './mat';
import { scratchInt32 } from './scratch';

export interface SortKeys {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

const SIGN = 0x80000000;

/** Order-preserving words of a key column, or null when it has nulls or is not numeric. */
export function sortKeys(m: Mat): SortKeys | null {
  const { n, valid } = m;
  for (let i = 0; i < n; i++) if (!valid[i]) return null;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  switch (m.kind) {
    case 'i64': {
      const w = m.words;
      for (let i = 0; i < n; i++) {
        hi[i] = (w[2 * i + 1]! ^ SIGN) >>> 0;
        lo[i] = w[2 * i]! >>> 0;
      }
      return { hi, lo };
    }
    case 'i32':
    case 'bool': {
      const w = m.words;
      for (let i = 0; i < n; i++) lo[i] = (w[i]! ^ SIGN) >>> 0;
      return { hi, lo };
    }
    case 'f64': {
      const x = m.f64;
      const bits = new Uint32Array(x.buffer, x.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        let h = v === 0 ? 0 : v !== v ? 0x7ff80000 : bits[2 * i + 1]!;
        let l = v === 0 || v !== v ? 0 : bits[2 * i]!;
        if (h & SIGN) {
          h = ~h;
          l = ~l;
        } else {
          h |= SIGN;
        }
        hi[i] = h >>> 0;
        lo[i] = l >>> 0;
      }
      return { hi, lo };
    }
    default:
      return null;
  }
}

/** 2: strictly ascending (sorted, no key repeats), 1: ascending, 0: neither. */
function sortedness({ hi, lo }: SortKeys): number {
  let strict = 2;
  for (let i = 1; i < hi.length; i++) {
    const a = hi[i - 1]!;
    const b = hi[i]!;
    if (a < b) continue;
    if (a > b) return 0;
    const c = lo[i - 1]!;
    const d = lo[i]!;
    if (c > d) return 0;
    if (c === d) strict = 1;
  }
  return strict;
}

/** Row indices in ascending key order (stable); null when the rows already are. */
export function keyOrder(keys: SortKeys): Int32Array | null {
  if (sortedness(keys) > 0) return null;
  return radixOrder(keys);
}

function radixOrder(keys: SortKeys): Int32Array {
  const n = keys.hi.length;
  let perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let tmp = new Int32Array(n);
  const count = new Int32Array(65537);
  for (const [src, shift] of [
    [keys.lo, 0],
    [keys.lo, 16],
    [keys.hi, 0],
    [keys.hi, 16],
  ] as const) {
    const first = (src[0]! >>> shift) & 0xffff;
    let constant = true;
    for (let i = 1; i < n && constant; i++) if (((src[i]! >>> shift) & 0xffff) !== first) constant = false;
    if (constant) continue;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((src[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d < 65537; d++) count[d]! += count[d - 1]!;
    for (let i = 0; i < n; i++) {
      const r = perm[i]!;
      tmp[count[(src[r]! >>> shift) & 0xffff]!++] = r;
    }
    [perm, tmp] = [tmp, perm];
  }
  return perm;
}

/** The first row whose key equals its predecessor's in sorted order, or -1. */
function repeated({ hi, lo }: SortKeys, order: Int32Array | null): number {
  for (let x = 1; x < hi.length; x++) {
    const p = order ? order[x - 1]! : x - 1;
    const q = order ? order[x]! : x;
    if (hi[p] === hi[q] && lo[p] === lo[q]) return q;
  }
  return -1;
}

export function mergeJoin(a: SortKeys, b: SortKeys): KeyJoin {
  const na = a.hi.length;
  const nb = b.hi.length;
  // Scratch (see scratch.ts): the join is consumed within the diff's computation.
  const pairA = scratchInt32('pairA', na, -1);
  const pairB = scratchInt32('pairB', nb, -1);
  // Strictly ascending keys (the usual case) are sorted and unique in one pass; others are sorted, then checked.
  const sa = sortedness(a);
  const oa = sa > 0 ? null : radixOrder(a);
  const dupA = sa === 2 ? -1 : repeated(a, oa);
  if (dupA >= 0) return { pairA, pairB, duplicate: { side: 'from', row: dupA } };
  const sb = sortedness(b);
  const ob = sb > 0 ? null : radixOrder(b);
  const dupB = sb === 2 ? -1 : repeated(b, ob);
  if (dupB >= 0) return { pairA, pairB, duplicate: { side: 'to', row: dupB } };
  const { hi: ah, lo: al } = a;
  const { hi: bh, lo: bl } = b;
  let x = 0;
  let y = 0;
  if (oa === null && ob === null) {
    // Both sides in key order (the usual case): merge without the permutations' indirection, listing the pairs in
    // to-row order on the way (what the cell comparison walks).
    const pa = scratchInt32('pa', Math.min(na, nb));
    const pb = scratchInt32('pb', Math.min(na, nb));
    let count = 0;
    while (x < na && y < nb) {
      const ha = ah[x]!;
      const hb = bh[y]!;
      if (ha < hb || (ha === hb && al[x]! < bl[y]!)) x++;
      else if (ha > hb || al[x]! > bl[y]!) y++;
      else {
        pairA[x] = y;
        pairB[y] = x;
        pa[count] = x;
        pb[count++] = y;
        x++;
        y++;
      }
    }
    return { pairA, pairB, pairs: { pa, pb, count }, duplicate: null };
  }
  while (x < na && y < nb) {
    const i = oa ? oa[x]! : x;
    const j = ob ? ob[y]! : y;
    const ha = ah[i]!;
    const hb = bh[j]!;
    if (ha < hb || (ha === hb && al[i]! < bl[j]!)) x++;
    else if (ha > hb || al[i]! > bl[j]!) y++;
    else {
      pairA[i] = j;
      pairB[j] = i;
      x++;
      y++;
    }
  }
  return { pairA, pairB, duplicate: null };
}
