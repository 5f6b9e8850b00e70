/**
 * Persisted catalog records. These shapes live in IndexedDB across releases: DO NOT CHANGE field names or the
 * strings in OPERATIONS / FILE_KINDS; add optional fields and bump CATALOG_FORMAT with an upgrade instead.
 *
 * Storage model (see docs/engine.md): a version's rows are an ordered list of SegmentRefs — row slices of immutable
 * Arrow data files, each optionally masked by a deletion-vector file and overlaid by a positional patch file. A version
 * record stores only the delta of that list against its parent, plus a full checkpoint every so often, so metadata
 * grows with versions + segments, never versions × segments.
 */
import type { Schema } from './schema';

/** Version of the catalog's record shapes. Opening a catalog with a greater number is refused. */
export const CATALOG_FORMAT = 1;

export const OPERATIONS = ['create', 'append', 'overwrite', 'update', 'delete', 'restore', 'compact'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const FILE_KINDS = ['data', 'deletes', 'patch'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export type TableId = string;
export type FileId = string;

export interface CatalogMeta {
  readonly key: 'meta';
  readonly format: number;
  readonly createdAt: number;
  readonly storeId: string;
}

export interface TableRecord {
  readonly id: TableId;
  readonly name: string;
  readonly createdAt: number;
  /** Head version number, -1 while the table has no version (created with a schema only). */
  readonly head: number;
  /** The schema declared at creation, used for the first commit when head is -1. */
  readonly schema: Schema;
}

export interface VersionSummary {
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  readonly totalRows: number;
  readonly filesAdded: number;
  readonly filesRemoved: number;
  readonly bytesAdded: number;
}

/** A run of rows in a version's row order: rows [offset, offset + length) of a data file. */
export interface SegmentRef {
  /** Unique id of this ref; deltas address refs by it. */
  readonly ref: string;
  readonly file: FileId;
  readonly offset: number;
  readonly length: number;
  /** Deletion vector: an Arrow file of sorted int32 row positions (of the data file) that are deleted. Cumulative. */
  readonly deletes?: FileId | undefined;
  readonly deletedCount: number;
  /** Positional patch: an Arrow file with `__pos` plus the table's columns, replacing rows in place. Cumulative. */
  readonly patch?: FileId | undefined;
  readonly patchedCount: number;
}

/** How a version's segment list differs from its parent's. Inserts are placed first, then removals applied. */
export interface SegmentDelta {
  readonly removed: readonly string[];
  /** Each group goes right after the parent's ref `after` (null = at the start), in the order given. */
  readonly inserted: readonly { readonly after: string | null; readonly refs: readonly SegmentRef[] }[];
}

export interface VersionRecord {
  readonly tableId: TableId;
  readonly version: number;
  /** Unique across the store and all time (a restored backup keeps it). */
  readonly id: string;
  readonly parent: number | null;
  /** UTC ms; strictly increasing per table: max(now, parent.committedAt + 1). */
  readonly committedAt: number;
  readonly operation: Operation;
  readonly summary: VersionSummary;
  readonly schema: Schema;
  readonly message?: string | undefined;
  readonly delta: SegmentDelta;
  /** The full segment list of this version, stored every so often so replay stays short. */
  readonly checkpoint?: readonly SegmentRef[] | undefined;
  /** The version number whose checkpoint this version's list is replayed from (itself when it has one). */
  readonly checkpointAt: number;
  /** For `restore`: the version whose content this one copies. */
  readonly restoredFrom?: number | undefined;
  /** Set when retention expired this version; its record stays so reads can say when. */
  readonly expiredAt?: number | undefined;
}

/**
 * A data file. `spans` are the half-open version ranges [from, to) in which some version's list references the
 * file (to = null: still referenced by the head). History is linear, so a file is garbage once no live version lies in
 * any of its spans: reference counting in O(delta) per commit.
 */
export interface FileRecord {
  readonly id: FileId;
  readonly tableId: TableId;
  readonly kind: FileKind;
  readonly bytes: number;
  /** CRC-32 of the file's bytes. */
  readonly checksum: number;
  readonly rows: number;
  readonly createdAt: number;
  readonly spans: readonly (readonly [number, number | null])[];
}

export interface TagEntry {
  readonly tableId: TableId;
  readonly version: number;
}

export interface TagRecord {
  readonly name: string;
  readonly createdAt: number;
  readonly entries: readonly TagEntry[];
  readonly message?: string | undefined;
}

/** Written before a commit writes data files, deleted by the commit transaction. */
export interface StagingRecord {
  readonly id: string;
  /** The Web Lock held by the writer for the whole import; GC spares the files while it is held. */
  readonly lockName: string;
  readonly tableId?: TableId | undefined;
  readonly tableName: string;
  readonly files: readonly FileId[];
  readonly startedAt: number;
  readonly description: string;
}
