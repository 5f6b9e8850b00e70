/**
 * The one contract between the UI and the worker. Every method takes one named-argument object and returns plain
 * data; rows cross as Arrow IPC bytes in the transfer list, never as arrays of row objects. Long tasks take a
 * `requestId` (cancel with `cancel`) and an optional progress callback (a comlink proxy).
 */
import type {
  AsOf,
  Field,
  Predicate,
  RangeFilter,
  Schema,
  SortKey,
  TableInfo,
  TagInfo,
  VersionInfo,
  VersionSummary,
  Operation,
  ChangeKind,
  DiffSummary,
  Restatement,
  RowHistory,
  Series,
  Tolerance,
  VersionStat,
  BackupPreview,
  ClashChoice,
  ExportFile,
  IcebergImportSummary,
  RestoreSummary,
  TransferProgress,
} from './dto';

export interface ChangeEventDto {
  /** 'commit' | 'tables' | 'tags' | 'retention' | 'upgrade' (a newer build took over storage: reload). */
  readonly kind: string;
  readonly tableId?: string | undefined;
  readonly version?: number | undefined;
}

export interface HelloRequest {
  readonly protocol: number;
}
export interface HelloResponse {
  readonly protocol: number;
  /** Problems opening storage (what will not be saved and why); empty when OPFS and IndexedDB are both fine. */
  readonly storageProblems: readonly string[];
  /** Imports that wrote files but never committed (tab closed mid-import), found at start-up. */
  readonly incompleteImports: readonly {
    readonly tableName: string;
    readonly startedAt: number;
    readonly description: string;
  }[];
  /** Other start-up findings (site data partly cleared, newer format, …). */
  readonly warnings: readonly string[];
  /** True when this tab's build is older than the stored data's (FORMAT_TOO_NEW): only a reload helps. */
  readonly reloadRequired?: boolean | undefined;
}

export interface Progress {
  readonly phase: 'reading' | 'committing' | 'working';
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}
export type ProgressCallback = (progress: Progress) => void;
/** Progress of the portability tasks (backup, restore, Parquet and Iceberg); a comlink proxy like ProgressCallback. */
export type TransferProgressCallback = (progress: TransferProgress) => void;

export interface Cancellable {
  /** Unique per request; `cancel({ requestId })` aborts it. */
  readonly requestId: string;
}

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export type RaggedPolicy = 'error' | 'pad' | 'skip';

export interface CsvPreview {
  readonly dialect: { readonly delimiter: CsvDelimiter; readonly encoding: CsvEncoding; readonly hasBom: boolean };
  readonly columns: readonly (Field & { readonly originalName: string })[];
  readonly notices: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
  readonly sampledRows: number;
  readonly problems: readonly {
    readonly kind: 'ragged' | 'type';
    readonly line: number;
    readonly column?: string;
    readonly value?: string;
    readonly message: string;
  }[];
  readonly sampleIsWholeFile: boolean;
}

