/**
 * Cell comparison straight from the Arrow chunks of both sides, without copying columns into mats first: used when
 * every row of a column can be read raw on both sides (no patch over it, file type = compared type), the common case
 * of a big diff, where copying would double the memory traffic. Matched pairs are cut once into segments whose rows
 * lie in one chunk on each side (few: rows of both sides mostly come in the same order); each column is then compared
 * segment by segment in a tight loop per type.
 */
import type { Data } from 'apache-arrow';
import type { MaskTarget } from './cells';
import type { ColumnPlan } from './columns';
import type { RowSet } from './pools';
import { isNull, locate, nullBits, rawChunks, wordsOf } from './raw';
import { scratchInt32 } from './scratch';
import type { Tolerance } from './types';

/** A stretch of pairs [p, q) whose rows lie in one run on each side. */
export interface Segment {
  readonly p: number;
  readonly q: number;
  readonly ra: number;
  readonly rb: number;
}

/**
 * Matched pairs split into segments, with each pair's element in its run's chunk on both sides (ua, vb: read once
 * here, so the comparison loops index the chunks with one lookup instead of two per column). ua and vb are scratch
 * arrays (see scratch.ts): valid until the next diff computes.
 */
export interface Pairs {
  readonly pb: Int32Array;
  readonly ua: Int32Array;
  readonly vb: Int32Array;
  readonly segments: readonly Segment[];
}

export function pairsOf(a: RowSet, b: RowSet, pa: Int32Array, pb: Int32Array, count: number): Pairs {
  const la = locate(a, 'from');
  const lb = locate(b, 'to');
  const ua = scratchInt32('ua', count);
  const vb = scratchInt32('vb', count);
  const out: Segment[] = [];
  let p = 0;
  while (p < count) {
    const x = la.run[pa[p]!]!;
    const y = lb.run[pb[p]!]!;
    let q = p;
    while (q < count) {
      const i = pa[q]!;
      const j = pb[q]!;
      if (la.run[i] !== x || lb.run[j] !== y) break;
      ua[q] = la.elem[i]!;
      vb[q] = lb.elem[j]!;
      q++;
    }
    out.push({ p, q, ra: x, rb: y });
    p = q;
  }
  return { pb, ua, vb, segments: out };
}

/** Everything a comparison loop needs for one segment. */
interface Job {
  readonly p: number;
  readonly q: number;
  readonly da: Data;
  readonly db: Data;
  readonly ua: Int32Array;
  readonly vb: Int32Array;
  readonly pb: Int32Array;
  readonly target: MaskTarget;
}

/** 1 / 0 when either cell is null (they differ / are both null), −1 when both hold values. */
function nullsDiffer(j: Job, u: number, v: number): number {
  const nu = isNull(nullBits(j.da), j.da.offset, u);
  const nv = isNull(nullBits(j.db), j.db.offset, v);
  return nu || nv ? (nu !== nv ? 1 : 0) : -1;
}

/** Marks pair p's to-row in the target. */
function mark(j: Job, p: number): void {
  const t = j.target;
  t.masks[j.pb[p]! * t.words + t.word]! |= t.bit;
}

