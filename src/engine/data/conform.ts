/**
 * Fitting incoming rows to a table's schema: schema evolution rules (new columns added as nullable when allowed,
 * missing nullable columns become nulls, int64 widens to float64 only when every value fits exactly) and the
 * zero-copy re-shaping of Arrow columns to the target schema.
 */
import { Float64, makeData, type Data, type Table } from 'apache-arrow';
import { StrataError } from '../errors';
import { arrowSchemaOf, arrowTypeOf, schemaOfArrow } from '../model/arrow';
import type { ColumnType, Field, Schema } from '../model/schema';
import { tableOfColumns } from '../io/ipc';

const MAX_EXACT = 2 ** 53;

export interface SchemaResolution {
  readonly schema: Schema;
  readonly newColumns: string[];
  readonly missingColumns: string[];
  /** Table columns that become float64 (int64 widened) with this commit. */
  readonly widenedColumns: string[];
  readonly notices: string[];
}

/**
 * The schema a table has after taking rows of `incoming`. `existingFitsFloat(column)` tells whether every value the
 * table holds in an int64 column is exactly representable as float64.
 */
export async function resolveSchema(
  table: Schema,
  incoming: Schema,
  opts: { allowNewColumns: boolean; tableName: string; existingFitsFloat: (column: string) => Promise<boolean> },
): Promise<SchemaResolution> {
  const incomingByName = new Map(incoming.fields.map((f) => [f.name, f]));
  const tableNames = new Set(table.fields.map((f) => f.name));
  const fields: Field[] = [];
  const missingColumns: string[] = [];
  const widenedColumns: string[] = [];
  const notices: string[] = [];
  for (const f of table.fields) {
    const inc = incomingByName.get(f.name);
    if (!inc) {
      if (!f.nullable) {
        throw new StrataError(
          'SCHEMA_MISMATCH',
          `Column "${f.name}" of ${opts.tableName} is required but the incoming data has no such column`,
          { column: f.name },
        );
      }
      missingColumns.push(f.name);
      notices.push(`Column "${f.name}" is missing from the incoming data; its values become null`);
      fields.push(f);
      continue;
    }
    if (inc.type === f.type) {
      fields.push(f);
    } else if (f.type === 'int64' && inc.type === 'float64') {
      if (!(await opts.existingFitsFloat(f.name))) {
        throw new StrataError(
          'SCHEMA_MISMATCH',
          `Column "${f.name}" of ${opts.tableName} is int64 and holds values too large to widen to float64 exactly`,
          { column: f.name },
        );
      }
      widenedColumns.push(f.name);
      notices.push(`Column "${f.name}" widened from int64 to float64`);
      fields.push({ ...f, type: 'float64' });
    } else if (f.type === 'float64' && inc.type === 'int64') {
      fields.push(f); // incoming integers are converted, each checked to fit exactly
    } else {
      throw new StrataError(
        'SCHEMA_MISMATCH',
        `Column "${f.name}" of ${opts.tableName} is ${f.type} but the incoming data has ${inc.type}`,
        { column: f.name, expected: f.type, actual: inc.type },
      );
    }
  }
  const newColumns = incoming.fields.filter((f) => !tableNames.has(f.name)).map((f) => f.name);
  if (newColumns.length && !opts.allowNewColumns) {
    throw new StrataError(
      'SCHEMA_MISMATCH',
      `The incoming data has column${newColumns.length > 1 ? 's' : ''} ${newColumns.map((c) => `"${c}"`).join(', ')} that ${opts.tableName} lacks; confirm adding ${newColumns.length > 1 ? 'them' : 'it'} as nullable`,
      { columns: newColumns },
    );
  }
  for (const name of newColumns) {
    const inc = incomingByName.get(name)!;
    fields.push({ ...inc, nullable: true });
    notices.push(`Column "${name}" added (nullable)`);
  }
  return { schema: { fields }, newColumns, missingColumns, widenedColumns, notices };
}

export function nullData(type: ColumnType, length: number): Data {
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  const arrowType = arrowTypeOf(type);
  switch (type) {
    case 'string':
      return makeData({
        type: arrowType as never,
        length,
        nullCount: length,
        nullBitmap,
        valueOffsets: new Int32Array(length + 1),
        data: new Uint8Array(0),
      } as never);
    case 'bool':
      return makeData({
        type: arrowType as never,
        length,
        nullCount: length,
        nullBitmap,
        data: new Uint8Array(Math.ceil(length / 8)),
      } as never);
    case 'int64':
    case 'timestamp':
      return makeData({
        type: arrowType as never,
        length,
        nullCount: length,
        nullBitmap,
        data: new BigInt64Array(length),
      } as never);
    case 'float64':
      return makeData({
        type: arrowType as never,
        length,
        nullCount: length,
        nullBitmap,
        data: new Float64Array(length),
      } as never);
    case 'date':
      return makeData({
        type: arrowType as never,
        length,
        nullCount: length,
        nullBitmap,
        data: new Int32Array(length),
      } as never);
  }
}

function int64ToFloat64(data: Data, column: string): Data {
  const src = data.values as BigInt64Array;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = src[i]!;
    if ((v > MAX_EXACT || v < -MAX_EXACT) && data.getValid(i)) {
      throw new StrataError('SCHEMA_MISMATCH', `Column "${column}": ${v} cannot be stored exactly as float64`, {
        column,
        value: String(v),
      });
    }
    out[i] = Number(v);
  }
  return makeData({
    type: new Float64(),
    length: data.length,
    nullCount: data.nullCount,
    nullBitmap: data.nullBitmap,
    data: out,
  });
}

/** Re-shapes one single-chunk table to `target`: columns by name, missing ones null, int64 → float64 converted. */
export function conformTable(table: Table, target: Schema, label: string): Table {
  const incoming = schemaOfArrow(table.schema);
  const length = table.numRows;
  const batch = table.batches.length === 1 ? table.batches[0]! : undefined;
  if (!batch && length > 0) throw new Error('conformTable expects a single-batch table');
  const columns = target.fields.map((f) => {
    const i = incoming.fields.findIndex((g) => g.name === f.name);
    if (i < 0 || !batch) return nullData(f.type, length);
    const data = batch.data.children[i]!;
    const from = incoming.fields[i]!.type;
    const fitted =
      from === f.type ? data : from === 'int64' && f.type === 'float64' ? int64ToFloat64(data, f.name) : null;
    if (!fitted) {
      throw new StrataError('SCHEMA_MISMATCH', `${label}: column "${f.name}" is ${from}, expected ${f.type}`, {
        column: f.name,
      });
    }
    if (!f.nullable && fitted.nullCount > 0) {
      throw new StrataError('SCHEMA_MISMATCH', `${label}: column "${f.name}" is required but has null values`, {
        column: f.name,
      });
    }
    return fitted;
  });
  return tableOfColumns(arrowSchemaOf(target), columns, length);
}

/** Whether every int64 value is within ±2^53 (exact as float64). */
export function int64FitsFloat(values: Iterable<unknown>): boolean {
  for (const v of values) {
    if (typeof v === 'bigint' && (v > MAX_EXACT || v < -MAX_EXACT)) return false;
  }
  return true;
}
