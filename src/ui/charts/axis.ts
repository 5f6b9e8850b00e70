/** Axis and caption text of chart values: times in UTC (as the grid shows them), numbers compact. */
import type { ColumnType } from '../../protocol/dto';
import { formatUtcDate, formatUtcTimestamp } from '../common/format';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A tick on an axis of this type; `span` (max − min of the domain) picks how much of a time to show. */
export function tickText(type: ColumnType, value: number, span: number): string {
  if (type === 'timestamp' || type === 'date') {
    if (type === 'date' || span >= 4 * 24 * 3600_000) return formatUtcDate(value);
    return formatUtcTimestamp(value).slice(5, 16);
  }
  return Math.abs(value) >= 10_000 ? compact.format(value) : plain.format(value);
}

/** A value in a sentence (captions, screen-reader summaries): exact. */
export function valueText(type: ColumnType, value: number): string {
  if (type === 'timestamp') return formatUtcTimestamp(value);
  if (type === 'date') return formatUtcDate(value);
  return plain.format(value);
}

/**
 * Ranges closer than `gap` merged into one band. The worker returns every differing range (a restatement of every
 * other row is thousands of them); a chart draws bands no narrower than a few pixels, so it gets at most about one
 * per few pixels of width.
 */
export function mergeRanges<R extends { readonly x0: number; readonly x1: number }>(
  ranges: readonly R[],
  gap: number,
): { x0: number; x1: number }[] {
  const out: { x0: number; x1: number }[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.x0 - last.x1 <= gap) last.x1 = Math.max(last.x1, r.x1);
    else out.push({ x0: r.x0, x1: r.x1 });
  }
  return out;
}
