/**
 * The catalog records a restore commits: the backup's records with the plan's ids and names applied. Version
 * numbers, commit times, operations, summaries, schemas, messages, expired markers and file spans are copied as they
 * are; only identities change, and only when the plan says so.
 */
import type { FileRecord, SegmentRef, TableRecord, TagRecord, VersionRecord } from '../../model/records';
import type { TablePlan, TagPlan } from './plan';

export interface RestoredTable {
  readonly table: TableRecord;
  readonly versions: VersionRecord[];
  readonly files: FileRecord[];
}

function remapRef(ref: SegmentRef, fileId: (id: string) => string): SegmentRef {
  return {
    ...ref,
    file: fileId(ref.file),
    deletes: ref.deletes === undefined ? undefined : fileId(ref.deletes),
    patch: ref.patch === undefined ? undefined : fileId(ref.patch),
  };
}

export function restoredTable(plan: TablePlan, newId: () => string): RestoredTable {
  // Files only an expired version referenced are not in the backup; their (dead) refs keep the old id.
  const fileId = (id: string) => plan.fileIds.get(id) ?? id;
  const { table, versions, files } = plan.source;
  return {
    table: { ...table, id: plan.tableId, name: plan.name },
    versions: versions.map((v) => ({
      ...v,
      tableId: plan.tableId,
      id: plan.freshVersionIds ? newId() : v.id,
      delta: {
        removed: v.delta.removed,
        inserted: v.delta.inserted.map((g) => ({ after: g.after, refs: g.refs.map((r) => remapRef(r, fileId)) })),
      },
      checkpoint: v.checkpoint?.map((r) => remapRef(r, fileId)),
    })),
    files: files.map((f) => ({ ...f, id: fileId(f.id), tableId: plan.tableId })),
  };
}

/** A tag restored with the target ids of the tables it holds; entries of skipped tables are dropped. */
export function restoredTag(plan: TagPlan, tables: readonly TablePlan[]): TagRecord {
  const target = new Map(tables.filter((t) => t.outcome !== 'skipped').map((t) => [t.source.table.id, t.tableId]));
  return {
    ...plan.source,
    name: plan.name,
    entries: plan.source.entries
      .filter((e) => target.has(e.tableId))
      .map((e) => ({ tableId: target.get(e.tableId)!, version: e.version })),
  };
}
