/**
 * The storage ports the engine depends on. Two implementations each: OPFS + IndexedDB + Web Locks for the app
 * (worker), memory for unit tests. The engine never touches a browser API except through these.
 */
import type {
  CatalogMeta,
  FileId,
  FileRecord,
  StagingRecord,
  TableId,
  TableRecord,
  TagRecord,
  VersionRecord,
} from '../model/records';

/** Immutable data files. A file is written once, completely, and never changed; ids are generated, never user input. */
export interface BlobStore {
  /**
   * Writes and flushes the whole file. Throws StrataError QUOTA_EXCEEDED (details.neededBytes) when the storage is
   * full — including when the platform reports a short write — and IO_ERROR otherwise; a failed write leaves no file.
   */
  write(id: FileId, bytes: Uint8Array): Promise<void>;
  /** Throws StrataError MISSING_FILE when absent. */
  read(id: FileId): Promise<Uint8Array>;
  /** Size in bytes, or undefined when absent. */
  size(id: FileId): Promise<number | undefined>;
  /** Idempotent. */
  delete(id: FileId): Promise<void>;
  list(): Promise<FileId[]>;
}

/** A precondition checked inside the catalog transaction: the table's head is still `head`. */
export interface HeadExpectation {
  readonly tableId: TableId;
  readonly head: number;
}

/** Everything one commit changes, applied atomically in one transaction (IndexedDB: durability 'strict'). */
export interface CatalogBatch {
  readonly expect?: readonly HeadExpectation[];
  /** Fails with TABLE_EXISTS unless no other live table has this name. */
  readonly expectNameFree?: readonly { readonly name: string; readonly exceptTableId?: TableId }[];
  readonly meta?: CatalogMeta;
  readonly tables?: readonly TableRecord[];
  readonly deleteTables?: readonly TableId[];
  readonly versions?: readonly VersionRecord[];
  readonly deleteVersions?: readonly (readonly [TableId, number])[];
  readonly files?: readonly FileRecord[];
  readonly deleteFiles?: readonly FileId[];
  readonly tags?: readonly TagRecord[];
  readonly deleteTags?: readonly string[];
  readonly staging?: readonly StagingRecord[];
  readonly deleteStaging?: readonly string[];
}

/** Thrown by Catalog.apply when an expectation fails; nothing of the batch was applied. */
export class HeadMovedError extends Error {
  override name = 'HeadMovedError';
  constructor(
    readonly tableId: TableId,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`Head of table ${tableId} moved: expected ${expected}, found ${String(actual)}`);
  }
}

/** Tables, versions, files, tags, staging records and the commit pointer (each table's head). */
export interface Catalog {
  getMeta(): Promise<CatalogMeta | undefined>;
  getTable(id: TableId): Promise<TableRecord | undefined>;
  listTables(): Promise<TableRecord[]>;
  getVersion(tableId: TableId, version: number): Promise<VersionRecord | undefined>;
  /** Versions with from ≤ version ≤ to, ascending. */
  listVersions(tableId: TableId, from: number, to: number): Promise<VersionRecord[]>;
  /** The version with the greatest committedAt ≤ time, found by an index in O(log n). */
  findVersionAt(tableId: TableId, time: number): Promise<VersionRecord | undefined>;
  getFile(id: FileId): Promise<FileRecord | undefined>;
  listFiles(tableId?: TableId): Promise<FileRecord[]>;
  getTag(name: string): Promise<TagRecord | undefined>;
  listTags(): Promise<TagRecord[]>;
  listStaging(): Promise<StagingRecord[]>;
  /** Checks every expectation, then applies the whole batch, atomically. Throws HeadMovedError or TABLE_EXISTS. */
  apply(batch: CatalogBatch): Promise<void>;
  close(): void;
}

export type LockMode = 'exclusive' | 'shared';

/** Web Locks semantics: names are origin-wide, held for the duration of fn. */
export interface Locks {
  request<T>(name: string, mode: LockMode, fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Names of locks currently held by anyone (any tab or worker of the origin). */
  heldNames(): Promise<Set<string>>;
}

export interface ChangeEvent {
  readonly kind: 'commit' | 'tables' | 'tags' | 'retention';
  readonly tableId?: TableId | undefined;
  readonly version?: number | undefined;
}

/** Tells other tabs about commits (BroadcastChannel in the browser). */
export interface Notifier {
  publish(event: ChangeEvent): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

export interface EngineStorage {
  readonly blobs: BlobStore;
  readonly catalog: Catalog;
  readonly locks: Locks;
  readonly notifier: Notifier;
}