/** One tight loop per type, marking differing pairs and returning how many (nulls: only null = null). */
function comparerFor(type: ColumnPlan['compareAs'], tolerance: Tolerance): (j: Job) => number {
  const abs = tolerance.absolute ?? 0;
  const rel = tolerance.relative ?? 0;
  switch (type) {
    case 'float64':
      return (j) => {
        const x = j.da.values as Float64Array;
        const y = j.db.values as Float64Array;
        const { ua, vb } = j;
        const anyNull = j.da.nullCount > 0 || j.db.nullCount > 0;
        let n = 0;
        for (let p = j.p; p < j.q; p++) {
          const u = ua[p]!;
          const v = vb[p]!;
          let differs: boolean;
          const nd = anyNull ? nullsDiffer(j, u, v) : -1;
          if (nd >= 0) differs = nd === 1;
          else {
            const a = x[u]!;
            const b = y[v]!;
            if (a === b || (a !== a && b !== b)) continue;
            const d = Math.abs(a - b);
            differs = !(d < Infinity) || (d > abs && d > rel * Math.max(Math.abs(a), Math.abs(b)));
          }
          if (differs) {
            mark(j, p);
            n++;
          }
        }
        return n;
      };
    case 'int64':
    case 'timestamp':
      return (j) => {
        const x = wordsOf(j.da);
        const y = wordsOf(j.db);
        const { ua, vb } = j;
        const anyNull = j.da.nullCount > 0 || j.db.nullCount > 0;
        let n = 0;
        for (let p = j.p; p < j.q; p++) {
          const u = 2 * ua[p]!;
          const v = 2 * vb[p]!;
          const nd = anyNull ? nullsDiffer(j, u / 2, v / 2) : -1;
          if (nd === 0 || (nd < 0 && x[u] === y[v] && x[u + 1] === y[v + 1])) continue;
          mark(j, p);
          n++;
        }
        return n;
      };
    case 'date':
      return (j) => {
        const x = j.da.values as Int32Array;
        const y = j.db.values as Int32Array;
        const { ua, vb } = j;
        let n = 0;
        for (let p = j.p; p < j.q; p++) {
          const u = ua[p]!;
          const v = vb[p]!;
          const nd = nullsDiffer(j, u, v);
          if (nd === 0 || (nd < 0 && x[u] === y[v])) continue;
          mark(j, p);
          n++;
        }
        return n;
      };
    case 'bool':
      return (j) => {
        const x = j.da.values as Uint8Array;
        const y = j.db.values as Uint8Array;
        const { ua, vb } = j;
        let n = 0;
        for (let p = j.p; p < j.q; p++) {
          const u = ua[p]!;
          const v = vb[p]!;
          const nd = nullsDiffer(j, u, v);
          const bu = j.da.offset + u;
          const bv = j.db.offset + v;
          if (nd === 0 || (nd < 0 && ((x[bu >> 3]! >> (bu & 7)) & 1) === ((y[bv >> 3]! >> (bv & 7)) & 1))) continue;
          mark(j, p);
          n++;
        }
        return n;
      };
    case 'string':
      return (j) => {
        const x = j.da.values as Uint8Array;
        const y = j.db.values as Uint8Array;
        const ox = j.da.valueOffsets as Int32Array;
        const oy = j.db.valueOffsets as Int32Array;
        const { ua, vb } = j;
        const anyNull = j.da.nullCount > 0 || j.db.nullCount > 0;
        let n = 0;
        for (let p = j.p; p < j.q; p++) {
          const u = ua[p]!;
          const v = vb[p]!;
          const nd = anyNull ? nullsDiffer(j, u, v) : -1;
          let differs = nd === 1;
          if (nd < 0) {
            const s = ox[u]!;
            const len = ox[u + 1]! - s;
            const t = oy[v]!;
            differs = oy[v + 1]! - t !== len;
            for (let k = 0; k < len && !differs; k++) if (x[s + k] !== y[t + k]) differs = true;
          }
          if (differs) {
            mark(j, p);
            n++;
          }
        }
        return n;
      };
  }
}

/**
 * Marks the pairs whose cells differ in the given columns, reading both sides raw. Segments are the outer loop, so a
 * segment's index arrays stay in cache while every column is compared over it. Returns the count per column, null for
 * a column that cannot be read raw (the caller copies those into mats); all null when the pairs follow no common
 * order (one segment each: copying both columns first is then cheaper).
 */
export function markDifferingRaw(
  a: RowSet,
  b: RowSet,
  plans: readonly ColumnPlan[],
  pairs: Pairs,
  tolerance: Tolerance,
  targets: readonly MaskTarget[],
): (number | null)[] {
  const { segments, ua, vb, pb } = pairs;
  const count = segments.length ? segments[segments.length - 1]!.q : 0;
  if (segments.length > 64 && segments.length * 8 > count) return plans.map(() => null);
  const columns = plans.map((plan) => {
    const ca = rawChunks(a, plan);
    const cb = ca && rawChunks(b, plan);
    return ca && cb ? { ca, cb, compare: comparerFor(plan.compareAs, tolerance) } : null;
  });
  const counts: (number | null)[] = columns.map((c) => (c ? 0 : null));
  for (const s of segments) {
    columns.forEach((c, k) => {
      if (!c) return;
      const job = { p: s.p, q: s.q, da: c.ca[s.ra]!, db: c.cb[s.rb]!, ua, vb, pb, target: targets[k]! };
      counts[k]! += c.compare(job);
    });
  }
  return counts;
}
