/**
 * Plain data that crosses the worker boundary. Structurally identical to the engine's own types where they overlap;
 * the worker assigns engine results to these types, so the compiler checks the two never drift apart.
 */
export const COLUMN_TYPES = ['bool', 'int64', 'float64', 'string', 'date', 'timestamp'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Field {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}
export interface Schema {
  readonly fields: readonly Field[];
}

export const OPERATIONS = ['create', 'append', 'overwrite', 'update', 'delete', 'restore', 'compact'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Which version to read: a number, the latest committed at or before a UTC ms time (inclusive), or a tag's. */
export type AsOf = { readonly version: number } | { readonly time: number } | { readonly tag: string };

export interface VersionSummary {
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  readonly totalRows: number;
  readonly filesAdded: number;
  readonly filesRemoved: number;
  readonly bytesAdded: number;
}

export interface TableInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  /** -1 when the table has a schema but no version yet. */
  readonly head: number;
  readonly rows: number;
  /** Bytes of the data files the table's live versions reference. */
  readonly bytes: number;
  readonly liveVersions: number;
  readonly lastCommitAt: number | null;
  readonly schema: Schema;
}

export interface VersionInfo {
  readonly version: number;
  readonly id: string;
  readonly parent: number | null;
  readonly committedAt: number;
  readonly operation: Operation;
  readonly summary: VersionSummary;
  readonly message?: string | undefined;
  readonly expiredAt?: number | undefined;
  readonly restoredFrom?: number | undefined;
  readonly schema: Schema;
}

export interface TagInfo {
  readonly name: string;
  readonly createdAt: number;
  readonly message?: string | undefined;
  readonly entries: readonly { readonly tableId: string; readonly tableName: string; readonly version: number }[];
}

/** Values in filters: numbers for int64/float64, UTC ms for timestamp and date, text for string, booleans for bool. */
export type ScalarValue = string | number | boolean | null;

export const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'isNull', 'notNull'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** A serializable row predicate (never a function: it crosses the worker boundary). */
export type Predicate =
  | { readonly column: string; readonly op: Comparison; readonly value?: ScalarValue }
  | { readonly and: readonly Predicate[] }
  | { readonly or: readonly Predicate[] };

export interface RangeFilter {
  readonly column: string;
  readonly min?: ScalarValue;
  readonly max?: ScalarValue;
}

export interface SortKey {
  readonly column: string;
  readonly descending?: boolean;
}

// ---- diff and charts --------------------------------------------------------------------------------------------

export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Tolerance {
  readonly absolute?: number | undefined;
  readonly relative?: number | undefined;
}

export interface DiffColumn {
  readonly name: string;
  readonly status: 'same' | 'added' | 'dropped' | 'typeChanged';
  readonly isKey: boolean;
  readonly fromType: ColumnType | null;
  readonly toType: ColumnType | null;
  /** Column of a diff window holding the shown value (new for added/changed rows, old for removed rows). */
  readonly valueColumn: string;
  /** Column holding the old value on changed rows; null for keys and unkeyed diffs. */
  readonly oldColumn: string | null;
  /** Bool column, true where this cell of a changed row differs; null for keys and unkeyed diffs. */
  readonly changedColumn: string | null;
}

/** What changed between two versions: counts, schema changes and how to read the diff rows (see diffWindow). */
export interface DiffSummary {
  readonly tableId: string;
  readonly from: number;
  readonly to: number;
  /** keyed: added / removed / changed rows by key; multiset: whole rows compared, added / removed only. */
  readonly mode: 'keyed' | 'multiset';
  readonly keyUsed: readonly string[] | null;
  readonly keySource: 'given' | 'inferred' | null;
  readonly notice: string | null;
  readonly schema: {
    readonly added: readonly Field[];
    readonly dropped: readonly Field[];
    readonly typeChanged: readonly { readonly name: string; readonly from: ColumnType; readonly to: ColumnType }[];
    readonly unchanged: boolean;
  };
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly changedCells: Readonly<Record<string, number>>;
  readonly columns: readonly DiffColumn[];
  /** Names of the window's bookkeeping columns: change kind, and the row's position in each version. */
  readonly windowColumns: { readonly change: string; readonly fromRow: string; readonly toRow: string };
  readonly ms: number;
}

export interface VersionStat {
  readonly version: number;
  readonly committedAt: number;
  readonly operation: Operation;
  readonly message: string | null;
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  readonly totalRows: number;
  readonly expired: boolean;
}

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
}

