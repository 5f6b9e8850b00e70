/**
 * Retention and garbage collection.
 *
 * expire marks versions expired (their small records stay, so a read can say when they went) and never touches the
 * head or a tagged version. GC then deletes data files that no live version references (a file is live while any of
 * its spans contains a live version), orphans nothing references, and the files of abandoned staging records (whose
 * owning Web Lock is no longer held). Files are deleted under the exclusive form of the table's read lock, so a tab
 * reading an old version never loses its files mid-read.
 */
import type { EngineContext } from './context';
import { lockNames } from './context';
import type { FileRecord, TableRecord, VersionRecord } from './model/records';

export interface ExpireOptions {
  readonly tableId?: string | undefined;
  /** Age in ms: only versions committed before now − olderThanMs may go. */
  readonly olderThanMs?: number | undefined;
  /** Keep at least the newest N versions of each table. */
  readonly keepLast?: number | undefined;
  readonly dryRun?: boolean | undefined;
}

export interface ExpireReport {
  readonly versions: { tableId: string; tableName: string; version: number; committedAt: number }[];
  readonly bytesFreed: number;
  readonly filesDeleted: number;
}

export async function taggedVersions(ctx: EngineContext): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (const tag of await ctx.catalog.listTags()) {
    for (const e of tag.entries) {
      let s = out.get(e.tableId);
      if (!s) out.set(e.tableId, (s = new Set()));
      s.add(e.version);
    }
  }
  return out;
}

/** Which versions of a table an expiry would remove. */
export function expirable(
  table: TableRecord,
  versions: readonly VersionRecord[],
  tagged: ReadonlySet<number>,
  opts: ExpireOptions,
  now: number,
): VersionRecord[] {
  if (opts.olderThanMs === undefined && opts.keepLast === undefined) return [];
  const live = versions.filter((v) => v.expiredAt === undefined).sort((a, b) => b.version - a.version);
  const cutoff = opts.olderThanMs === undefined ? Infinity : now - opts.olderThanMs;
  return live.filter(
    (v, newestFirstIndex) =>
      v.version !== table.head &&
      !tagged.has(v.version) &&
      v.committedAt < cutoff &&
      (opts.keepLast === undefined || newestFirstIndex >= opts.keepLast),
  );
}

/** Whether some version's list references the file at `version` (its spans cover it). */
export function fileUsedAt(file: FileRecord, version: number): boolean {
  return file.spans.some(([from, to]) => version >= from && (to === null || version < to));
}

function isLive(file: FileRecord, liveVersions: readonly number[]): boolean {
  return liveVersions.some((v) => fileUsedAt(file, v));
}

/** Bytes of files that become garbage once `leaving` versions are no longer live. */
export function garbageAfter(files: readonly FileRecord[], liveAfter: readonly number[]): FileRecord[] {
  return files.filter((f) => !isLive(f, liveAfter));
}

export async function expire(ctx: EngineContext, opts: ExpireOptions): Promise<ExpireReport> {
  const now = ctx.clock();
  const tagged = await taggedVersions(ctx);
  const tables = (await ctx.catalog.listTables()).filter((t) => !opts.tableId || t.id === opts.tableId);
  const report: ExpireReport = { versions: [], bytesFreed: 0, filesDeleted: 0 };
  let bytesFreed = 0;
  let filesDeleted = 0;
  for (const table of tables) {
    await ctx.storage.locks.request(lockNames.write(table.id), 'exclusive', async () => {
      const fresh = (await ctx.catalog.getTable(table.id)) ?? table;
      if (fresh.head < 0) return;
      const versions = await ctx.catalog.listVersions(table.id, 0, fresh.head);
      const going = expirable(fresh, versions, tagged.get(table.id) ?? new Set(), opts, now);
      if (!going.length) return;
      const goingSet = new Set(going.map((v) => v.version));
      const liveAfter = versions
        .filter((v) => v.expiredAt === undefined && !goingSet.has(v.version))
        .map((v) => v.version);
      const garbage = garbageAfter(await ctx.catalog.listFiles(table.id), liveAfter);
      bytesFreed += garbage.reduce((n, f) => n + f.bytes, 0);
      filesDeleted += garbage.length;
      for (const v of going) {
        report.versions.push({
          tableId: table.id,
          tableName: table.name,
          version: v.version,
          committedAt: v.committedAt,
        });
      }
      if (opts.dryRun) return;
      await ctx.catalog.apply({ versions: going.map((v) => ({ ...v, expiredAt: now })) });
    });
  }
  if (!opts.dryRun && report.versions.length) {
    await collectGarbage(ctx);
    ctx.storage.notifier.publish({ kind: 'retention' });
  }
  return { ...report, bytesFreed, filesDeleted };
}

export interface GcReport {
  readonly filesDeleted: number;
  readonly bytesFreed: number;
  readonly abandonedImports: number;
}

/**
 * Deletes what nothing live needs. Order matters: list blobs, then staging, then file records — a file staged after
 * the listing is not in it, and one committed between the staging and file reads is in the file records.
 */
export async function collectGarbage(ctx: EngineContext): Promise<GcReport> {
  const { blobs, catalog, locks } = ctx.storage;
  const onDisk = await blobs.list();
  const staging = await catalog.listStaging();
  const held = await locks.heldNames();
  const stagedLive = new Set<string>();
  const abandoned = staging.filter((s) => !held.has(s.lockName));
  for (const s of staging) if (held.has(s.lockName)) for (const f of s.files) stagedLive.add(f);
  const files = await catalog.listFiles();
  const known = new Set(files.map((f) => f.id));
  const tables = new Map((await catalog.listTables()).map((t) => [t.id, t]));
  let filesDeleted = 0;
  let bytesFreed = 0;

  const byTable = new Map<string, FileRecord[]>();
  for (const f of files) {
    const list = byTable.get(f.tableId) ?? [];
    list.push(f);
    byTable.set(f.tableId, list);
  }
  for (const [tableId, tableFiles] of byTable) {
    const table = tables.get(tableId);
    await locks.request(lockNames.write(tableId), 'exclusive', async () => {
      let garbage = tableFiles;
      if (table) {
        const fresh = (await catalog.getTable(tableId)) ?? table;
        const versions = fresh.head >= 0 ? await catalog.listVersions(tableId, 0, fresh.head) : [];
        const live = versions.filter((v) => v.expiredAt === undefined).map((v) => v.version);
        const current = await catalog.listFiles(tableId);
        garbage = garbageAfter(current, live);
      }
      if (!garbage.length) return;
      await locks.request(lockNames.read(tableId), 'exclusive', async () => {
        for (const f of garbage) {
          await blobs.delete(f.id);
          ctx.loader.evict(f.id);
        }
        await catalog.apply({ deleteFiles: garbage.map((f) => f.id) });
      });
      filesDeleted += garbage.length;
      bytesFreed += garbage.reduce((n, f) => n + f.bytes, 0);
    });
  }
  for (const s of abandoned) {
    for (const f of s.files) if (!known.has(f)) await blobs.delete(f);
    await catalog.apply({ deleteStaging: [s.id] });
  }
  const abandonedFiles = new Set(abandoned.flatMap((s) => s.files));
  for (const id of onDisk) {
    if (!known.has(id) && !stagedLive.has(id) && !abandonedFiles.has(id)) {
      await blobs.delete(id);
      filesDeleted++;
    }
  }
  return { filesDeleted, bytesFreed, abandonedImports: abandoned.length };
}
