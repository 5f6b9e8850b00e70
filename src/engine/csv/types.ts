/**
 * Public types of the CSV reader. The reader runs in a Web Worker and in Node tests, so nothing here may touch the DOM.
 */
import type { ColumnType, Schema } from '../model/schema';

/** Anything that can stream its bytes more than once; a `File` or `Blob` satisfies it. */
export interface ByteSource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
  /**
   * Optional: a source of bytes `start..end`. When present, sniffing streams only the sample instead of opening the
   * whole file (which for an in-memory Blob in Node means copying all of it).
   */
  slice?(start: number, end: number): { stream(): ReadableStream<Uint8Array> };
}

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** What to do with a row whose field count differs from the header's. */
export const RAGGED_POLICIES = ['error', 'pad', 'skip'] as const;
export type RaggedPolicy = (typeof RAGGED_POLICIES)[number];

export interface CsvDialect {
  delimiter: CsvDelimiter;
  encoding: CsvEncoding;
  /** Whether the file starts with a byte order mark (it is never part of the data). */
  hasBom: boolean;
}

export interface CsvColumnPreview {
  /** Unique, non-empty column name: the header text, renamed only when empty or duplicated. */
  name: string;
  /** The header text exactly as written in the file. */
  originalName: string;
  type: ColumnType;
  nullable: boolean;
}

/** Something in the sample the user may want to act on before importing. Lines are 1-based physical lines. */
export interface CsvProblem {
  kind: 'ragged' | 'type';
  line: number;
  column?: string;
  value?: string;
  message: string;
}

export interface CsvPreview {
  dialect: CsvDialect;
  /** One entry per header field, in file order, with types inferred from the sample. */
  columns: CsvColumnPreview[];
  /** Human-readable notes about renamed columns. */
  notices: string[];
  /** The first data rows as text, one entry per column (`null` = empty field). */
  rows: (string | null)[][];
  /** Complete data rows seen in the sample (the inference is based on these). */
  sampledRows: number;
  /** The first ragged rows of the sample, and columns that would have a type but for a few values. */
  problems: CsvProblem[];
  sampleIsWholeFile: boolean;
}

export interface SniffOptions {
  delimiter?: CsvDelimiter;
  encoding?: CsvEncoding;
  /** Bytes read from the start of the file; default 1 MiB. */
  sampleBytes?: number;
  /** Data rows returned as text in `rows`; default 50. */
  previewRows?: number;
}

export interface CsvProgress {
  /** Bytes of the source read so far. */
  bytes: number;
  totalBytes: number;
  /** Data rows parsed so far. */
  rows: number;
}

export interface ParseOptions {
  /** The column types to parse into: one field per CSV column in file order; output columns take these names. */
  schema: Schema;
  /** Delimiter and encoding are detected from the start of the file when not given; a BOM is always skipped. */
  dialect?: Partial<CsvDialect>;
  /** Default 'error'. */
  ragged?: RaggedPolicy;
  /** Rows per emitted batch; default 131072. */
  batchRows?: number;
  /** Aborting makes the generator throw an error named 'AbortError' (checked between chunks and batches). */
  signal?: AbortSignal;
  /** Called at most about once per MiB read and once per batch. */
  onProgress?: (progress: CsvProgress) => void;
  /** Used in error messages. */
  fileName?: string;
}
