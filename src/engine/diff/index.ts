/**
 * Version diff and chart data for the diff view. diff.ts states the diff's semantics and why skipping shared
 * segments is exact; pools.ts how the rows to compare are found; window.ts the layout of a page of diff rows.
 */
export { diffVersions, clearDiffCache } from './diff';
export * from './types';
export { versionStats, type VersionStat } from './stats';
export {
  downsampleSeries,
  restatementSeries,
  type Restatement,
  type Series,
  type SeriesOptions,
  type XRange,
} from './series';
export type { SeriesPoint, XDomain } from './downsample';
export { rowHistory, type RowHistory, type RowVersion } from './row-history';
