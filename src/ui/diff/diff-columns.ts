/** Which table columns the diff grid shows, in what order and how wide. */
import type { ColumnType, DiffColumn, DiffSummary } from '../../protocol/dto';
import { NUMERIC_TYPES } from '../arrow';
import { columnsOf } from '../grid/columns';

export interface DiffDisplayColumn {
  readonly column: DiffColumn;
  /** Type of the shown value (the new type; the old one for a dropped column). */
  readonly type: ColumnType;
  /** Type of the old value beside a changed cell. */
  readonly oldType: ColumnType;
  readonly numeric: boolean;
  readonly width: number;
  readonly changedCells: number;
}

/** Room for the old value beside the new one in columns that have changed cells. */
const PAIRED_WIDTH = 1.8;
const MAX_WIDTH = 380;
/** A header holding "int64 → float64" (or a "new" / "dropped" badge) needs more room than the type alone. */
const STATUS_WIDTH: Record<DiffColumn['status'], number> = { same: 0, added: 190, dropped: 210, typeChanged: 230 };

/** Every column except where "Hide unchanged columns" drops it: keys first, then the table's order. */
export function displayColumns(summary: DiffSummary, hideUnchanged: boolean): DiffDisplayColumn[] {
  const shown = summary.columns.filter(
    (c) => !hideUnchanged || c.isKey || c.status !== 'same' || (summary.changedCells[c.name] ?? 0) > 0,
  );
  const ordered = [...shown.filter((c) => c.isKey), ...shown.filter((c) => !c.isKey)];
  const fields = ordered.map((c) => ({ name: c.name, type: (c.toType ?? c.fromType)!, nullable: true }));
  const defs = columnsOf(fields);
  return ordered.map((column, i) => {
    const type = fields[i]!.type;
    const changedCells = summary.changedCells[column.name] ?? 0;
    const base = Math.max(defs[i]?.size ?? 140, STATUS_WIDTH[column.status]);
    return {
      column,
      type,
      oldType: column.fromType ?? type,
      numeric: NUMERIC_TYPES.has(type),
      width: changedCells > 0 ? Math.min(MAX_WIDTH, Math.round(base * PAIRED_WIDTH)) : base,
      changedCells,
    };
  });
}
