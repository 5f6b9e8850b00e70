/**
 * "Import an Iceberg table": recreates a Strata table whose versions are the snapshots of the Iceberg table's current
 * lineage — same rows in manifest order, same commit times, and (for tables this app exported) the same operations
 * and messages from the `strata.*` summary keys. Iceberg tags become Strata tags when their names are free.
 *
 * Commit times: every version goes through the engine's own commit protocol (staging, spans, checkpoints), driven by
 * a second StrataEngine over the same storage whose clock reads the snapshot's timestamp (the engine stamps
 * max(clock, parent + 1 ms), so strictly increasing timestamps come back exact). Writing catalog records directly
 * would have meant duplicating that protocol.
 *
 * Two passes over the archive: the first reads the metadata, the second streams the data files, committing each
 * snapshot as soon as its files have arrived, holding only the files a later snapshot still needs. If anything fails
 * the new table is deleted (its files are collected), so an import is all or nothing.
 */
import { StrataEngine } from '../../engine';
import { StrataError, throwIfAborted } from '../../errors';
import { restoredName } from '../backup/plan';
import type { ByteSource, LongRunningOptions } from '../source';
import { readZip } from '../zip/read';
import { ICEBERG_LABEL, readTable, scanArchive, type ImportTable } from './read';
import { commitStep, stepsOf } from './steps';

export interface IcebergImportOptions extends LongRunningOptions {
  /** Name of the new table (default: the exported table's name, else the archive's folder). */
  readonly name?: string;
  /** When the name is taken: add " (imported)", " (imported 2)"… (default), or fail with TABLE_EXISTS. */
  readonly onClash?: 'rename' | 'fail';
}

export interface IcebergImportReport {
  readonly tableId: string;
  readonly name: string;
  readonly versions: readonly {
    readonly snapshotId: number;
    readonly version: number;
    readonly committedAt: number;
    readonly rows: number;
  }[];
  readonly tags: readonly { readonly name: string; readonly outcome: 'created' | 'skipped' }[];
}

export async function importIceberg(
  engine: StrataEngine,
  source: ByteSource,
  opts: IcebergImportOptions = {},
): Promise<IcebergImportReport> {
  const table = readTable(await scanArchive(source, opts));
  const steps = stepsOf(table.snapshots);
  const lastUse = new Map<string, number>();
  steps.forEach((s, k) => s.files.forEach((f) => lastUse.set(f, k)));

  let now = table.snapshots[0]!.timestampMs;
  const importer = new StrataEngine(engine.ctx.storage, {
    clock: () => now,
    segmentRows: engine.ctx.segmentRows,
    newId: engine.ctx.newId,
  });
  const wanted = (opts.name ?? table.name ?? 'imported').trim() || 'imported';
  const taken = new Set((await engine.listTables()).map((t) => t.name));
  if (taken.has(wanted) && opts.onClash === 'fail') {
    throw new StrataError('TABLE_EXISTS', `A table named "${wanted}" already exists`, { name: wanted });
  }
  const name = taken.has(wanted) ? restoredName(wanted, taken, 'imported') : wanted;
  now = Math.min(now, table.createdAt ?? now);
  const created = await importer.createTable(name, { fields: table.snapshots[0]!.fields });
  const versions: IcebergImportReport['versions'][number][] = [];
  try {
    const held = new Map<string, Uint8Array>();
    let next = 0;
    const commitReady = async () => {
      while (next < steps.length && steps[next]!.files.every((f) => held.has(f))) {
        throwIfAborted(opts.signal);
        const step = steps[next]!;
        now = step.snapshot.timestampMs;
        const info = await commitStep(importer, created.id, step, held, next === 0);
        versions.push({
          snapshotId: step.snapshot.snapshotId,
          version: info.version,
          committedAt: info.committedAt,
          rows: info.summary.totalRows,
        });
        for (const f of step.files) if (lastUse.get(f) === next) held.delete(f);
        next++;
        opts.onProgress?.({ phase: 'committing', done: next, total: steps.length, unit: 'versions' });
      }
    };
    await commitReady();
    let read = source.size;
    const onBytes = (n: number) =>
      opts.onProgress?.({ phase: 'reading', done: (read += n), total: source.size * 2, unit: 'bytes' });
    for await (const e of readZip(source.stream(), { label: ICEBERG_LABEL, signal: opts.signal, onBytes })) {
      if (!lastUse.has(e.name) || lastUse.get(e.name)! < next) continue;
      held.set(e.name, e.bytes);
      await commitReady();
    }
    if (next < steps.length) {
      const missing = steps[next]!.files.find((f) => !held.has(f));
      throw new StrataError('CORRUPT_FILE', `${ICEBERG_LABEL} is damaged: ${missing ?? 'a data file'} is missing`, {
        entry: missing,
      });
    }
  } catch (e) {
    await importer.deleteTable(created.id).catch(() => undefined);
    throw e;
  }
  const tags = await importTags(engine, table, created.id, versions);
  return { tableId: created.id, name, versions, tags };
}

/** Iceberg tag refs as Strata tags on the new table, when their names are free. */
async function importTags(
  engine: StrataEngine,
  table: ImportTable,
  tableId: string,
  versions: IcebergImportReport['versions'],
): Promise<IcebergImportReport['tags'][number][]> {
  const tags: IcebergImportReport['tags'][number][] = [];
  const existing = new Set((await engine.listTags()).map((t) => t.name));
  for (const [name, snapshotId] of Object.entries(table.tags)) {
    const v = versions.find((x) => x.snapshotId === snapshotId);
    if (!v || existing.has(name)) {
      tags.push({ name, outcome: 'skipped' });
      continue;
    }
    await engine.createTag(name, { versions: [{ tableId, version: v.version }], tables: [tableId] });
    tags.push({ name, outcome: 'created' });
  }
  return tags;
}
