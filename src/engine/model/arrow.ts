/**
 * The one mapping between Strata column types and Arrow. Data files are Arrow IPC; every module that builds or reads
 * Arrow goes through here so the mapping is written once.
 *
 * bool → Bool · int64 → Int64 · float64 → Float64 · string → Utf8 · date → DateDay (days since epoch) ·
 * timestamp → Timestamp(ms, "UTC").
 *
 * Vectors are built with `makeData` from typed buffers: apache-arrow's `vectorFromArray`/`tableFromArrays` compile
 * code with `new Function` for strings, which a strict Content-Security-Policy forbids.
 */
import {
  Bool,
  DateDay,
  Field as ArrowField,
  Float64,
  Int64,
  Schema as ArrowSchema,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  DataType,
  DateUnit,
  Precision,
  type Data,
} from 'apache-arrow';
import type { ColumnType, Field, Schema } from './schema';

export const TIMESTAMP_TZ = 'UTC';

export function arrowTypeOf(type: ColumnType): DataType {
  switch (type) {
    case 'bool':
      return new Bool();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'string':
      return new Utf8();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new Timestamp(TimeUnit.MILLISECOND, TIMESTAMP_TZ);
  }
}

export function arrowFieldOf(field: Field): ArrowField {
  return new ArrowField(field.name, arrowTypeOf(field.type), field.nullable);
}

export function arrowSchemaOf(schema: Schema): ArrowSchema {
  return new ArrowSchema(schema.fields.map(arrowFieldOf));
}

/**
 * The Strata type of an Arrow type, or undefined when Strata has no such column type. Checked by type id and
 * parameters: decoded IPC types are the generic classes (Int, Float), not the Int64/Float64 subclasses.
 */
export function columnTypeOfArrow(type: DataType): ColumnType | undefined {
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isInt(type)) return type.bitWidth === 64 && type.isSigned ? 'int64' : undefined;
  if (DataType.isFloat(type)) return type.precision === Precision.DOUBLE ? 'float64' : undefined;
  if (DataType.isUtf8(type)) return 'string';
  if (DataType.isDate(type)) return type.unit === DateUnit.DAY ? 'date' : undefined;
  if (DataType.isTimestamp(type)) return type.unit === TimeUnit.MILLISECOND ? 'timestamp' : undefined;
  return undefined;
}

export function schemaOfArrow(schema: ArrowSchema): Schema {
  return {
    fields: schema.fields.map((f) => {
      const type = columnTypeOfArrow(f.type as DataType);
      if (type === undefined) throw new Error(`Unsupported Arrow type ${String(f.type)} for column ${f.name}`);
      return { name: f.name, type, nullable: f.nullable };
    }),
  };
}

/** Raw buffers of one column, in Arrow's layout (validity bitmap: bit i set = row i is not null). */
export interface ColumnBuffers {
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array | undefined;
  /** bool: bit-packed Uint8Array; int64/timestamp: BigInt64Array; float64: Float64Array; date: Int32Array; string: UTF-8 bytes. */
  readonly values: Uint8Array | Int32Array | Float64Array | BigInt64Array;
  /** string only: length + 1 offsets into `values`. */
  readonly offsets?: Int32Array | undefined;
}

export function makeColumnData(type: ColumnType, buffers: ColumnBuffers): Data {
  const { length, nullCount } = buffers;
  const nullBitmap = nullCount > 0 ? buffers.validity : undefined;
  switch (type) {
    case 'bool':
      return makeData({ type: new Bool(), length, nullCount, nullBitmap, data: buffers.values as Uint8Array });
    case 'int64':
      return makeData({ type: new Int64(), length, nullCount, nullBitmap, data: buffers.values as BigInt64Array });
    case 'float64':
      return makeData({ type: new Float64(), length, nullCount, nullBitmap, data: buffers.values as Float64Array });
    case 'date':
      return makeData({ type: new DateDay(), length, nullCount, nullBitmap, data: buffers.values as Int32Array });
    case 'timestamp':
      return makeData({
        type: new Timestamp(TimeUnit.MILLISECOND, TIMESTAMP_TZ),
        length,
        nullCount,
        nullBitmap,
        data: buffers.values as BigInt64Array,
      });
    case 'string': {
      if (!buffers.offsets) throw new Error('string column needs offsets');
      return makeData({
        type: new Utf8(),
        length,
        nullCount,
        nullBitmap,
        valueOffsets: buffers.offsets,
        data: buffers.values as Uint8Array,
      });
    }
  }
}
