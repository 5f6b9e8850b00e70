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
