/**
 * parseCsv: streams a CSV file into Arrow RecordBatches of a given schema.
 *
 * Memory stays bounded by one batch plus the record being scanned: the source is read chunk by chunk, each chunk is
 * scanned at once, and rows go straight into the batch's typed buffers.
 */
import type { RecordBatch } from 'apache-arrow';
import { BatchBuilder } from './batch';
import { prepareSample } from './dialect';
import { createUtf8Transcoder } from './encoding';
import { MAX_REPORTED_LINES, abortError, emptyFileError, raggedRowsError } from './errors';
import { readHeaderNames } from './headers';
import type { RecordSink } from './records';
import { CsvScanner } from './scanner';
import { DEFAULT_SAMPLE_BYTES } from './sniff';
import { readChunks, readSample } from './source';
import type { ByteSource, CsvDelimiter, CsvEncoding, ParseOptions, RaggedPolicy } from './types';

export const DEFAULT_BATCH_ROWS = 131_072;
/** Progress is reported when at least this many more bytes were read (and after every batch). */
const PROGRESS_BYTES = 1024 * 1024;

class RowSink implements RecordSink {
  /** Batches completed and not yet yielded. */
  readonly ready: RecordBatch[] = [];
  headerSeen = false;
  emittedRows = 0;
  private readonly builder: BatchBuilder;
  private readonly columnCount: number;
  private readonly raggedLines: number[] = [];
  private recordsSinceRagged = 0;

  constructor(
    private readonly options: ParseOptions,
    private readonly ragged: RaggedPolicy,
    private readonly batchRows: number,
  ) {
    this.builder = new BatchBuilder(options.schema, batchRows, options.fileName);
    this.columnCount = options.schema.fields.length;
  }

  get rows(): number {
    return this.emittedRows + this.builder.rowCount;
  }

  record(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    kinds: Uint8Array,
    fieldCount: number,
    line: number,
  ): void {
    if (!this.headerSeen) {
      this.readHeader(bytes, starts, ends, kinds, fieldCount, line);
      return;
    }
    if (this.raggedLines.length > 0) {
      // Error policy, after a ragged row: only look for more of them, to report several at once.
      if (fieldCount !== this.columnCount) this.raggedLines.push(line);
      this.recordsSinceRagged++;
      if (this.raggedLines.length >= MAX_REPORTED_LINES || this.recordsSinceRagged >= this.batchRows) {
        throw this.raggedError();
      }
      return;
    }
    if (fieldCount !== this.columnCount) {
      if (this.ragged === 'skip') return;
      if (this.ragged === 'error') {
        this.raggedLines.push(line);
        return;
      }
    }
    this.builder.appendRecord(bytes, starts, ends, kinds, fieldCount, line);
    if (this.builder.isFull) this.emit();
  }

  blankLines(line: number, count: number): void {
    // A blank line is a null value in a one-column file, and not a row at all in a wider one.
    if (!this.headerSeen || this.columnCount !== 1 || this.raggedLines.length > 0) return;
    for (let i = 0; i < count; i++) {
      this.builder.appendNullRow(line + i);
      if (this.builder.isFull) this.emit();
    }
  }

  /** At the end of input: the last batch, or an empty one if the file has no data rows at all. */
  end(): void {
    if (!this.headerSeen) throw emptyFileError(this.options.fileName);
    if (this.raggedLines.length > 0) throw this.raggedError();
    if (this.builder.rowCount > 0 || this.emittedRows === 0) this.emit();
  }

  private emit(): void {
    this.emittedRows += this.builder.rowCount;
    this.ready.push(this.builder.finish());
  }

  private raggedError(): Error {
    return raggedRowsError(this.options.fileName, this.raggedLines, this.columnCount);
  }

  private readHeader(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    kinds: Uint8Array,
    fieldCount: number,
    line: number,
  ): void {
    const names = readHeaderNames(bytes, starts, ends, kinds, fieldCount, line, this.options.fileName);
    if (names.length !== this.columnCount) {
      throw new Error(
        `${this.options.fileName ?? 'The file'} has ${names.length} columns but the schema has ${this.columnCount}: ` +
          'the schema must have one field per CSV column (as returned by sniffCsv)',
      );
    }
    this.headerSeen = true;
  }
}

/**
 * Parses a CSV file with a header line into RecordBatches of `opts.schema` (output columns take the schema's names).
 * Yields batches of `batchRows` rows (the last may be shorter; a file without data rows gives one empty batch).
 * Throws CsvError (see its codes) for content that does not fit, and an error named 'AbortError' when aborted.
 */
export async function* parseCsv(source: ByteSource, opts: ParseOptions): AsyncGenerator<RecordBatch> {
  const { signal, onProgress, fileName } = opts;
  const batchRows = opts.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer`);
  const { delimiter, encoding } = await resolveDialect(source, opts);
  if (signal?.aborted) throw abortError();

  const sink = new RowSink(opts, opts.ragged ?? 'error', batchRows);
  const scanner = new CsvScanner(delimiter, sink, fileName);
  scanner.fieldNames = opts.schema.fields.map((field) => field.name);
  const transcoder = createUtf8Transcoder(encoding, fileName);
  const totalBytes = source.size;
  let bytes = 0;
  let reportedBytes = 0;
  const report = () => {
    reportedBytes = bytes;
    onProgress?.({ bytes, totalBytes, rows: sink.rows });
  };

  for await (const chunk of readChunks(source, signal)) {
    bytes += chunk.length;
    scanner.push(transcoder.push(chunk));
    const emitted = sink.ready.length > 0;
    while (sink.ready.length > 0) {
      yield sink.ready.shift()!;
      if (signal?.aborted) throw abortError();
    }
    if (emitted || bytes - reportedBytes >= PROGRESS_BYTES) report();
  }
  scanner.push(transcoder.flush());
  scanner.finish();
  sink.end();
  for (const batch of sink.ready.splice(0)) yield batch;
  report();
}

async function resolveDialect(
  source: ByteSource,
  opts: ParseOptions,
): Promise<{ delimiter: CsvDelimiter; encoding: CsvEncoding }> {
  const { delimiter, encoding } = opts.dialect ?? {};
  if (delimiter !== undefined && encoding !== undefined) return { delimiter, encoding };
  const sample = await readSample(source, DEFAULT_SAMPLE_BYTES);
  return prepareSample(sample, { delimiter, encoding }, opts.fileName).dialect;
}
