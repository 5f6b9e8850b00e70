/**
 * How each Strata version becomes an Iceberg snapshot. Correctness first: reading snapshot S gives exactly the rows
 * of version S. Two shapes, chosen from the segment lists themselves (not trusted from operation names):
 *
 * - append: the previous exported version is this version's parent, its segment list is an unchanged prefix of this
 *   one's, and its files read correctly under this version's schema (schema.ts). Then this version = the previous
 *   rows + the rows after them, so one new data file holding those rows is added and earlier manifests are reused.
 * - rewrite: anything else (update, delete, overwrite, restore, compact, a parent that was expired, a type change).
 *   All rows are written to new data files; the previous files are marked deleted in this snapshot.
 *
 * Iceberg operation: append for the first snapshot and for appends; replace for a compact of the previous snapshot
 * (same rows, files rewritten); overwrite otherwise.
 */
import type { SegmentRef, VersionRecord } from '../../model/records';
import type { IcebergOperation } from './metadata';
import { filesReadableUnder, type IcebergSchema } from './schema';

export interface VersionShape {
  readonly record: VersionRecord;
  readonly list: readonly SegmentRef[];
  readonly totalRows: number;
  readonly schema: IcebergSchema;
}

export type SnapshotPlan =
  | { readonly kind: 'append'; readonly from: number; readonly operation: 'append' }
  | { readonly kind: 'rewrite'; readonly operation: IcebergOperation };

function sameRef(a: SegmentRef, b: SegmentRef): boolean {
  return (
    a.ref === b.ref &&
    a.file === b.file &&
    a.offset === b.offset &&
    a.length === b.length &&
    a.deletes === b.deletes &&
    a.deletedCount === b.deletedCount &&
    a.patch === b.patch &&
    a.patchedCount === b.patchedCount
  );
}

export function isPrefix(prefix: readonly SegmentRef[], list: readonly SegmentRef[]): boolean {
  return prefix.length <= list.length && prefix.every((r, i) => sameRef(r, list[i]!));
}

export function planSnapshot(prev: VersionShape | undefined, next: VersionShape): SnapshotPlan {
  if (!prev) return { kind: 'rewrite', operation: 'append' };
  const isChild = next.record.parent === prev.record.version;
  if (isChild && isPrefix(prev.list, next.list) && filesReadableUnder(prev.schema, next.schema)) {
    return { kind: 'append', from: prev.totalRows, operation: 'append' };
  }
  return { kind: 'rewrite', operation: isChild && next.record.operation === 'compact' ? 'replace' : 'overwrite' };
}
