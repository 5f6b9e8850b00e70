/**
 * Reads a Parquet file (ours, or one written by Spark/pyarrow into an Iceberg table) into Strata column values with
 * hyparquet: the inverse of schema.ts, plus the nearby types other writers use (INT32, FLOAT, timestamps in any unit,
 * plain BYTE_ARRAY as string). Nested columns are refused.
 */
import { parquetMetadata, parquetReadObjects, type SchemaElement } from 'hyparquet';
import { StrataError } from '../../errors';
import type { ColumnType, Field } from '../../model/schema';
import type { Value } from '../../read/values';

const DAY_MS = 86_400_000;

export interface ParquetColumns {
  readonly fields: Field[];
  /** The Parquet field id of each field (Iceberg data files carry them), or undefined. */
  readonly fieldIds: (number | undefined)[];
  readonly columns: Value[][];
  readonly rows: number;
  readonly metadata: Record<string, string>;
}

type Converter = (v: unknown) => Value;

function columnOf(e: SchemaElement): { type: ColumnType; convert: Converter } | undefined {
  const ts = e.logical_type?.type === 'TIMESTAMP' ? e.logical_type.unit : undefined;
  const unit =
    ts ??
    (e.converted_type === 'TIMESTAMP_MILLIS'
      ? 'MILLIS'
      : e.converted_type === 'TIMESTAMP_MICROS'
        ? 'MICROS'
        : undefined);
  if (unit) {
    const per = unit === 'MILLIS' ? 1n : unit === 'MICROS' ? 1000n : 1_000_000n;
    return { type: 'timestamp', convert: (v) => Number(floorDiv(BigInt(v as bigint), per)) };
  }
  if (e.logical_type?.type === 'DATE' || e.converted_type === 'DATE') {
    return { type: 'date', convert: (v) => Number(v) * DAY_MS };
  }
  switch (e.type) {
    case 'BOOLEAN':
      return { type: 'bool', convert: (v) => Boolean(v) };
    case 'INT32':
    case 'INT64':
      return { type: 'int64', convert: (v) => BigInt(v as number | bigint) };
    case 'FLOAT':
    case 'DOUBLE':
      return { type: 'float64', convert: (v) => Number(v) };
    case 'BYTE_ARRAY':
      return { type: 'string', convert: (v) => String(v) };
    default:
      return undefined;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export async function readParquetColumns(bytes: Uint8Array, label: string): Promise<ParquetColumns> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new StrataError('CORRUPT_FILE', `${label} is not a readable Parquet file: ${String(e)}`, { file: label });
  }
  const [root, ...leaves] = metadata.schema;
  if (!root || leaves.length !== (root.num_children ?? 0) || leaves.some((l) => l.num_children)) {
    throw new StrataError('INVALID_ARGUMENT', `${label} has nested columns, which Strata cannot hold`, { file: label });
  }
  const mapped = leaves.map((e) => {
    const m = columnOf(e);
    if (!m) {
      throw new StrataError('INVALID_ARGUMENT', `${label}: column "${e.name}" has a Parquet type Strata cannot hold`, {
        file: label,
        column: e.name,
      });
    }
    return m;
  });
  const raw = (await parquetReadObjects({
    file,
    metadata,
    utf8: true,
    parsers: {
      timestampFromMilliseconds: (v) => v,
      timestampFromMicroseconds: (v) => v,
      timestampFromNanoseconds: (v) => v,
      dateFromDays: (v) => v,
    },
  })) as Record<string, unknown>[];
  const columns = leaves.map((e, c) => {
    const { convert } = mapped[c]!;
    return raw.map((row) => {
      const v = row[e.name];
      return v === null || v === undefined ? null : convert(v);
    });
  });
  return {
    fields: leaves.map((e, c) => ({ name: e.name, type: mapped[c]!.type, nullable: e.repetition_type !== 'REQUIRED' })),
    fieldIds: leaves.map((e) => e.field_id),
    columns,
    rows: raw.length,
    metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? ''])),
  };
}
