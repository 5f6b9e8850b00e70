/**
 * Chart series computed in the worker, so a chart never receives millions of points: a downsampled y-against-x line
 * of one version, and the restatement picture (two versions' lines on one x domain, plus the x ranges where they
 * differ). x is any numeric or time column (as numbers; times in UTC ms), y any numeric column.
 */
import { lockNames } from '../context';
import type { AsOf, StrataEngine } from '../engine';
import { StrataError } from '../errors';
import { isNumericType, isTemporalType, type Schema } from '../model/schema';
import type { VersionView } from '../read/view';
import { domainOf, minMaxBuckets, plottable, type SeriesPoint, type XDomain, type XY } from './downsample';
import { matchRows } from './join';
import { materialize } from './mat';
import { allRows, loadPools } from './pools';

export interface SeriesOptions {
  readonly x: string;
  readonly y: string;
  /** Pixel columns of the chart; at most 2 × buckets points come back. */
  readonly buckets: number;
}

export interface Series {
  readonly version: number;
  readonly x: string;
  readonly y: string;
  /** Rows with both x and y (the points before downsampling). */
  readonly rows: number;
  readonly domain: XDomain | null;
  /** Ascending x. */
  readonly points: SeriesPoint[];
}

/** An x range [x0, x1] (x0 = x1 for a single x value) to shade. */
export interface XRange {
  readonly x0: number;
  readonly x1: number;
}

export interface Restatement {
  readonly from: Series;
  readonly to: Series;
  /**
   * Where the two lines differ: x values of (x, y) points in one version and not the other, merged into ranges
   * wherever no unchanged point lies between them. Ascending.
   */
  readonly differing: XRange[];
}

function check(schema: Schema, opts: SeriesOptions): void {
  const x = schema.fields.find((f) => f.name === opts.x);
  const y = schema.fields.find((f) => f.name === opts.y);
  if (!x || !(isNumericType(x.type) || isTemporalType(x.type))) {
    throw new StrataError('INVALID_ARGUMENT', `The x axis needs a numeric or time column; "${opts.x}" is not one`, {
      column: opts.x,
    });
  }
  if (!y || !isNumericType(y.type)) {
    throw new StrataError('INVALID_ARGUMENT', `The y axis needs a numeric column; "${opts.y}" is not one`, {
      column: opts.y,
    });
  }
  if (!Number.isInteger(opts.buckets) || opts.buckets < 1 || opts.buckets > 1_000_000) {
    throw new StrataError('INVALID_ARGUMENT', `Buckets must be a whole number from 1 to 1000000`, {
      buckets: opts.buckets,
    });
  }
}

function xyOf(view: VersionView, opts: SeriesOptions): XY {
  const rows = allRows(view);
  return plottable(materialize(rows, opts.x, 'float64'), materialize(rows, opts.y, 'float64'));
}

function seriesOf(view: VersionView, xy: XY, domain: XDomain | null, opts: SeriesOptions): Series {
  const points = minMaxBuckets(xy, domain, opts.buckets);
  return { version: view.record.version, x: opts.x, y: opts.y, rows: xy.n, domain, points };
}

export function downsampleSeries(
  engine: StrataEngine,
  tableId: string,
  asOf: AsOf | undefined,
  opts: SeriesOptions,
): Promise<Series> {
  return engine.withView(tableId, asOf, (view) => {
    check(view.schema, opts);
    const xy = xyOf(view, opts);
    return seriesOf(view, xy, domainOf(xy), opts);
  });
}

/** First index with sorted[i] > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted distinct differing x values merged into ranges, split wherever a plotted point lies strictly between. */
export function mergeRanges(xs: Float64Array, plotted: readonly XY[]): XRange[] {
  if (xs.length === 0) return [];
  const interrupted = new Uint8Array(xs.length);
  for (const s of plotted) {
    for (let i = 0; i < s.n; i++) {
      const x = s.xs[i]!;
      const g = upperBound(xs, x) - 1;
      if (g >= 0 && g < xs.length - 1 && xs[g] !== x) interrupted[g] = 1;
    }
  }
  const out: XRange[] = [];
  let start = xs[0]!;
  for (let g = 0; g < xs.length - 1; g++) {
    if (!interrupted[g]) continue;
    out.push({ x0: start, x1: xs[g]! });
    start = xs[g + 1]!;
  }
  out.push({ x0: start, x1: xs[xs.length - 1]! });
  return out;
}

/**
 * Both versions' series on a shared x domain, and where they differ. The differing points come from a multiset
 * diff of (x, y) over only the rows that may differ (shared segments cancel unread, as in diffVersions).
 */
export async function restatementSeries(
  engine: StrataEngine,
  tableId: string,
  from: number,
  to: number,
  opts: SeriesOptions,
): Promise<Restatement> {
  const { ctx } = engine;
  return ctx.storage.locks.request(lockNames.read(tableId), 'shared', async () => {
    const [a, b] = await Promise.all([
      engine.resolve(tableId, { version: from }),
      engine.resolve(tableId, { version: to }),
    ]);
    const [va, vb] = await Promise.all([ctx.view(a), ctx.view(b)]);
    check(va.schema, opts);
    check(vb.schema, opts);
    const xa = xyOf(va, opts);
    const xb = xyOf(vb, opts);
    const domain = domainOf(xa, xb);
    const pools = await loadPools(ctx, a, b);
    const pa = pools.from;
    const pb = pools.to;
    const ma = [materialize(pa, opts.x, 'float64'), materialize(pa, opts.y, 'float64')];
    const mb = [materialize(pb, opts.x, 'float64'), materialize(pb, opts.y, 'float64')];
    const { matchedA, matchedB } = matchRows(ma, mb, pa.n, pb.n);
    const differing = new Set<number>();
    const collect = (x: (typeof ma)[number], matched: Uint8Array) => {
      for (let i = 0; i < x.n; i++) if (!matched[i] && x.valid[i] && x.f64[i] === x.f64[i]) differing.add(x.f64[i]!);
    };
    collect(ma[0]!, matchedA);
    collect(mb[0]!, matchedB);
    const xs = Float64Array.from(differing).sort();
    return {
      from: seriesOf(va, xa, domain, opts),
      to: seriesOf(vb, xb, domain, opts),
      differing: mergeRanges(xs, [xa, xb]),
    };
  });
}
