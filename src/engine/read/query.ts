/**
 * Row selection within a version: range (bitemporal reads), predicates and sorting, computed as arrays of positions.
 */
import { StrataError } from '../errors';
import type { Field } from '../model/schema';
import { coerceScalar, compareValues, type Value } from './values';
import type { VersionView } from './view';

export type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'isNull' | 'notNull';
export type Predicate =
  | { readonly column: string; readonly op: Comparison; readonly value?: unknown }
  | { readonly and: readonly Predicate[] }
  | { readonly or: readonly Predicate[] };

export interface RangeFilter {
  readonly column: string;
  readonly min?: unknown;
  readonly max?: unknown;
}

export interface SortKey {
  readonly column: string;
  readonly descending?: boolean;
}

type RowTest = (position: number) => boolean;

function comparisonTest(view: VersionView, field: Field, idx: number, op: Comparison, raw: unknown): RowTest {
  const value = (p: number) => view.value(p, idx);
  if (op === 'isNull') return (p) => value(p) === null;
  if (op === 'notNull') return (p) => value(p) !== null;
  if (op === 'contains') {
    const needle = String(raw ?? '').toLowerCase();
    return (p) => {
      const v = value(p);
      return v !== null && String(v).toLowerCase().includes(needle);
    };
  }
  const target = coerceScalar(field.type, raw);
  const cmp = (p: number) => compareValues(value(p), target);
  switch (op) {
    case 'eq':
      return (p) => value(p) !== null && cmp(p) === 0;
    case 'ne':
      return (p) => value(p) === null || cmp(p) !== 0;
    case 'lt':
      return (p) => value(p) !== null && cmp(p) < 0;
    case 'le':
      return (p) => value(p) !== null && cmp(p) <= 0;
    case 'gt':
      return (p) => value(p) !== null && cmp(p) > 0;
    case 'ge':
      return (p) => value(p) !== null && cmp(p) >= 0;
  }
}

export function compilePredicate(view: VersionView, predicate: Predicate): RowTest {
  if ('and' in predicate) {
    const tests = predicate.and.map((p) => compilePredicate(view, p));
    return (p) => tests.every((t) => t(p));
  }
  if ('or' in predicate) {
    const tests = predicate.or.map((p) => compilePredicate(view, p));
    return (p) => tests.some((t) => t(p));
  }
  const idx = view.fieldIndex(predicate.column);
  const ops: readonly string[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'isNull', 'notNull'];
  if (!ops.includes(predicate.op)) {
    throw new StrataError('INVALID_ARGUMENT', `Unknown comparison "${String(predicate.op)}"`);
  }
  return comparisonTest(view, view.schema.fields[idx]!, idx, predicate.op, predicate.value);
}

export function rangeTest(view: VersionView, range: RangeFilter): RowTest {
  const idx = view.fieldIndex(range.column);
  const field = view.schema.fields[idx]!;
  const min = range.min === undefined ? null : coerceScalar(field.type, range.min);
  const max = range.max === undefined ? null : coerceScalar(field.type, range.max);
  return (p) => {
    const v = view.value(p, idx);
    if (v === null) return false;
    if (min !== null && compareValues(v, min) < 0) return false;
    if (max !== null && compareValues(v, max) > 0) return false;
    return true;
  };
}

/** Positions of the rows passing every test, in version order. */
export function selectPositions(view: VersionView, tests: readonly RowTest[]): Int32Array {
  if (tests.length === 0) {
    const all = new Int32Array(view.totalRows);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return all;
  }
  const out = new Int32Array(view.totalRows);
  let n = 0;
  for (let p = 0; p < view.totalRows; p++) if (tests.every((t) => t(p))) out[n++] = p;
  return out.slice(0, n);
}

/** Stable sort of positions by the given keys; nulls sort first ascending, last descending. */
export function sortPositions(view: VersionView, positions: Int32Array, keys: readonly SortKey[]): Int32Array {
  if (keys.length === 0) return positions;
  const columns = keys.map((k) => {
    const idx = view.fieldIndex(k.column);
    const values = view.columnValues(idx);
    return { values, sign: k.descending ? -1 : 1 };
  });
  const order = Array.from(positions);
  order.sort((a, b) => {
    for (const c of columns) {
      const d = compareValues(c.values[a] as Value, c.values[b] as Value);
      if (d !== 0) return d * c.sign;
    }
    return a - b;
  });
  return Int32Array.from(order);
}
