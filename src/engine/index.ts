export {
  StrataEngine,
  type AsOf,
  type ReadOptions,
  type ReadResult,
  type StartupReport,
  type TableSummary,
} from './engine';
export type { CommitInfo, Prepared } from './commit';
export type { EngineOptions } from './context';
export { StrataError, ConflictError, isStrataError, type ErrorCode } from './errors';
export type { Schema, Field, ColumnType } from './model/schema';
export type { VersionRecord, TagRecord, TableRecord, Operation } from './model/records';
export type { RowSelector } from './ops/maintain';
export type { Predicate, RangeFilter, SortKey } from './read/query';
export type { ExpireOptions, ExpireReport } from './retention';
export type { VerifyReport } from './verify';
