/**
 * The one mapping from Strata column types to Parquet, used by the Parquet export and by Iceberg data files (which
 * additionally carry Iceberg field ids). Logical types are what DuckDB, pyarrow/pandas and Spark expect:
 *
 * bool → BOOLEAN · int64 → INT64 · float64 → DOUBLE · string → BYTE_ARRAY STRING (UTF8) · date → INT32 DATE (days) ·
 * timestamp → INT64 TIMESTAMP(MICROS, isAdjustedToUTC = true).
 *
 * Timestamps are written in microseconds although Strata keeps milliseconds: Iceberg's `timestamptz` is defined in
 * microseconds, and one mapping for both exports keeps them identical. Both converted and logical types are set, so
 * readers that predate logical types (old Spark, old Hive) read the same thing.
 */
import type { SchemaElement } from 'hyparquet';
import type { ColumnType, Field } from '../../model/schema';

export function parquetElement(field: Field, fieldId?: number): SchemaElement {
  const base: SchemaElement = {
    name: field.name,
    repetition_type: field.nullable ? 'OPTIONAL' : 'REQUIRED',
    ...(fieldId === undefined ? {} : { field_id: fieldId }),
  };
  return { ...base, ...physical(field.type) };
}

function physical(type: ColumnType): Partial<SchemaElement> {
  switch (type) {
    case 'bool':
      return { type: 'BOOLEAN' };
    case 'int64':
      return { type: 'INT64' };
    case 'float64':
      return { type: 'DOUBLE' };
    case 'string':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'date':
      return { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'timestamp':
      return {
        type: 'INT64',
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
      };
  }
}

/** The whole Parquet schema: a root group, then one leaf per field. */
export function parquetSchema(fields: readonly Field[], fieldIds?: readonly number[]): SchemaElement[] {
  return [{ name: 'root', num_children: fields.length }, ...fields.map((f, i) => parquetElement(f, fieldIds?.[i]))];
}
