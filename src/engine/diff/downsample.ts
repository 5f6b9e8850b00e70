/**
 * Downsampling for charts: min/max per x bucket. Each of `buckets` equal-width x ranges (pixel columns) keeps the
 * points with the lowest and the highest y, so a line drawn through them has the same envelope as the full series
 * (spikes survive, unlike plain sampling), in at most 2 × buckets points. Rows need not be sorted by x.
 */
import type { Mat } from './mat';

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
}

export interface XDomain {
  readonly min: number;
  readonly max: number;
}

/** The plottable rows of an x and a y column: both non-null and not NaN. */
export interface XY {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly n: number;
}

export function plottable(x: Mat, y: Mat): XY {
  const xs = new Float64Array(x.n);
  const ys = new Float64Array(x.n);
  let n = 0;
  for (let i = 0; i < x.n; i++) {
    const u = x.f64[i]!;
    const v = y.f64[i]!;
    if (!x.valid[i] || !y.valid[i] || u !== u || v !== v) continue;
    xs[n] = u;
    ys[n++] = v;
  }
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n), n };
}

export function domainOf(...series: XY[]): XDomain | null {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.n; i++) {
      const x = s.xs[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return min <= max ? { min, max } : null;
}

function byX(s: XY, idx: number[]): SeriesPoint[] {
  return idx.sort((a, b) => s.xs[a]! - s.xs[b]! || a - b).map((i) => ({ x: s.xs[i]!, y: s.ys[i]! }));
}

/** Bucket of x in `buckets` equal-width ranges of the domain (the last range includes max). */
export function bucketOf(x: number, domain: XDomain, buckets: number): number {
  const width = (domain.max - domain.min) / buckets;
  if (!(width > 0)) return 0;
  return Math.max(0, Math.min(buckets - 1, Math.floor((x - domain.min) / width)));
}

/** At most 2 × buckets points, ascending x: every point when there are no more than that. */
export function minMaxBuckets(s: XY, domain: XDomain | null, buckets: number): SeriesPoint[] {
  if (!domain || s.n === 0) return [];
  if (s.n <= 2 * buckets)
    return byX(
      s,
      Array.from({ length: s.n }, (_, i) => i),
    );
  const lo = new Int32Array(buckets).fill(-1);
  const hi = new Int32Array(buckets).fill(-1);
  for (let i = 0; i < s.n; i++) {
    const b = bucketOf(s.xs[i]!, domain, buckets);
    const y = s.ys[i]!;
    if (lo[b] === -1 || y < s.ys[lo[b]!]!) lo[b] = i;
    if (hi[b] === -1 || y > s.ys[hi[b]!]!) hi[b] = i;
  }
  const out: SeriesPoint[] = [];
  for (let b = 0; b < buckets; b++) {
    if (lo[b] === -1) continue;
    out.push(...byX(s, lo[b] === hi[b] ? [lo[b]!] : [lo[b]!, hi[b]!]));
  }
  return out;
}
