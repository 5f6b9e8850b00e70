/**
 * "Back up store": the whole store as one ZIP (layout in format.ts), streamed to a sink file by file, so a
 * multi-gigabyte store never sits in memory (one data file at a time does).
 *
 * Consistency: the shared read lock of every table is held for the whole backup, so GC (which deletes only under
 * the exclusive form) cannot remove a file between the catalog snapshot and the moment its bytes are copied. Commits
 * go on meanwhile; the backup holds each table as of the head it read. Every file is checked against its recorded
 * length and CRC-32 as it is copied: a damaged store is reported (CORRUPT_FILE naming table and file), never
 * silently carried into a backup that could not be restored.
 */
import type { StrataEngine } from '../../engine';
import { lockNames } from '../../context';
import { StrataError, throwIfAborted } from '../../errors';
import { CATALOG_FORMAT, type FileRecord, type TableRecord, type TagRecord } from '../../model/records';
import { filesOf } from '../../model/segments';
import { crc32 } from '../../util/crc32';
import type { ByteSink, LongRunningOptions } from '../source';
import { ZipWriter } from '../zip/write';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  fileEntryName,
  MANIFEST_ENTRY,
  type BackupManifest,
  type BackupTable,
} from './format';

export interface BackupReport {
  readonly tables: number;
  readonly versions: number;
  readonly files: number;
  /** Bytes of data files copied. */
  readonly dataBytes: number;
  /** Size of the archive written. */
  readonly archiveBytes: number;
}

/** Runs fn while holding the shared read lock of every table in `tableIds` (taken one by one, nested). */
export function withReadLocks<T>(
  engine: StrataEngine,
  tableIds: readonly string[],
  fn: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const [first, ...rest] = tableIds;
  if (first === undefined) return fn();
  return engine.ctx.storage.locks.request(
    lockNames.read(first),
    'shared',
    () => withReadLocks(engine, rest, fn, signal),
    signal,
  );
}

async function snapshotTable(engine: StrataEngine, table: TableRecord): Promise<BackupTable> {
  const { catalog } = engine.ctx;
  const versions = table.head >= 0 ? await catalog.listVersions(table.id, 0, table.head) : [];
  const needed = new Set<string>();
  for (const v of versions) {
    if (v.expiredAt === undefined) for (const f of filesOf(await engine.ctx.list(v))) needed.add(f);
  }
  const files: FileRecord[] = [];
  for (const id of [...needed].sort()) {
    const record = await catalog.getFile(id);
    if (!record) {
      throw new StrataError('MISSING_FILE', `${table.name} references file ${id}, which the catalog lacks`, {
        tableId: table.id,
        fileId: id,
      });
    }
    files.push(record);
  }
  return { table, versions, files };
}

/** Tag entries for tables and versions the backup holds (a tag made after a table's head was read loses it). */
function tagsFor(tags: readonly TagRecord[], tables: readonly BackupTable[]): TagRecord[] {
  const heads = new Map(tables.map((t) => [t.table.id, t.table.head]));
  return tags.map((t) => ({
    ...t,
    entries: t.entries.filter((e) => e.version <= (heads.get(e.tableId) ?? -1)),
  }));
}

export async function backupStore(
  engine: StrataEngine,
  sink: ByteSink,
  opts: LongRunningOptions = {},
): Promise<BackupReport> {
  const { catalog, blobs } = engine.ctx.storage;
  // Oldest table first: the order a restore reports them in.
  const ids = (await catalog.listTables())
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1))
    .map((t) => t.id);
  return withReadLocks(
    engine,
    ids,
    async () => {
      const tables: BackupTable[] = [];
      for (const id of ids) {
        throwIfAborted(opts.signal);
        const table = await catalog.getTable(id); // fresh: it may have moved or gone since the listing
        if (table) tables.push(await snapshotTable(engine, table));
      }
      const files = tables.flatMap((t) => t.files.map((f) => ({ file: f, table: t.table })));
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        catalogFormat: CATALOG_FORMAT,
        storeId: (await catalog.getMeta())?.storeId ?? '',
        createdAt: engine.ctx.clock(),
        tables,
        tags: tagsFor(await catalog.listTags(), tables),
        entries: files.map(({ file }) => ({
          entry: fileEntryName(file.id),
          fileId: file.id,
          bytes: file.bytes,
          crc32: file.checksum,
        })),
      };
      const zip = new ZipWriter(sink, { modifiedAt: manifest.createdAt });
      await zip.add(MANIFEST_ENTRY, new TextEncoder().encode(JSON.stringify(manifest)));
      const total = files.reduce((n, f) => n + f.file.bytes, 0);
      let done = 0;
      for (const { file, table } of files) {
        throwIfAborted(opts.signal);
        const bytes = await blobs.read(file.id);
        if (bytes.length !== file.bytes || crc32(bytes) !== file.checksum) {
          throw new StrataError(
            'CORRUPT_FILE',
            `Cannot back up ${table.name}: its data file ${file.id} is damaged (${bytes.length} bytes, ${file.bytes} were written, or its checksum differs). Run a store check to see which versions it breaks.`,
            { tableId: table.id, fileId: file.id },
          );
        }
        await zip.add(fileEntryName(file.id), bytes, file.checksum);
        done += bytes.length;
        opts.onProgress?.({ phase: 'writing', done, total, unit: 'bytes' });
      }
      await zip.end();
      return {
        tables: tables.length,
        versions: tables.reduce((n, t) => n + t.versions.length, 0),
        files: files.length,
        dataBytes: total,
        archiveBytes: zip.bytesWritten,
      };
    },
    opts.signal,
  );
}