/** A numeric column against an ordered one, downsampled in the worker (min/max per bucket). */
export interface Series {
  readonly version: number;
  readonly x: string;
  readonly y: string;
  readonly rows: number;
  readonly domain: { readonly min: number; readonly max: number } | null;
  readonly points: readonly SeriesPoint[];
}

export interface Restatement {
  readonly from: Series;
  readonly to: Series;
  /** x ranges where the two versions differ (to shade). */
  readonly differing: readonly { readonly x0: number; readonly x1: number }[];
}

export interface RowVersion {
  readonly version: number;
  readonly committedAt: number;
  readonly operation: Operation;
  readonly present: boolean;
  readonly position: number | null;
  /** The row's values in this version (schema order of `columns`), null when absent. */
  readonly values: readonly (string | number | boolean | bigint | null)[] | null;
  /** Columns whose value differs from the previous version's. */
  readonly changed: readonly string[];
}

export interface RowHistory {
  readonly column: string;
  readonly columns: readonly Field[];
  readonly versions: readonly RowVersion[];
}

// ---- portability: backup, restore, Parquet and Iceberg ---------------------------------------------------------

/**
 * The OPFS directory (beside the data directory, never inside it) where the worker writes files for download; the
 * page reads each one as a disk-backed File and deletes it afterwards. Persisted name: DO NOT CHANGE.
 */
export const EXPORT_DIRECTORY = 'strata-exports';

/** Progress of a backup, restore, export or import: `done` of `total` in `unit`. */
export interface TransferProgress {
  readonly phase: 'reading' | 'writing' | 'verifying' | 'committing';
  readonly done: number;
  readonly total: number;
  readonly unit: 'bytes' | 'versions' | 'rows';
}

/** A file the worker produced for the user to download. */
export interface ExportFile {
  /** The download's name, e.g. `AAPL@v4.parquet`. */
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: number;
  /** The temporary file under {@link EXPORT_DIRECTORY} (a generated id), when OPFS is available. */
  readonly opfsName?: string | undefined;
  /** The content itself when OPFS is not (storage refused: the app runs on memory). */
  readonly blob?: Blob | undefined;
}

/** What to do with a table (or tag) of a backup whose name the store already uses. */
export const CLASH_CHOICES = ['rename', 'skip'] as const;
export type ClashChoice = (typeof CLASH_CHOICES)[number];

/** A backup's contents, read from its manifest before anything is restored. */
export interface BackupPreview {
  readonly createdAt: number;
  readonly tables: readonly { readonly name: string; readonly versions: number; readonly clash: boolean }[];
  readonly tags: readonly { readonly name: string; readonly clash: boolean }[];
}

export interface RestoreSummary {
  readonly tables: readonly {
    readonly name: string;
    readonly restoredAs: string;
    readonly outcome: 'restored' | 'renamed' | 'skipped';
    /** The restored table's id; null when skipped. */
    readonly tableId: string | null;
  }[];
  readonly tags: readonly {
    readonly name: string;
    readonly restoredAs: string;
    readonly outcome: 'restored' | 'renamed' | 'skipped';
  }[];
  readonly versions: number;
  readonly files: number;
  readonly bytes: number;
}

export interface IcebergImportSummary {
  readonly tableId: string;
  readonly name: string;
  readonly versions: number;
  readonly tags: readonly { readonly name: string; readonly outcome: 'created' | 'skipped' }[];
}
