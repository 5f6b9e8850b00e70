/**
 * Reading the diff rows the worker sends (Arrow IPC, see DiffSummary.columns / windowColumns for the layout). Column
 * names always come from the summary: generated names dodge clashes with the table's own columns.
 */
import type { Table, Vector } from 'apache-arrow';
import { CHANGE_KINDS, type ChangeKind, type DiffColumn, type DiffSummary } from '../../protocol/dto';

interface ColumnVectors {
  readonly value: Vector | null;
  readonly old: Vector | null;
  readonly changed: Vector | null;
}

/** One decoded window of diff rows; values are read when a row renders, never copied into row objects. */
export class DiffWindowReader {
  private readonly change: Vector | null;
  private readonly fromRows: Vector | null;
  private readonly toRows: Vector | null;
  private readonly vectors = new Map<string, ColumnVectors>();

  constructor(
    readonly table: Table,
    summary: DiffSummary,
  ) {
    const { change, fromRow, toRow } = summary.windowColumns;
    this.change = table.getChild(change);
    this.fromRows = table.getChild(fromRow);
    this.toRows = table.getChild(toRow);
    for (const c of summary.columns) {
      this.vectors.set(c.name, {
        value: table.getChild(c.valueColumn),
        old: c.oldColumn === null ? null : table.getChild(c.oldColumn),
        changed: c.changedColumn === null ? null : table.getChild(c.changedColumn),
      });
    }
  }

  get rows(): number {
    return this.table.numRows;
  }

  kind(row: number): ChangeKind {
    const k: unknown = this.change?.get(row);
    return CHANGE_KINDS.find((c) => c === k) ?? 'changed';
  }
  /** The row's position in the from- / to-version (null where it has none). */
  position(row: number, side: 'from' | 'to'): number | null {
    const v: unknown = (side === 'from' ? this.fromRows : this.toRows)?.get(row);
    return typeof v === 'number' ? v : null;
  }
  /** The value shown: the new one, or the old one on a removed row. */
  value(row: number, column: DiffColumn): unknown {
    return this.vectors.get(column.name)?.value?.get(row) ?? null;
  }
  /** The old value of a changed row's cell (null elsewhere). */
  old(row: number, column: DiffColumn): unknown {
    return this.vectors.get(column.name)?.old?.get(row) ?? null;
  }
  changed(row: number, column: DiffColumn): boolean {
    return this.vectors.get(column.name)?.changed?.get(row) === true;
  }
}

/** The request's identity, for caches and loaders (a diff of fixed versions never changes). */
export function diffKey(req: {
  readonly tableId: string;
  readonly from: number;
  readonly to: number;
  readonly key?: readonly string[] | undefined;
}): string {
  return JSON.stringify([req.tableId, req.from, req.to, req.key ?? null]);
}
