/**
 * Cell values inside the engine: null, boolean, number (float64; date and timestamp as UTC ms), bigint (int64),
 * string. This is what Arrow's Vector.get returns for our column types.
 */
import type { ColumnType } from '../model/schema';

export type Value = null | boolean | number | bigint | string;

/** Converts a value read from a file column of type `from` to a version column of type `to` (widening only). */
export function converter(from: ColumnType, to: ColumnType): ((v: Value) => Value) | undefined {
  if (from === to) return undefined;
  if (from === 'int64' && to === 'float64') return (v) => (typeof v === 'bigint' ? Number(v) : v);
  return () => null;
}

/** Total order used by sort and range: nulls first, then by value. Mixed number/bigint compare numerically. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // number vs bigint (or bigint vs bigint): JS relational operators compare exactly.
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Coerces a scalar from the protocol (numbers for int64) to the engine's representation of a column type. */
export function coerceScalar(type: ColumnType, v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'int64':
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return BigInt(v.trim());
      if (typeof v === 'number') return v;
      return null;
    case 'float64':
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v));
    case 'bool':
      return typeof v === 'boolean' ? v : String(v).toLowerCase() === 'true';
    case 'date':
    case 'timestamp':
      if (typeof v === 'number') return v;
      if (typeof v === 'string') {
        const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || v.length <= 10 ? v : `${v}Z`);
        return Number.isNaN(t) ? null : t;
      }
      return null;
    case 'string':
      return String(v);
  }
}

export function valueKey(v: Value): string {
  if (v === null) return '\u0000null';
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'number') return `n${v}`;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  return `s${v}`;
}
