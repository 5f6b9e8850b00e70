/**
 * Builds Arrow tables from rows of a version or from plain column values, with apache-arrow builders (CSP-safe,
 * unlike vectorFromArray for strings).
 */
import { makeBuilder, type Data, type Table } from 'apache-arrow';
import { arrowSchemaOf, arrowTypeOf } from '../model/arrow';
import type { ColumnType, Schema } from '../model/schema';
import { tableOfColumns } from '../io/ipc';
import type { Value } from './values';
import type { VersionView } from './view';

export function buildColumn(type: ColumnType, values: ArrayLike<Value>): Data {
  const builder = makeBuilder({ type: arrowTypeOf(type), nullValues: [null, undefined] });
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (type === 'int64' && typeof v === 'number') v = BigInt(Math.trunc(v));
    if (type === 'float64' && typeof v === 'bigint') v = Number(v);
    builder.append(v as never);
  }
  return builder.finish().flush() as Data;
}

/** A single-batch table from column value arrays (one per schema field). */
export function tableFromValues(schema: Schema, columns: readonly ArrayLike<Value>[], length: number): Table {
  const data = schema.fields.map((f, i) => buildColumn(f.type, columns[i] ?? new Array<Value>(length).fill(null)));
  return tableOfColumns(arrowSchemaOf(schema), data, length);
}

/** The given rows (by position) of a version, in the order given, restricted to `schema`'s columns. */
export function gatherRows(view: VersionView, positions: ArrayLike<number>, schema: Schema = view.schema): Table {
  const n = positions.length;
  const fieldIdx = schema.fields.map((f) => view.fieldIndex(f.name));
  const columns = fieldIdx.map(() => new Array<Value>(n));
  for (let i = 0; i < n; i++) {
    const pos = positions[i]!;
    const r = view.refAt(pos);
    const fp = view.filePos(r, pos - view.starts[r]!);
    for (let c = 0; c < fieldIdx.length; c++) columns[c]![i] = view.getter(r, fieldIdx[c]!)(fp);
  }
  return tableFromValues(schema, columns, n);
}

/** Every row of a version, in order. */
export function gatherAll(view: VersionView, schema: Schema = view.schema): Table {
  const fieldIdx = schema.fields.map((f) => view.fieldIndex(f.name));
  return tableFromValues(
    schema,
    fieldIdx.map((f) => view.columnValues(f)),
    view.totalRows,
  );
}
