/**
 * "Restore backup": reads a backup archive front to back and restores it all-or-nothing.
 *
 *   1. manifest.json (the first entry) is parsed and checked (validate.ts); the plan decides clashes and ids.
 *   2. A staging record listing every file about to be written is put in the catalog, owned by a Web Lock held for
 *      the whole restore, exactly as an import does: GC spares those files meanwhile, and reclaims them if the tab
 *      dies mid-restore.
 *   3. Each data entry is checked (ZIP CRC-32, then the manifest's length and CRC-32) and written to the blob store.
 *   4. Only when the archive has been read to its end record, and every entry the manifest lists has arrived and
 *      passed, are all tables, versions, file records and tags committed in ONE catalog transaction (which also
 *      deletes the staging record).
 *
 * Any failure — damaged or truncated archive, quota, a name taken meanwhile, cancel — deletes the files written and
 * the staging record and rethrows: the store is as it was.
 */
import type { StrataEngine } from '../../engine';
import { lockNames } from '../../context';
import { StrataError, throwIfAborted } from '../../errors';
import type { TableRecord, TagRecord } from '../../model/records';
import { crc32 } from '../../util/crc32';
import type { ByteSource, LongRunningOptions } from '../source';
import { readZip } from '../zip/read';
import { MANIFEST_ENTRY, type BackupEntry, type BackupManifest } from './format';
import { planRestore, type ClashPolicy, type Outcome, type RestorePlan } from './plan';
import { restoredTable, restoredTag } from './remap';
import { parseManifest } from './validate';

export interface RestoreOptions extends LongRunningOptions {
  /** What to do with a backup table (or tag) whose name the store already uses. */
  readonly onClash: ClashPolicy;
}

export interface RestoreReport {
  readonly tables: readonly { readonly name: string; readonly restoredAs: string; readonly outcome: Outcome }[];
  readonly tags: readonly { readonly name: string; readonly restoredAs: string; readonly outcome: Outcome }[];
  readonly versions: number;
  readonly files: number;
  readonly bytes: number;
}

const LABEL = 'The backup';

function damaged(what: string, entry: string): StrataError {
  return new StrataError('CORRUPT_FILE', `${LABEL} is damaged: ${what}. Nothing was changed.`, { entry });
}

export async function restoreBackup(
  engine: StrataEngine,
  source: ByteSource,
  opts: RestoreOptions,
): Promise<RestoreReport> {
  let read = 0;
  const entries = readZip(source.stream(), {
    label: LABEL,
    signal: opts.signal,
    onBytes: (n) => {
      read += n;
      opts.onProgress?.({ phase: 'reading', done: read, total: source.size, unit: 'bytes' });
    },
  });
  try {
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST_ENTRY) {
      throw damaged(`it does not start with ${MANIFEST_ENTRY} (is it a Strata backup?)`, MANIFEST_ENTRY);
    }
    const manifest = parseManifest(first.value.bytes);
    const plan = await planRestore(engine, manifest, opts.onClash);
    return await restoreStaged(engine, manifest, plan, entries, opts);
  } finally {
    await entries.return(undefined);
  }
}

