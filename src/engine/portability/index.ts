/**
 * Portability: nothing a user keeps in Strata is trapped in one browser.
 *
 * - {@link backupStore} / {@link restoreBackup}: the whole store as one ZIP (manifest + data files with checksums),
 *   streamed both ways; a restore is verified in full before one all-or-nothing catalog commit.
 * - {@link exportParquet} / {@link exportParquetStream}: one version as a Parquet file DuckDB, pyarrow and Spark read.
 * - {@link exportIceberg} / {@link importIceberg}: a table's history as an Apache Iceberg v2 table (docs/iceberg.md).
 *
 * All take plain arguments so the worker can call them directly: sources are `File`-like ({@link ByteSource}),
 * outputs go to a chunk callback ({@link ByteSink}, awaited for backpressure), and long operations take an
 * AbortSignal and a progress callback. Everything runs without DOM APIs and without code generation (a strict
 * Content-Security-Policy holds; see csp.test.ts and portability.browser.test.ts).
 */
export { backupStore, type BackupReport } from './backup/backup';
export { restoreBackup, type RestoreOptions, type RestoreReport } from './backup/restore';
export type { ClashPolicy, Outcome } from './backup/plan';
export { BACKUP_FORMAT, BACKUP_VERSION } from './backup/format';
export {
  exportParquet,
  exportParquetStream,
  type ParquetExportOptions,
  type ParquetExportReport,
} from './parquet/export';
export { exportIceberg, type IcebergExportOptions, type IcebergExportReport } from './iceberg/export';
export { importIceberg, type IcebergImportOptions, type IcebergImportReport } from './iceberg/import';
export type { ByteSink, ByteSource, LongRunningOptions, Progress } from './source';
