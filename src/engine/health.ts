/**
 * Start-up health checks. The catalog (IndexedDB) and the data files (OPFS) are two separate parts of a site's
 * storage, and a person or the browser can clear one without the other (DevTools' "Clear site data" with some boxes
 * unticked, an extension, a profile copied by hand). Neither case may pass for a fresh start: `open()` reports what it
 * finds as a warning the app shows, and these checks never change or delete anything.
 *
 * Records of a shape this build does not know (another app's database of the same name, a hand edit, a newer build
 * that did not bump the format) are reported and hidden from the table list instead of crashing it; they are never
 * rewritten.
 *
 * Cost: one listing of each side plus the head record of each table, so the checks run at every start. Files are
 * confirmed missing only under the table's shared read lock, because GC deletes a file before its record (under the
 * exclusive form of that lock) and a check racing it would otherwise see a record without its file.
 */
import type { EngineContext } from './context';
import { lockNames } from './context';
import { OPERATIONS, type FileRecord, type TableRecord, type VersionRecord } from './model/records';
import { isColumnType } from './model/schema';
import { fileUsedAt } from './retention';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInt = (v: unknown): v is number => Number.isInteger(v);

/** What is wrong with a table record's shape, or undefined when it is one this build reads. */
export function tableRecordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not an object';
  if (typeof value.id !== 'string') return 'it has no text id';
  if (typeof value.name !== 'string') return 'it has no name';
  if (!isInt(value.head) || value.head < -1) return 'its head is not a version number';
  const schema = value.schema;
  if (!isObject(schema) || !Array.isArray(schema.fields)) return 'it has no schema';
  const bad = schema.fields.find(
    (f: unknown) =>
      !isObject(f) || typeof f.name !== 'string' || !isColumnType(f.type) || typeof f.nullable !== 'boolean',
  );
  if (bad !== undefined) return `its schema has a column this build does not know (${JSON.stringify(bad)})`;
  return undefined;
}

/** What is wrong with a version record's shape, or undefined when it is one this build reads. */
export function versionRecordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not an object';
  if (!(OPERATIONS as readonly unknown[]).includes(value.operation)) {
    return `its operation ${JSON.stringify(value.operation)} is unknown`;
  }
  const summary = value.summary;
  if (!isObject(summary) || !isInt(summary.totalRows)) return 'it has no row summary';
  if (!isInt(value.checkpointAt) || !isInt(value.committedAt)) return 'it has no checkpoint or commit time';
  const delta = value.delta;
  if (!isObject(delta) || !Array.isArray(delta.removed) || !Array.isArray(delta.inserted)) return 'it has no delta';
  if (tableRecordProblem({ id: '', name: '', head: -1, schema: value.schema })) return 'its schema is unknown';
  return undefined;
}

/** True when a table record and its head version have shapes this build reads (the table list shows only these). */
export async function isReadableTable(ctx: EngineContext, table: unknown): Promise<boolean> {
  return (await readableProblem(ctx, table)) === undefined;
}

async function readableProblem(ctx: EngineContext, table: unknown): Promise<string | undefined> {
  const problem = tableRecordProblem(table);
  if (problem) return problem;
  const t = table as TableRecord;
  if (t.head < 0) return undefined;
  const head = await ctx.catalog.getVersion(t.id, t.head);
  if (head === undefined) return `its head version ${t.head} has no record`;
  const headProblem = versionRecordProblem(head);
  return headProblem && `its head version ${t.head}: ${headProblem}`;
}

function label(table: unknown): string {
  if (isObject(table) && typeof table.name === 'string') return `Table "${table.name}"`;
  if (isObject(table) && typeof table.id === 'string') return `The table record "${table.id}"`;
  return 'A table record';
}

/** Runs every check; never throws (a check that cannot run says so instead). */
export async function checkHealth(ctx: EngineContext): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const readable: TableRecord[] = [];
    for (const table of await ctx.catalog.listTables()) {
      const problem = await readableProblem(ctx, table);
      if (problem === undefined) readable.push(table);
      else {
        warnings.push(
          `${label(table)} cannot be shown: ${problem}. It was written by something this version of Strata does not know (another app, or a newer Strata: reload to update). It was left as it is.`,
        );
      }
    }
    warnings.push(...(await checkDataFiles(ctx, readable)));
  } catch (e) {
    warnings.push(
      `Strata could not check its storage at start-up (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`,
    );
  }
  return warnings;
}

