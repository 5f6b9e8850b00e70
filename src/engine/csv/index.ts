/**
 * Streaming, typed CSV reader producing Arrow record batches. Pure TypeScript (no DOM): runs in a Web Worker and in
 * Node.
 *
 * Typical use: `sniffCsv(file)` to propose a dialect, names and types; let the user adjust them; then
 * `parseCsv(file, { schema, dialect })` and consume the batches.
 */
export { CsvError, CSV_ERROR_CODES, type CsvErrorCode, type CsvErrorDetails } from './errors';
export { inferType, type InferredType } from './infer';
export { DEFAULT_BATCH_ROWS, parseCsv } from './parse';
export { DEFAULT_PREVIEW_ROWS, DEFAULT_SAMPLE_BYTES, sniffCsv } from './sniff';
export {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  RAGGED_POLICIES,
  type ByteSource,
  type CsvColumnPreview,
  type CsvDelimiter,
  type CsvDialect,
  type CsvEncoding,
  type CsvPreview,
  type CsvProblem,
  type CsvProgress,
  type ParseOptions,
  type RaggedPolicy,
  type SniffOptions,
} from './types';
