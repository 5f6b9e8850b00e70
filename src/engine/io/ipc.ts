/**
 * Encoding of the three kinds of data file as Arrow IPC files:
 * - data: the table's columns (in the schema of the version that wrote it);
 * - deletes: one Int32 column of sorted row positions (of a data file) that are deleted;
 * - patch: column 0 holds the Int32 row positions replaced, columns 1… the replacement rows (read by index, so a
 *   user column may have any name, even the position column's).
 */
import {
  Field as ArrowField,
  Int32,
  RecordBatch,
  Schema as ArrowSchema,
  Struct,
  Table,
  makeData,
  tableFromIPC,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { StrataError } from '../errors';

export const POSITION_COLUMN = '__strata_pos';

export function encodeTable(table: Table): Uint8Array<ArrayBuffer> {
  return tableToIPC(table, 'file') as Uint8Array<ArrayBuffer>;
}

export function decodeTable(bytes: Uint8Array, fileId: string): Table {
  try {
    return tableFromIPC(bytes);
  } catch (e) {
    throw new StrataError('CORRUPT_FILE', `Data file ${fileId} is not a readable Arrow file: ${String(e)}`, { fileId });
  }
}

export function int32Data(values: Int32Array): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, nullCount: 0, data: values });
}

/** A single-batch table from column Data, under the given Arrow schema. */
export function tableOfColumns(schema: ArrowSchema, columns: readonly Data[], length: number): Table {
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: [...columns] });
  return new Table([new RecordBatch(schema, struct)]);
}

export function encodePositions(positions: Int32Array): Uint8Array<ArrayBuffer> {
  const schema = new ArrowSchema([new ArrowField(POSITION_COLUMN, new Int32(), false)]);
  return encodeTable(tableOfColumns(schema, [int32Data(positions)], positions.length));
}

export function decodePositions(bytes: Uint8Array, fileId: string): Int32Array {
  const table = decodeTable(bytes, fileId);
  const column = table.getChildAt(0);
  if (!column) throw new StrataError('CORRUPT_FILE', `Deletion file ${fileId} has no positions`, { fileId });
  return column.toArray() as Int32Array;
}

/** Positions first, then the replacement rows' columns. */
export function encodePatch(positions: Int32Array, rows: Table): Uint8Array<ArrayBuffer> {
  const schema = new ArrowSchema([new ArrowField(POSITION_COLUMN, new Int32(), false), ...rows.schema.fields]);
  const columns = rows.schema.fields.map((_, i) => {
    const child = rows.getChildAt(i);
    if (!child) throw new Error('missing patch column');
    return child.data.length === 1 ? child.data[0]! : child.data[0]!;
  });
  return encodeTable(tableOfColumns(schema, [int32Data(positions), ...columns], positions.length));
}
