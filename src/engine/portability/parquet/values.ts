/**
 * Engine values (see read/values.ts) to the JS values hyparquet-writer encodes for each Parquet type of schema.ts.
 */
import { StrataError } from '../../errors';
import type { Field } from '../../model/schema';
import type { Value } from '../../read/values';

const DAY_MS = 86_400_000;

export type ParquetValue = null | boolean | number | bigint | string;

/** Converts one column; a null in a non-nullable field is an engine invariant broken, reported as INTERNAL. */
export function parquetColumn(field: Field, values: readonly Value[]): ParquetValue[] {
  const out = new Array<ParquetValue>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (v === null) {
      if (!field.nullable) {
        throw new StrataError('INTERNAL', `Column "${field.name}" is not nullable but row ${i} is null`);
      }
      out[i] = null;
      continue;
    }
    out[i] = convert(field, v);
  }
  return out;
}

function convert(field: Field, v: Exclude<Value, null>): ParquetValue {
  switch (field.type) {
    case 'bool':
      return v === true;
    case 'int64':
      return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    case 'float64':
      return typeof v === 'number' ? v : Number(v);
    case 'string':
      return String(v);
    case 'date':
      return Math.floor(Number(v) / DAY_MS);
    case 'timestamp':
      return BigInt(Math.trunc(Number(v))) * 1000n;
  }
}
