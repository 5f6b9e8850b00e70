/**
 * The commit protocol. An operation first prepares (reads its base version, writes new data files, staged), then
 * commits: under the table's exclusive Web Lock it checks the head against its base, and in ONE catalog transaction
 * inserts the version and file records, clears the staging record and moves the head. A crash at any point before that
 * transaction leaves the last version untouched; staged files are reclaimed by GC.
 *
 * Conflicts follow Iceberg/Delta: an append is re-based onto whatever landed since its base; every other operation
 * fails with a ConflictError naming the version that landed, and commits nothing.
 */
import type { EngineContext } from './context';
import { lockNames } from './context';
import { ConflictError, StrataError } from './errors';
import type {
  FileId,
  FileKind,
  FileRecord,
  Operation,
  SegmentRef,
  TableRecord,
  VersionRecord,
  VersionSummary,
} from './model/records';
import type { Schema } from './model/schema';
import { computeDelta, deltaSize, filesOf, rowCount } from './model/segments';
import { HeadMovedError } from './storage/ports';

export interface NewFile {
  readonly id: FileId;
  readonly kind: FileKind;
  readonly bytes: number;
  readonly checksum: number;
  readonly rows: number;
}

export interface CommitPlan {
  readonly operation: Operation;
  readonly schema: Schema;
  /** The new version's full segment list. */
  readonly list: readonly SegmentRef[];
  readonly newFiles: readonly NewFile[];
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  readonly message?: string | undefined;
  readonly restoredFrom?: number | undefined;
  readonly notices?: readonly string[];
}

export interface HeadState {
  readonly table: TableRecord;
  readonly record: VersionRecord | null;
  readonly list: readonly SegmentRef[];
}

export interface Prepared {
  readonly tableId: string;
  /** The head version the plan was computed from (-1: the table had none). */
  readonly base: number;
  readonly plan: CommitPlan;
  readonly stagingId?: string | undefined;
  /** Appends only: recompute the plan on top of a head that moved. */
  readonly rebase?: ((head: HeadState) => Promise<CommitPlan>) | undefined;
}

export interface CommitInfo {
  readonly tableId: string;
  readonly tableName: string;
  readonly version: number;
  readonly operation: Operation;
  readonly summary: VersionSummary;
  readonly committedAt: number;
  readonly notices: readonly string[];
}

/** Checkpoint when the replay chain would exceed the list itself (and at least this many entries). */
const MIN_CHAIN_FOR_CHECKPOINT = 32;

export async function headState(ctx: EngineContext, tableId: string): Promise<HeadState> {
  const table = await ctx.table(tableId);
  if (table.head < 0) return { table, record: null, list: [] };
  const record = await ctx.version(table, table.head);
  return { table, record, list: await ctx.list(record) };
}

async function fileRecords(ctx: EngineContext, ids: Iterable<FileId>): Promise<Map<FileId, FileRecord>> {
  const out = new Map<FileId, FileRecord>();
  await Promise.all(
    [...ids].map(async (id) => {
      const r = await ctx.catalog.getFile(id);
      if (!r) throw new StrataError('MISSING_FILE', `File ${id} is referenced but not in the catalog`, { fileId: id });
      out.set(id, r);
    }),
  );
  return out;
}

