import type { ColumnType, Comparison, ScalarValue } from '../../protocol/dto';

export const COMPARISON_LABELS: Record<Comparison, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  le: '≤',
  gt: '>',
  ge: '≥',
  contains: 'contains',
  isNull: 'is null',
  notNull: 'is not null',
};

/** The comparisons that make sense for a column type, the first being the default. */
export function comparisonsFor(type: ColumnType): Comparison[] {
  if (type === 'string') return ['contains', 'eq', 'ne', 'lt', 'gt', 'isNull', 'notNull'];
  if (type === 'bool') return ['eq', 'ne', 'isNull', 'notNull'];
  return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'isNull', 'notNull'];
}

export function needsValue(op: Comparison): boolean {
  return op !== 'isNull' && op !== 'notNull';
}

/** A typed-in UTC date or `YYYY-MM-DD HH:MM:SS` (as cells show them) as UTC ms, or null. */
export function parseUtc(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?)?$/.test(t)) return null;
  const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : `${t.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The filter value the worker expects for a column type (int64 stays text so values past 2^53 stay exact), or an
 * error message for the user.
 */
export function parseFilterValue(type: ColumnType, text: string): { value: ScalarValue } | { error: string } {
  const t = text.trim();
  switch (type) {
    case 'string':
      return { value: text };
    case 'int64':
      return /^[+-]?\d+$/.test(t) ? { value: t } : { error: `"${text}" is not a whole number` };
    case 'float64': {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? { value: n } : { error: `"${text}" is not a number` };
    }
    case 'bool':
      return /^(true|false)$/i.test(t) ? { value: t.toLowerCase() === 'true' } : { error: 'Type true or false' };
    case 'date':
    case 'timestamp': {
      const ms = parseUtc(t);
      return ms === null
        ? { error: `"${text}" is not a date (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS in UTC)` }
        : { value: ms };
    }
  }
}
