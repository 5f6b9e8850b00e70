/**
 * Decoding the Arrow IPC windows the worker sends, and reading their cells as display text. Values stay in Arrow
 * columns: a cell is read when a row is rendered, never copied into row objects.
 */
import { tableFromIPC, type Table, type Vector } from 'apache-arrow';
import type { ColumnType, Field } from '../protocol/dto';
import { formatUtcDate, formatUtcTimestamp } from './common/format';

export function decodeWindow(ipc: Uint8Array): Table {
  return tableFromIPC(ipc);
}

/** A cell as shown: `null` is kept apart from text so the grid can draw it as a distinct chip. */
export type CellText = string | null;

/** Display text of one value of a Strata column type (int64 arrives as bigint; timestamp/date as UTC ms). */
export function formatValue(type: ColumnType, value: unknown): CellText {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'timestamp':
      return formatUtcTimestamp(Number(value));
    case 'date':
      return formatUtcDate(Number(value));
    case 'bool':
      return value ? 'true' : 'false';
    default:
      return String(value);
  }
}

/** Reads display text out of a decoded window, column by column. */
export class WindowReader {
  private readonly columns: readonly (Vector | null)[];

  constructor(
    readonly table: Table,
    readonly fields: readonly Field[],
  ) {
    this.columns = fields.map((f) => table.getChild(f.name));
  }

  get rows(): number {
    return this.table.numRows;
  }

  cell(row: number, column: number): CellText {
    const field = this.fields[column];
    const vector = this.columns[column];
    if (!field || !vector) return null;
    return formatValue(field.type, vector.get(row));
  }
}

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['int64', 'float64']);
export const TEMPORAL_TYPES: ReadonlySet<ColumnType> = new Set(['timestamp', 'date']);