export async function commitPrepared(ctx: EngineContext, prepared: Prepared): Promise<CommitInfo> {
  return ctx.storage.locks.request(lockNames.write(prepared.tableId), 'exclusive', async () => {
    for (let attempt = 0; ; attempt++) {
      const head = await headState(ctx, prepared.tableId);
      let plan = prepared.plan;
      if (head.table.head !== prepared.base) {
        if (!prepared.rebase) {
          const landed = prepared.base + 1;
          // Compactions keep content and row order, so an operation that only they overtook can be prepared again.
          const between = await ctx.catalog.listVersions(prepared.tableId, landed, head.table.head);
          const onlyCompactions = between.length > 0 && between.every((v) => v.operation === 'compact');
          throw new ConflictError(
            `Version ${landed} of ${head.table.name} was committed after this ${plan.operation} started from version ${prepared.base}; nothing was committed. Review version ${head.table.head} and try again.`,
            { tableId: prepared.tableId, base: prepared.base, landed, head: head.table.head, onlyCompactions },
          );
        }
        plan = await prepared.rebase(head);
      }
      try {
        return await applyPlan(ctx, prepared, head, plan);
      } catch (e) {
        // Under the write lock the head cannot move unless a writer ignored the lock; re-read and retry.
        if (!(e instanceof HeadMovedError) || attempt >= ctx.appendRetries) throw e;
        await new Promise((r) => setTimeout(r, 5 * 2 ** attempt));
      }
    }
  });
}

async function applyPlan(
  ctx: EngineContext,
  prepared: Prepared,
  head: HeadState,
  plan: CommitPlan,
): Promise<CommitInfo> {
  const { table } = head;
  const version = table.head + 1;
  const parent = head.record;
  const committedAt = Math.max(ctx.clock(), parent ? parent.committedAt + 1 : 0);
  const delta = computeDelta(head.list, plan.list);
  const chainCost = parent ? (await ctx.chainCost(parent)) + deltaSize(delta) : Infinity;
  const checkpoint = chainCost > Math.max(MIN_CHAIN_FOR_CHECKPOINT, plan.list.length);

  const before = filesOf(head.list);
  const after = filesOf(plan.list);
  const fresh = new Map(plan.newFiles.map((f) => [f.id, f]));
  const added = [...after].filter((f) => !before.has(f));
  const removed = [...before].filter((f) => !after.has(f));
  const existing = await fileRecords(ctx, [...added.filter((f) => !fresh.has(f)), ...removed]);
  const files: FileRecord[] = [];
  let bytesAdded = 0;
  for (const id of added) {
    const f = fresh.get(id);
    if (f) {
      bytesAdded += f.bytes;
      files.push({ ...f, tableId: table.id, createdAt: committedAt, spans: [[version, null]] });
    } else {
      const r = existing.get(id)!;
      files.push({ ...r, spans: [...r.spans, [version, null]] });
    }
  }
  for (const id of removed) {
    const r = existing.get(id)!;
    files.push({
      ...r,
      spans: r.spans.map(([from, to]) => (to === null ? ([from, version] as const) : ([from, to] as const))),
    });
  }
  const summary: VersionSummary = {
    rowsAdded: plan.rowsAdded,
    rowsRemoved: plan.rowsRemoved,
    totalRows: rowCount(plan.list),
    filesAdded: added.length,
    filesRemoved: removed.length,
    bytesAdded,
  };
  const record: VersionRecord = {
    tableId: table.id,
    version,
    id: ctx.newId(),
    parent: parent ? parent.version : null,
    committedAt,
    operation: plan.operation,
    summary,
    schema: plan.schema,
    message: plan.message || undefined,
    delta: checkpoint ? { removed: [], inserted: [] } : delta,
    checkpoint: checkpoint ? plan.list : undefined,
    checkpointAt: checkpoint ? version : parent!.checkpointAt,
    restoredFrom: plan.restoredFrom,
  };
  await ctx.catalog.apply({
    expect: [{ tableId: table.id, head: table.head }],
    versions: [record],
    files,
    tables: [{ ...table, head: version, schema: plan.schema }],
    deleteStaging: prepared.stagingId ? [prepared.stagingId] : [],
  });
  ctx.rememberList(record, plan.list, checkpoint ? 0 : chainCost);
  ctx.storage.notifier.publish({ kind: 'commit', tableId: table.id, version });
  return {
    tableId: table.id,
    tableName: table.name,
    version,
    operation: plan.operation,
    summary,
    committedAt,
    notices: plan.notices ?? [],
  };
}
