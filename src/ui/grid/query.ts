/** What the grid asks of a version besides the window: a filter, a date range and a sort, all computed in the worker. */
import type { Predicate, RangeFilter, SortKey } from '../../protocol/dto';

export interface GridQuery {
  readonly filter?: Predicate | undefined;
  readonly range?: RangeFilter | undefined;
  readonly sort: readonly SortKey[];
}

export const EMPTY_QUERY: GridQuery = { sort: [] };

export function queryKey(query: GridQuery): string {
  return JSON.stringify([query.filter ?? null, query.range ?? null, query.sort]);
}

export function isFiltered(query: GridQuery): boolean {
  return query.filter !== undefined || query.range !== undefined;
}

/** The rows a filtered grid shows, as one predicate (for "Delete rows" and `countRows`, which take one selector). */
export function matchingPredicate(query: GridQuery): Predicate | undefined {
  const parts: Predicate[] = [];
  if (query.filter) parts.push(query.filter);
  const range = query.range;
  if (range) {
    if (range.min !== undefined) parts.push({ column: range.column, op: 'ge', value: range.min });
    if (range.max !== undefined) parts.push({ column: range.column, op: 'le', value: range.max });
    // A range with no bounds still leaves out nulls, as the worker's range test does.
    if (range.min === undefined && range.max === undefined) parts.push({ column: range.column, op: 'notNull' });
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}
