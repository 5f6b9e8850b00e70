/**
 * Parsing and checking a backup's manifest before anything is restored: its format and version, the shape of every
 * record, and its internal consistency — versions numbered 0..head, every file a live version's segment list needs
 * present with a file record and a data entry whose length and checksum agree. A manifest that fails is refused as
 * CORRUPT_FILE, so a damaged or hand-edited backup never reaches the catalog.
 */
import { StrataError } from '../../errors';
import { CATALOG_FORMAT, type SegmentRef, type VersionRecord } from '../../model/records';
import { applyDelta, filesOf } from '../../model/segments';
import { FILE_ID_PATTERN } from '../../storage/file-id';
import { BACKUP_FORMAT, BACKUP_VERSION, fileEntryName, MANIFEST_ENTRY, type BackupManifest } from './format';

const decoder = new TextDecoder('utf-8', { fatal: true });

function damaged(what: string): StrataError {
  return new StrataError('CORRUPT_FILE', `The backup is damaged: ${MANIFEST_ENTRY} ${what}. Nothing was changed.`, {
    entry: MANIFEST_ENTRY,
  });
}

function must(ok: unknown, what: string): asserts ok {
  if (!ok) throw damaged(what);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

export function parseManifest(bytes: Uint8Array): BackupManifest {
  let m: unknown;
  try {
    m = JSON.parse(decoder.decode(bytes));
  } catch {
    throw damaged('is not valid JSON');
  }
  must(isObj(m) && m['format'] === BACKUP_FORMAT, 'is not a Strata backup manifest');
  must(isInt(m['version']), 'has no format version');
  if ((m['version'] as number) > BACKUP_VERSION || (m['catalogFormat'] as number) > CATALOG_FORMAT) {
    throw new StrataError(
      'FORMAT_TOO_NEW',
      `This backup was written by a newer Strata (backup format ${String(m['version'])}); update Strata to restore it. Nothing was changed.`,
      { version: m['version'] },
    );
  }
  must(isStr(m['storeId']) && isInt(m['createdAt']), 'has no store id or creation time');
  must(Array.isArray(m['tables']) && Array.isArray(m['tags']) && Array.isArray(m['entries']), 'lacks its lists');
  const manifest = m as unknown as BackupManifest;
  checkConsistency(manifest);
  return manifest;
}

function checkRef(ref: unknown, where: string): asserts ref is SegmentRef {
  must(isObj(ref) && isStr(ref['ref']) && isStr(ref['file']), `has a malformed segment in ${where}`);
  must(
    isInt(ref['offset']) && isInt(ref['length']) && isInt(ref['deletedCount']),
    `has a malformed segment in ${where}`,
  );
}

function checkVersion(v: unknown, tableId: string, n: number): asserts v is VersionRecord {
  const where = `version ${n} of table ${tableId}`;
  must(isObj(v) && v['tableId'] === tableId && v['version'] === n && isStr(v['id']), `has a malformed ${where}`);
  must(isInt(v['committedAt']) && isStr(v['operation']) && isObj(v['schema']), `has a malformed ${where}`);
  must(isInt(v['checkpointAt']) && isObj(v['delta']) && isObj(v['summary']), `has a malformed ${where}`);
  const delta = v['delta'];
  must(Array.isArray(delta['removed']) && Array.isArray(delta['inserted']), `has a malformed delta in ${where}`);
  for (const g of delta['inserted'] as unknown[]) {
    must(isObj(g) && Array.isArray(g['refs']), `has a malformed delta in ${where}`);
    for (const r of g['refs'] as unknown[]) checkRef(r, where);
  }
  if (v['checkpoint'] !== undefined) {
    must(Array.isArray(v['checkpoint']), `has a malformed checkpoint in ${where}`);
    for (const r of v['checkpoint'] as unknown[]) checkRef(r, where);
  }
}

/** Every version's full segment list, replayed from the records alone (as EngineContext does). */
export function segmentLists(versions: readonly VersionRecord[]): (readonly SegmentRef[])[] {
  const lists: (readonly SegmentRef[])[] = [];
  let list: readonly SegmentRef[] = [];
  for (const v of versions) {
    list = v.checkpoint ? v.checkpoint : applyDelta(list, v.delta);
    lists.push(list);
  }
  return lists;
}

function checkConsistency(m: BackupManifest): void {
  const entries = new Map(m.entries.map((e) => [e.fileId, e]));
  must(entries.size === m.entries.length, 'lists a data file twice');
  const tableIds = new Set<string>();
  const names = new Set<string>();
  const seenFiles = new Set<string>();
  for (const t of m.tables) {
    must(isObj(t) && isObj(t.table) && Array.isArray(t.versions) && Array.isArray(t.files), 'has a malformed table');
    const { id, name, head } = t.table;
    must(isStr(id) && isStr(name) && isInt(head) && isObj(t.table.schema), 'has a malformed table record');
    must(!tableIds.has(id) && !names.has(name), `lists table "${name}" twice`);
    tableIds.add(id);
    names.add(name);
    must(t.versions.length === head + 1, `has ${t.versions.length} versions for "${name}" whose head is ${head}`);
    t.versions.forEach((v, n) => checkVersion(v, id, n));
    const files = new Map(t.files.map((f) => [f.id, f]));
    for (const f of t.files) {
      must(isObj(f) && isStr(f.id) && FILE_ID_PATTERN.test(f.id), `has a malformed file record in "${name}"`);
      must(f.tableId === id && isInt(f.bytes) && isInt(f.checksum), `has a malformed file record in "${name}"`);
      const e = entries.get(f.id);
      must(e && e.bytes === f.bytes && e.crc32 === f.checksum, `disagrees with its data entry for file ${f.id}`);
      must(e.entry === fileEntryName(f.id) && !seenFiles.has(f.id), `lists file ${f.id} twice or misnamed`);
      seenFiles.add(f.id);
    }
    const lists = segmentLists(t.versions);
    t.versions.forEach((v, n) => {
      if (v.expiredAt !== undefined) return;
      for (const f of filesOf(lists[n]!)) must(files.has(f), `lacks file ${f}, needed by version ${n} of "${name}"`);
    });
  }
  must(seenFiles.size === entries.size, 'lists data entries no table uses');
  const live = new Map(m.tables.map((t) => [t.table.id, t.versions.filter((v) => v.expiredAt === undefined)]));
  for (const tag of m.tags) {
    must(isObj(tag) && isStr(tag.name) && Array.isArray(tag.entries), 'has a malformed tag');
    for (const e of tag.entries) {
      const versions = live.get(e.tableId);
      must(
        versions?.some((v) => v.version === e.version),
        `has tag "${tag.name}" naming a version it lacks`,
      );
    }
  }
}