async function restoreStaged(
  engine: StrataEngine,
  manifest: BackupManifest,
  plan: RestorePlan,
  entries: AsyncGenerator<{ name: string; bytes: Uint8Array }>,
  opts: RestoreOptions,
): Promise<RestoreReport> {
  const { catalog, blobs, locks } = engine.ctx.storage;
  // entry name → the target file id, or null when its table is skipped (still checked, not written)
  const targets = new Map<string, { expected: BackupEntry; fileId: string | null }>();
  const owner = new Map(manifest.tables.flatMap((t) => t.files.map((f) => [f.id, t.table.id] as const)));
  const byTable = new Map(plan.tables.map((t) => [t.source.table.id, t]));
  for (const e of manifest.entries) {
    const t = byTable.get(owner.get(e.fileId)!)!;
    targets.set(e.entry, { expected: e, fileId: t.outcome === 'skipped' ? null : t.fileIds.get(e.fileId)! });
  }
  const toWrite = [...targets.values()].flatMap((t) => (t.fileId === null ? [] : [t.fileId]));
  const stagingId = engine.ctx.newId();
  const lockName = lockNames.stage(stagingId);
  const written: string[] = [];

  return locks.request(lockName, 'exclusive', async () => {
    let staged = false;
    try {
      await catalog.apply({
        staging: [
          {
            id: stagingId,
            lockName,
            tableName: 'backup restore',
            files: toWrite,
            startedAt: engine.ctx.clock(),
            description: 'restore backup',
          },
        ],
      });
      staged = true;
      const seen = new Set<string>();
      let bytes = 0;
      for await (const { name, bytes: data } of entries) {
        throwIfAborted(opts.signal);
        const target = targets.get(name);
        if (!target || seen.has(name)) throw damaged(`it holds an unexpected entry "${name}"`, name);
        seen.add(name);
        if (data.length !== target.expected.bytes || crc32(data) !== target.expected.crc32) {
          throw damaged(`entry "${name}" does not match its checksum in ${MANIFEST_ENTRY}`, name);
        }
        if (target.fileId !== null) {
          await blobs.write(target.fileId, data);
          written.push(target.fileId);
          bytes += data.length;
        }
      }
      const missing = manifest.entries.find((e) => !seen.has(e.entry));
      if (missing) throw damaged(`entry "${missing.entry}" is missing`, missing.entry);
      opts.onProgress?.({ phase: 'committing', done: 0, total: 1, unit: 'versions' });
      const report = await commit(engine, plan, stagingId, bytes, written.length);
      staged = false;
      return report;
    } catch (e) {
      for (const id of written) await blobs.delete(id).catch(() => undefined);
      if (staged) await catalog.apply({ deleteStaging: [stagingId] }).catch(() => undefined);
      throw e;
    }
  });
}

/** The one catalog transaction, under the catalog lock so names and tags are checked against the latest state. */
async function commit(
  engine: StrataEngine,
  plan: RestorePlan,
  stagingId: string,
  bytes: number,
  files: number,
): Promise<RestoreReport> {
  const { catalog, locks, notifier } = engine.ctx.storage;
  const restored = plan.tables.filter((t) => t.outcome !== 'skipped').map((t) => restoredTable(t, engine.ctx.newId));
  const tags: TagRecord[] = plan.tags.filter((t) => t.outcome !== 'skipped').map((t) => restoredTag(t, plan.tables));
  await locks.request(lockNames.catalog, 'exclusive', async () => {
    const existingTags = new Set((await catalog.listTags()).map((t) => t.name));
    const clash = tags.find((t) => existingTags.has(t.name));
    if (clash) {
      throw new StrataError('TABLE_EXISTS', `A tag named "${clash.name}" was created meanwhile; nothing was restored`, {
        tag: clash.name,
      });
    }
    await catalog.apply({
      expectNameFree: restored.map((r) => ({ name: r.table.name })),
      tables: restored.map((r): TableRecord => r.table),
      versions: restored.flatMap((r) => r.versions),
      files: restored.flatMap((r) => r.files),
      tags,
      deleteStaging: [stagingId],
    });
  });
  for (const r of restored) notifier.publish({ kind: 'tables', tableId: r.table.id });
  if (tags.length) notifier.publish({ kind: 'tags' });
  return {
    tables: plan.tables.map((t) => ({ name: t.source.table.name, restoredAs: t.name, outcome: t.outcome })),
    tags: plan.tags.map((t) => ({ name: t.source.name, restoredAs: t.name, outcome: t.outcome })),
    versions: restored.reduce((n, r) => n + r.versions.length, 0),
    files,
    bytes,
  };
}
