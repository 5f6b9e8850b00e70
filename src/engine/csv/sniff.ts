/**
 * sniffCsv: reads the start of a file to propose a dialect, column names and types, and a preview, before import.
 */
import { grownBytes } from './bytes';
import { prepareSample } from './dialect';
import { MAX_REPORTED_LINES, emptyFileError } from './errors';
import { readHeaderNames, uniqueColumnNames } from './headers';
import { ColumnTypeInference } from './infer';
import { FIELD_ESCAPED, fieldText, unescapeField, type RecordSink } from './records';
import { CsvScanner } from './scanner';
import { readSample } from './source';
import type { ByteSource, CsvColumnPreview, CsvDialect, CsvPreview, CsvProblem, SniffOptions } from './types';

export const DEFAULT_SAMPLE_BYTES = 1024 * 1024;
export const DEFAULT_PREVIEW_ROWS = 50;

class SampleCollector implements RecordSink {
  originalNames: string[] | undefined;
  names: string[] = [];
  notices: string[] = [];
  readonly rows: (string | null)[][] = [];
  readonly problems: CsvProblem[] = [];
  sampledRows = 0;
  private inferences: ColumnTypeInference[] = [];
  private raggedReported = 0;
  private scratch: Uint8Array = new Uint8Array(256);

  constructor(private readonly previewRows: number) {}

  record(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    kinds: Uint8Array,
    fieldCount: number,
    line: number,
  ): void {
    if (this.originalNames === undefined) {
      this.originalNames = readHeaderNames(bytes, starts, ends, kinds, fieldCount, line);
      ({ names: this.names, notices: this.notices } = uniqueColumnNames(this.originalNames, line));
      this.inferences = this.names.map(() => new ColumnTypeInference());
      return;
    }
    this.sampledRows++;
    const expected = this.names.length;
    if (this.rows.length < this.previewRows) {
      this.rows.push(
        this.names.map((_, c) => (c < fieldCount ? (fieldText(bytes, starts[c]!, ends[c]!, kinds[c]!) ?? null) : null)),
      );
    }
    if (fieldCount !== expected) {
      if (this.raggedReported++ < MAX_REPORTED_LINES) {
        this.problems.push({
          kind: 'ragged',
          line,
          message: `Line ${line} has ${fieldCount} ${fieldCount === 1 ? 'field' : 'fields'}, expected ${expected}`,
        });
      }
      return;
    }
    for (let c = 0; c < expected; c++) {
      const kind = kinds[c]!;
      let source = bytes;
      let start = starts[c]!;
      let end = ends[c]!;
      if (kind === FIELD_ESCAPED) {
        this.scratch = grownBytes(this.scratch, 0, end - start);
        source = this.scratch;
        end = unescapeField(bytes, start, end, source);
        start = 0;
      }
      const inference = this.inferences[c]!;
      if (start === end) inference.observeNull();
      else inference.observe(source, start, end, line);
    }
  }

  blankLines(_line: number, count: number): void {
    // A blank line is a null value in a one-column file, and not a row at all in a wider one.
    if (this.originalNames === undefined || this.names.length !== 1) return;
    for (let i = 0; i < count; i++) {
      this.sampledRows++;
      this.inferences[0]!.observeNull();
      if (this.rows.length < this.previewRows) this.rows.push([null]);
    }
  }

  columns(): CsvColumnPreview[] {
    return this.names.map((name, c) => ({
      name,
      originalName: this.originalNames![c]!,
      ...this.inferences[c]!.result(),
    }));
  }

  typeProblems(): CsvProblem[] {
    const problems: CsvProblem[] = [];
    this.names.forEach((column, c) => {
      const miss = this.inferences[c]!.nearMiss();
      if (miss === undefined) return;
      problems.push({
        kind: 'type',
        line: miss.line,
        column,
        value: miss.value,
        message:
          `Column ${JSON.stringify(column)} looks like ${miss.type} (${miss.matching} of ${miss.total} values), ` +
          `but line ${miss.line} has ${JSON.stringify(miss.value)}, so it will be read as string`,
      });
    });
    return problems;
  }
}

/**
 * Detects the dialect (unless given), reads the header and infers column types from the first `sampleBytes` of
 * the file. Only complete records of the sample are used. Throws CsvError CSV_EMPTY when there is no header line,
 * CSV_UNTERMINATED_QUOTE when the whole file fits in the sample and a quote never closes, CSV_ENCODING for text
 * that does not decode.
 */
export async function sniffCsv(source: ByteSource, opts: SniffOptions = {}): Promise<CsvPreview> {
  let sampleBytes = Math.max(1, opts.sampleBytes ?? DEFAULT_SAMPLE_BYTES);
  for (;;) {
    const sample = await readSample(source, sampleBytes);
    const { dialect, text } = prepareSample(sample, { delimiter: opts.delimiter, encoding: opts.encoding });
    const collector = new SampleCollector(Math.max(0, opts.previewRows ?? DEFAULT_PREVIEW_ROWS));
    const scanner = new CsvScanner(dialect.delimiter, collector);
    scanner.push(text);
    if (sample.isWholeFile) {
      scanner.fieldNames = collector.names;
      scanner.finish();
    }
    if (collector.originalNames !== undefined) return preview(dialect, collector, sample.isWholeFile);
    if (sample.isWholeFile) throw emptyFileError(undefined);
    // The header line alone is longer than the sample.
    sampleBytes *= 4;
  }
}

function preview(dialect: CsvDialect, collector: SampleCollector, sampleIsWholeFile: boolean): CsvPreview {
  return {
    dialect,
    columns: collector.columns(),
    notices: collector.notices,
    rows: collector.rows,
    sampledRows: collector.sampledRows,
    problems: [...collector.problems, ...collector.typeProblems()],
    sampleIsWholeFile,
  };
}
