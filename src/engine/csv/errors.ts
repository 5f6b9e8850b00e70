/**
 * The reader's one error type, and the wording of its messages. Messages name the file, the 1-based physical line
 * (as a text editor counts it) and the column, so a user can find and fix the offending text.
 */
import type { ColumnType } from '../model/schema';

export const CSV_ERROR_CODES = [
  'CSV_UNTERMINATED_QUOTE',
  'CSV_RAGGED_ROWS',
  'CSV_TYPE_MISMATCH',
  'CSV_ENCODING',
  'CSV_EMPTY',
] as const;
export type CsvErrorCode = (typeof CSV_ERROR_CODES)[number];

export interface CsvErrorDetails {
  fileName?: string;
  line?: number;
  /** Column name (from the schema or header). */
  column?: string;
  /** 1-based character position on the line (unterminated quote). */
  columnNumber?: number;
  value?: string;
  /** Offending lines (ragged rows), at most {@link MAX_REPORTED_LINES}. */
  lines?: number[];
  /** What was expected instead: a column type, or e.g. "8 fields". */
  expected?: string;
}

/** A problem with the file's contents, phrased for the person who supplied the file. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly code: CsvErrorCode;
  readonly details: CsvErrorDetails;

  constructor(code: CsvErrorCode, message: string, details: CsvErrorDetails) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Ragged-row errors list this many lines at most. */
export const MAX_REPORTED_LINES = 10;

/** Values quoted in messages are cut to this many characters. */
const MAX_QUOTED_VALUE = 60;

export function quoteValue(value: string): string {
  const shown = value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE)}…` : value;
  return JSON.stringify(shown);
}

function where(fileName: string | undefined, line: number): string {
  return fileName ? `${fileName} line ${line}` : `Line ${line}`;
}

function cell(fileName: string | undefined, line: number, column: string): string {
  return `${where(fileName, line)}, column ${JSON.stringify(column)}`;
}

const TYPE_DESCRIPTIONS: ReadonlyMap<ColumnType, string> = new Map<ColumnType, string>([
  ['bool', 'a bool (true or false)'],
  ['int64', 'an int64 integer'],
  ['float64', 'a float64 number'],
  ['date', 'a date (YYYY-MM-DD)'],
  ['timestamp', 'a timestamp (YYYY-MM-DD HH:MM:SS or ISO 8601)'],
  ['string', 'a string'],
]);

export function typeMismatchError(
  fileName: string | undefined,
  line: number,
  column: string,
  type: ColumnType,
  value: string,
): CsvError {
  const description = TYPE_DESCRIPTIONS.get(type) ?? type;
  const message = `${cell(fileName, line, column)}: ${quoteValue(value)} is not ${description}`;
  return new CsvError('CSV_TYPE_MISMATCH', message, { fileName, line, column, value, expected: type });
}

export function int64RangeError(fileName: string | undefined, line: number, column: string, value: string): CsvError {
  const advice = 'read the column as string to keep it exactly, or as float64';
  const message = `${cell(fileName, line, column)}: ${quoteValue(value)} does not fit in an int64 (${advice})`;
  return new CsvError('CSV_TYPE_MISMATCH', message, { fileName, line, column, value, expected: 'int64' });
}

export function missingValueError(
  fileName: string | undefined,
  line: number,
  column: string,
  type: ColumnType,
): CsvError {
  const prefix = fileName ? `${fileName}: column` : 'Column';
  const message = `${prefix} ${JSON.stringify(column)} is required but line ${line} has no value`;
  return new CsvError('CSV_TYPE_MISMATCH', message, { fileName, line, column, value: '', expected: type });
}

export function raggedRowsError(fileName: string | undefined, lines: readonly number[], expected: number): CsvError {
  const subject = fileName ?? 'The file';
  const listed = lines.slice(0, MAX_REPORTED_LINES);
  const noun = listed.length === 1 ? 'line' : 'lines';
  const message =
    `${subject} has rows with the wrong number of fields: ` +
    `${noun} ${listed.join(', ')} (expected ${expected} fields)`;
  return new CsvError('CSV_RAGGED_ROWS', message, {
    fileName,
    line: listed[0],
    lines: listed,
    expected: `${expected} fields`,
  });
}

export function unterminatedQuoteError(
  fileName: string | undefined,
  line: number,
  columnNumber: number,
  column: string | undefined,
): CsvError {
  const message =
    `${where(fileName, line)}, column ${columnNumber}: ` +
    'unterminated quote (the quoted field opened here never closes)';
  return new CsvError('CSV_UNTERMINATED_QUOTE', message, { fileName, line, columnNumber, column });
}

export function invalidUtf8Error(fileName: string | undefined, line: number, column?: string): CsvError {
  const place = column === undefined ? where(fileName, line) : cell(fileName, line, column);
  const message = `${place}: the text is not valid UTF-8 (choose the file's encoding, e.g. windows-1252)`;
  return new CsvError('CSV_ENCODING', message, { fileName, line, column });
}

export function invalidUtf16Error(fileName: string | undefined, encoding: string): CsvError {
  const message = `${fileName ?? 'The file'} is not valid ${encoding.toUpperCase()} text`;
  return new CsvError('CSV_ENCODING', message, { fileName, expected: encoding });
}

export function emptyFileError(fileName: string | undefined): CsvError {
  const message = `${fileName ?? 'The file'} is empty: there is no header line`;
  return new CsvError('CSV_EMPTY', message, { fileName });
}

/** The error thrown when a parse is aborted through its AbortSignal. */
export function abortError(): Error {
  return new DOMException('CSV parsing was aborted', 'AbortError');
}