/**
 * Both directions: files the catalog lists but the disk lacks (data files cleared), and data files on disk that no
 * record claims while the catalog is empty (catalog cleared). Order matters: blobs are listed before staging and
 * file records, because a staging record is written before its file and a file record before GC deletes the file.
 */
async function checkDataFiles(ctx: EngineContext, tables: readonly TableRecord[]): Promise<string[]> {
  const onDisk = new Set(await ctx.storage.blobs.list());
  const staging = await ctx.catalog.listStaging();
  const records = await ctx.catalog.listFiles();
  if (records.length === 0 && tables.length === 0) {
    const claimed = new Set(staging.flatMap((s) => s.files));
    const unclaimed = [...onDisk].filter((id) => !claimed.has(id));
    if (unclaimed.length === 0) return [];
    return [
      `Strata's catalog was cleared (the browser's IndexedDB data for this site was deleted) but ${unclaimed.length} data file${unclaimed.length === 1 ? '' : 's'} of earlier versions are still stored: the tables they belonged to cannot be listed any more. This is not a fresh start. The files are kept until the next clean-up (deleting or expiring something).`,
    ];
  }
  const byTable = new Map<string, FileRecord[]>();
  for (const f of records) {
    if (!onDisk.has(f.id)) byTable.set(f.tableId, [...(byTable.get(f.tableId) ?? []), f]);
  }
  const damaged: { table: TableRecord; versions: number[]; files: number }[] = [];
  for (const table of tables) {
    const suspects = byTable.get(table.id);
    if (!suspects || table.head < 0) continue;
    const found = await ctx.storage.locks.request(lockNames.read(table.id), 'shared', () =>
      confirmMissing(ctx, table, suspects),
    );
    if (found) damaged.push({ table, ...found });
  }
  if (!damaged.length) return [];
  if (records.every((f) => !onDisk.has(f.id))) {
    const names = damaged
      .map((d) => `"${d.table.name}"`)
      .sort()
      .join(', ');
    return [
      `Strata's data files were cleared (the browser's file storage for this site was deleted) but its catalog still lists ${names}: no version of ${damaged.length === 1 ? 'it' : 'them'} can be read. This is not a fresh start, and nothing was changed; delete ${damaged.length === 1 ? 'that table' : 'those tables'} or import ${damaged.length === 1 ? 'it' : 'them'} again.`,
    ];
  }
  return damaged.map(
    (d) =>
      `${d.files} data file${d.files === 1 ? '' : 's'} of "${d.table.name}" ${d.files === 1 ? 'is' : 'are'} missing: ${versionList(d.versions)} cannot be read (the other versions can). Nothing was changed.`,
  );
}

/** Re-checks suspects under the read lock; returns the live versions they break, or undefined when none. */
async function confirmMissing(
  ctx: EngineContext,
  table: TableRecord,
  suspects: readonly FileRecord[],
): Promise<{ versions: number[]; files: number } | undefined> {
  const fresh = (await ctx.catalog.getTable(table.id)) ?? table;
  const versions: VersionRecord[] = fresh.head >= 0 ? await ctx.catalog.listVersions(table.id, 0, fresh.head) : [];
  const live = versions.filter((v) => v.expiredAt === undefined).map((v) => v.version);
  const broken = new Set<number>();
  let files = 0;
  for (const suspect of suspects) {
    const record = await ctx.catalog.getFile(suspect.id);
    if (!record || (await ctx.storage.blobs.size(record.id)) !== undefined) continue;
    const hit = live.filter((v) => fileUsedAt(record, v));
    if (!hit.length) continue; // only expired versions used it: garbage GC has not reached yet
    files++;
    hit.forEach((v) => broken.add(v));
  }
  return files ? { versions: [...broken].sort((a, b) => a - b), files } : undefined;
}

function versionList(versions: readonly number[]): string {
  if (versions.length === 1) return `version ${versions[0]}`;
  const contiguous = versions.every((v, i) => i === 0 || v === versions[i - 1]! + 1);
  if (contiguous && versions.length > 2) return `versions ${versions[0]}–${versions.at(-1)}`;
  return `versions ${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}`;
}
