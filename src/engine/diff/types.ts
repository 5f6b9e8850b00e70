/**
 * The public shapes of a version diff. A diff is summary data plus a paged window of diff rows as Arrow, so a grid of
 * millions of rows never receives more than a screen at a time.
 */
import type { Table } from 'apache-arrow';
import type { ColumnType, Field } from '../model/schema';

/** Single source of the change kinds; the window's `__change` column holds these strings. DO NOT CHANGE (UI, e2e). */
export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const DIFF_MODES = ['keyed', 'multiset'] as const;
/** keyed: rows matched by key (added / removed / changed). multiset: whole rows compared (added / removed only). */
export type DiffMode = (typeof DIFF_MODES)[number];

/**
 * Float noise allowance for float64 cells: a and b are equal when |a − b| ≤ absolute or |a − b| ≤ relative ·
 * max(|a|, |b|) (symmetric, so diff(a, b) and diff(b, a) agree). Keys, other types and multiset diffs compare exactly.
 */
export interface Tolerance {
  readonly absolute?: number | undefined;
  readonly relative?: number | undefined;
}

export interface DiffOptions {
  /** Key column(s). Absent: inferred; see {@link DiffResult.keySource}. */
  readonly key?: readonly string[] | undefined;
  readonly tolerance?: Tolerance | undefined;
}

export interface SchemaDiff {
  /** Columns of the to-version only, in its order. */
  readonly added: readonly Field[];
  /** Columns of the from-version only, in its order. */
  readonly dropped: readonly Field[];
  readonly typeChanged: readonly { readonly name: string; readonly from: ColumnType; readonly to: ColumnType }[];
  readonly unchanged: boolean;
}

export const COLUMN_STATUSES = ['same', 'added', 'dropped', 'typeChanged'] as const;
export type ColumnStatus = (typeof COLUMN_STATUSES)[number];

/**
 * One table column in the diff, and the names of its columns in a window (generated names avoid clashes with the
 * table's own columns by adding underscores, so read them from here rather than building `${name}__old`).
 */
export interface DiffColumn {
  readonly name: string;
  readonly status: ColumnStatus;
  readonly isKey: boolean;
  readonly fromType: ColumnType | null;
  readonly toType: ColumnType | null;
  /** The displayed value: the new value of added and changed rows, the old value of removed rows. */
  readonly valueColumn: string;
  /** The old value on changed rows (null on added / removed rows). Null for key columns and in multiset mode. */
  readonly oldColumn: string | null;
  /** Bool, true where this cell of a changed row differs. Null for key columns and in multiset mode. */
  readonly changedColumn: string | null;
}

/** Positions (row indices in version order, as in `read`) of the diff rows, each array ascending. */
export interface DiffPositions {
  /** In the from-version. */
  readonly removed: Int32Array;
  /** In the to-version. */
  readonly added: Int32Array;
  /** Changed rows in the to-version (ascending), with their from-version positions index for index. */
  readonly changedTo: Int32Array;
  readonly changedFrom: Int32Array;
}

/** What the diff had to look at: shared segments are skipped unread. */
export interface DiffCost {
  readonly refs: { readonly shared: number; readonly from: number; readonly to: number };
  /** Non-shared refs whose data file was loaded. */
  readonly refsLoaded: { readonly from: number; readonly to: number };
  /** Rows compared (after rows provably identical on both sides were cancelled). */
  readonly rowsCompared: { readonly from: number; readonly to: number };
  readonly ms: number;
}

export interface WindowFilter {
  /** Only these change kinds (absent or empty: all). */
  readonly change?: readonly ChangeKind[] | undefined;
}

/**
 * A page of diff rows in key order (multiset mode: ordered by all columns, so a row's old and new forms sit
 * together). Columns of `rows`, in order:
 * - `__change` (string): 'added' | 'removed' | 'changed';
 * - `__from_row`, `__to_row` (Int32, nullable): the row's position in the from- / to-version;
 * - per {@link DiffColumn}: `valueColumn`, then `oldColumn` and `changedColumn` when not null.
 * Generated names are listed in {@link DiffResult.windowColumns}.
 */
export interface DiffWindow {
  readonly total: number;
  readonly offset: number;
  readonly rows: Table;
}

export interface DiffResult {
  readonly tableId: string;
  readonly from: number;
  readonly to: number;
  readonly mode: DiffMode;
  /** The key columns used; null in multiset mode. */
  readonly keyUsed: readonly string[] | null;
  readonly keySource: 'given' | 'inferred' | null;
  /** Why the diff is not keyed (no unique column, or the given key repeats), or other caveats; null if none. */
  readonly notice: string | null;
  readonly schema: SchemaDiff;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Changed cells per column name (every non-key column, zeros included; empty in multiset mode). */
  readonly changedCells: Readonly<Record<string, number>>;
  readonly columns: readonly DiffColumn[];
  readonly windowColumns: { readonly change: string; readonly fromRow: string; readonly toRow: string };
  readonly positions: DiffPositions;
  readonly cost: DiffCost;
  /** Diff rows [offset, offset + limit) of the (filtered) key order. Cheap: the diff is computed once and cached. */
  window(offset: number, limit: number, filter?: WindowFilter): DiffWindow;
}
