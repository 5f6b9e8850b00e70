/**
 * What a restore will do, decided from the manifest and the target store before any byte is written: which tables
 * are restored, renamed or skipped on a name clash, and which ids must change. Ids are kept when free (a restore into
 * an empty store is an exact copy: same table, version and file ids) and replaced when the target already uses them
 * (restoring a backup next to the store it came from): table ids, file ids, and a table's version ids, since those
 * are promised unique across the store (caches are keyed by them).
 */
import type { StrataEngine } from '../../engine';
import type { TagRecord } from '../../model/records';
import type { BackupManifest, BackupTable } from './format';

export type ClashPolicy = 'rename' | 'skip';
export type Outcome = 'restored' | 'renamed' | 'skipped';

export interface TablePlan {
  readonly source: BackupTable;
  readonly outcome: Outcome;
  /** The name in the target store. */
  readonly name: string;
  readonly tableId: string;
  /** Old file id → id in the target (for every file of the table). */
  readonly fileIds: ReadonlyMap<string, string>;
  readonly freshVersionIds: boolean;
}

export interface TagPlan {
  readonly source: TagRecord;
  readonly outcome: Outcome;
  readonly name: string;
}

export interface RestorePlan {
  readonly tables: readonly TablePlan[];
  readonly tags: readonly TagPlan[];
}

/** "name (restored)", then "name (restored 2)", … the first not in `taken`. */
export function restoredName(name: string, taken: ReadonlySet<string>, word = 'restored'): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name} (${word})` : `${name} (${word} ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function planRestore(engine: StrataEngine, m: BackupManifest, onClash: ClashPolicy): Promise<RestorePlan> {
  const { catalog, blobs } = engine.ctx.storage;
  const existing = await catalog.listTables();
  const takenNames = new Set(existing.map((t) => t.name));
  const versionIds = new Set<string>();
  for (const t of existing) {
    if (t.head >= 0) for (const v of await catalog.listVersions(t.id, 0, t.head)) versionIds.add(v.id);
  }
  const tables: TablePlan[] = [];
  for (const source of m.tables) {
    const clash = takenNames.has(source.table.name);
    const outcome: Outcome = !clash ? 'restored' : onClash === 'rename' ? 'renamed' : 'skipped';
    const name = outcome === 'renamed' ? restoredName(source.table.name, takenNames) : source.table.name;
    if (outcome !== 'skipped') takenNames.add(name);
    const tableId = (await catalog.getTable(source.table.id)) ? engine.ctx.newId() : source.table.id;
    const fileIds = new Map<string, string>();
    for (const f of source.files) {
      const used = (await catalog.getFile(f.id)) !== undefined || (await blobs.size(f.id)) !== undefined;
      fileIds.set(f.id, used ? engine.ctx.newId() : f.id);
    }
    const freshVersionIds = source.versions.some((v) => versionIds.has(v.id));
    tables.push({ source, outcome, name, tableId, fileIds, freshVersionIds });
  }
  const restoredIds = new Set(tables.filter((t) => t.outcome !== 'skipped').map((t) => t.source.table.id));
  const takenTags = new Set((await catalog.listTags()).map((t) => t.name));
  const tags: TagPlan[] = m.tags.map((source) => {
    const holdsRestored = source.entries.length === 0 || source.entries.some((e) => restoredIds.has(e.tableId));
    if (!holdsRestored) return { source, outcome: 'skipped', name: source.name };
    if (!takenTags.has(source.name)) {
      takenTags.add(source.name);
      return { source, outcome: 'restored', name: source.name };
    }
    if (onClash === 'skip') return { source, outcome: 'skipped', name: source.name };
    const name = restoredName(source.name, takenTags);
    takenTags.add(name);
    return { source, outcome: 'renamed', name };
  });
  return { tables, tags };
}