export const IMPORT_MODES = ['create', 'append', 'overwrite', 'updateKey', 'updateRange'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportRequest extends Cancellable {
  readonly file: Blob;
  readonly fileName: string;
  readonly tableName: string;
  readonly mode: ImportMode;
  /** updateKey: the key column(s). */
  readonly key?: readonly string[];
  /** updateRange: the ordered column whose [min, max] of the incoming rows is restated. */
  readonly rangeColumn?: string;
  readonly message?: string;
  /** The schema to parse into, one field per CSV column in file order (types possibly overridden by the user). */
  readonly schema: Schema;
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: CsvEncoding;
  readonly ragged?: RaggedPolicy;
  /** Append/update: add incoming columns the table lacks as nullable (the user confirmed schema evolution). */
  readonly allowNewColumns?: boolean;
}

/** How an incoming schema fits an existing table, computed before Commit. */
export interface SchemaCheck {
  readonly ok: boolean;
  readonly newColumns: readonly string[];
  readonly missingColumns: readonly string[];
  readonly widenedColumns: readonly string[];
  readonly errors: readonly string[];
}

export interface CommitResult {
  readonly tableId: string;
  readonly tableName: string;
  readonly version: number;
  readonly operation: Operation;
  readonly summary: VersionSummary;
  readonly notices: readonly string[];
}

export interface ReadRequest {
  readonly tableId: string;
  readonly asOf?: AsOf;
  readonly columns?: readonly string[];
  readonly range?: RangeFilter;
  readonly filter?: Predicate;
  readonly sort?: readonly SortKey[];
  readonly offset: number;
  readonly limit: number;
}
export interface ReadResult {
  readonly version: number;
  readonly schema: Schema;
  /** Rows matching range and filter in this version. */
  readonly totalRows: number;
  readonly offset: number;
  /** Arrow IPC stream of the window's rows (transferred). */
  readonly ipc: Uint8Array;
  /** Position of each window row in the version's row order (for "delete selected rows"). */
  readonly positions: Int32Array;
}

export type RowSelector =
  | { readonly positions: readonly number[] }
  | { readonly predicate: Predicate }
  | { readonly range: RangeFilter }
  | { readonly keys: { readonly column: string; readonly values: readonly (string | number)[] } };

export interface ExpireRequest {
  readonly tableId?: string;
  readonly olderThanMs?: number;
  readonly keepLast?: number;
  readonly dryRun: boolean;
}
export interface ExpireReport {
  readonly versions: readonly {
    readonly tableId: string;
    readonly tableName: string;
    readonly version: number;
    readonly committedAt: number;
  }[];
  readonly bytesFreed: number;
  readonly filesDeleted: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly checkedFiles: number;
  readonly damaged: readonly {
    readonly tableId: string;
    readonly tableName: string;
    readonly versions: readonly number[];
    readonly fileId: string;
    readonly problem: string;
  }[];
}

export interface ExportRequest extends Cancellable {
  readonly tableId: string;
  readonly asOf?: AsOf;
  readonly format: 'csv' | 'arrow';
}
export interface ExportResult {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export interface DiffRequest {
  readonly tableId: string;
  readonly from: number;
  readonly to: number;
  /** Key column(s); absent: inferred (a unique non-null column), else an unkeyed whole-row diff. */
  readonly key?: readonly string[];
  readonly tolerance?: Tolerance;
}

export interface DiffWindowRequest extends DiffRequest {
  readonly offset: number;
  readonly limit: number;
  readonly change?: readonly ChangeKind[];
}

export interface DiffWindowResult {
  readonly total: number;
  readonly offset: number;
  /** Arrow IPC of the diff rows; columns are named in DiffSummary.columns and windowColumns (transferred). */
  readonly ipc: Uint8Array;
}

export interface StrataApi {
  hello(req: HelloRequest): Promise<HelloResponse>;
  cancel(req: { readonly requestId: string }): Promise<void>;
  /**
   * Other tabs' commits (and this tab's) as they land. The callback is the top-level argument because comlink
   * proxies only top-level arguments (pass `Comlink.proxy(fn)`).
   */
  subscribe(onChange: (event: ChangeEventDto) => void): Promise<void>;

  previewCsv(req: {
    readonly file: Blob;
    readonly delimiter?: CsvDelimiter;
    readonly encoding?: CsvEncoding;
  }): Promise<CsvPreview>;
  checkSchema(req: {
    readonly tableName: string;
    readonly mode: ImportMode;
    readonly schema: Schema;
  }): Promise<SchemaCheck>;
  importCsv(req: ImportRequest, onProgress?: ProgressCallback): Promise<CommitResult>;

  listTables(): Promise<TableInfo[]>;
  history(req: { readonly tableId: string; readonly offset?: number; readonly limit?: number }): Promise<{
    readonly total: number;
    readonly versions: VersionInfo[];
  }>;
  resolveAsOf(req: { readonly tableId: string; readonly asOf: AsOf }): Promise<number>;
  read(req: ReadRequest & Partial<Cancellable>): Promise<ReadResult>;

  restore(req: {
    readonly tableId: string;
    readonly version: number;
    readonly message?: string;
  }): Promise<CommitResult>;
  deleteRows(req: {
    readonly tableId: string;
    readonly base: number;
    readonly where: RowSelector;
    readonly message?: string;
  }): Promise<CommitResult>;
  countRows(req: { readonly tableId: string; readonly asOf?: AsOf; readonly where: RowSelector }): Promise<number>;
  renameTable(req: { readonly tableId: string; readonly name: string }): Promise<void>;
  deleteTable(req: { readonly tableId: string }): Promise<void>;

  listTags(): Promise<TagInfo[]>;
  createTag(req: {
    readonly name: string;
    readonly message?: string;
    readonly versions?: readonly { readonly tableId: string; readonly version: number }[];
    readonly tables?: readonly string[];
  }): Promise<TagInfo>;
  deleteTag(req: { readonly name: string }): Promise<void>;

  expire(req: ExpireRequest): Promise<ExpireReport>;
  compact(req: { readonly tableId: string }): Promise<CommitResult | null>;
  verify(req: { readonly tableId?: string }): Promise<VerifyReport>;

  exportTable(req: ExportRequest, onProgress?: ProgressCallback): Promise<ExportResult>;

  /** What changed between two versions (computed once, cached; skips segments both share). */
  diff(req: DiffRequest & Partial<Cancellable>): Promise<DiffSummary>;
  /** A page of diff rows in key order, optionally only some change kinds. */
  diffWindow(req: DiffWindowRequest & Partial<Cancellable>): Promise<DiffWindowResult>;
  versionStats(req: { readonly tableId: string }): Promise<VersionStat[]>;
  /** y against x in one version, downsampled to at most 2 × buckets points. */
  series(req: {
    readonly tableId: string;
    readonly asOf?: AsOf;
    readonly x: string;
    readonly y: string;
    readonly buckets: number;
  }): Promise<Series>;
  /** Two versions' series on one x domain, with the ranges where they differ. */
  restatement(req: {
    readonly tableId: string;
    readonly from: number;
    readonly to: number;
    readonly x: string;
    readonly y: string;
    readonly buckets: number;
  }): Promise<Restatement>;
  /** One row (by key) in every live version. */
  rowHistory(req: {
    readonly tableId: string;
    readonly column: string;
    readonly value: string | number;
  }): Promise<RowHistory>;
  loadSample(): Promise<CommitResult>;

  // ---- portability (docs/iceberg.md). Outputs are written to a temporary OPFS file the page downloads, then
  // deletes (ExportFile.opfsName); inputs are Files, read as streams, never whole.
  /** "Back up store": every table, version, tag and data file as one zip (`strata-backup-YYYY-MM-DD.zip`). */
  backupStore(
    req: Cancellable,
    onProgress?: TransferProgressCallback,
  ): Promise<ExportFile & { readonly tables: number; readonly versions: number }>;
  /** A backup's tables and tags, and which names clash with the store's, from its manifest alone. */
  previewBackup(req: { readonly file: Blob }): Promise<BackupPreview>;
  /** Verifies every checksum, then restores all or nothing. */
  restoreBackup(
    req: Cancellable & { readonly file: Blob; readonly onClash: ClashChoice },
    onProgress?: TransferProgressCallback,
  ): Promise<RestoreSummary>;
  /** One version as Parquet (`<table>@v<N>.parquet`). */
  exportParquet(
    req: Cancellable & { readonly tableId: string; readonly asOf?: AsOf },
    onProgress?: TransferProgressCallback,
  ): Promise<ExportFile>;
  /** The table's whole history as a zipped Apache Iceberg v2 table (`<table>-iceberg.zip`). */
  exportIceberg(
    req: Cancellable & { readonly tableId: string },
    onProgress?: TransferProgressCallback,
  ): Promise<ExportFile>;
  /** A new table whose versions are the zipped Iceberg table's snapshots. */
  importIceberg(
    req: Cancellable & { readonly file: Blob },
    onProgress?: TransferProgressCallback,
  ): Promise<IcebergImportSummary>;
}
