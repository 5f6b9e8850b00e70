/**
 * "Next change" / "Previous change" through the diff grid: every changed cell of a changed row is a stop, and an added
 * or removed row is one stop (the whole row changed). Pure, so the order is easy to reason about.
 */
import type { ChangeKind } from '../../protocol/dto';

export interface GridCursor {
  readonly row: number;
  /** Index into the shown columns; null: the row as a whole. */
  readonly cell: number | null;
}

export interface RowStops {
  readonly kind: ChangeKind;
  /** Indexes of the shown columns whose cell changed (changed rows only), ascending. */
  readonly changedCells: readonly number[];
}

/** The stop after (dir 1) or before (dir −1) `at`; `rowAt` is undefined for rows not loaded yet (a row stop then). */
export function nextChange(
  at: GridCursor | null,
  dir: 1 | -1,
  total: number,
  rowAt: (row: number) => RowStops | undefined,
): GridCursor | null {
  if (total === 0) return null;
  const firstIn = (row: number): GridCursor => {
    const cells = rowAt(row)?.changedCells ?? [];
    const cell = dir === 1 ? cells[0] : cells[cells.length - 1];
    return { row, cell: cell ?? null };
  };
  if (at === null) return firstIn(dir === 1 ? 0 : total - 1);
  const cells = rowAt(at.row)?.changedCells ?? [];
  const within =
    dir === 1
      ? cells.find((c) => at.cell === null || c > at.cell)
      : cells.findLast((c) => at.cell !== null && c < at.cell);
  if (within !== undefined) return { row: at.row, cell: within };
  const row = at.row + dir;
  return row < 0 || row >= total ? at : firstIn(row);
}
