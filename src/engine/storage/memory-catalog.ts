import { StrataError } from '../errors';
import type {
  CatalogMeta,
  FileId,
  FileRecord,
  StagingRecord,
  TableId,
  TableRecord,
  TagRecord,
  VersionRecord,
} from '../model/records';
import { assertTime, tableExistsError } from './batch';
import { HeadMovedError, type Catalog, type CatalogBatch } from './ports';

/** Orders versions by (committedAt, version), the order of the IndexedDB 'byTime' index (ties broken by key). */
function byTime(a: VersionRecord, b: VersionRecord): number {
  return a.committedAt - b.committedAt || a.version - b.version;
}

/** Index of the first element of the sorted array for which `after(element)` is true (array.length if none). */
function partitionPoint<T>(sorted: readonly T[], after: (element: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(sorted[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Values of a map sorted by key in IndexedDB's string order (UTF-16 code units), cloned. */
function sortedValues<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort().map((key) => structuredClone(map.get(key) as T));
}

/** One table's versions, addressable by number and ordered by commit time. */
class TableVersions {
  readonly byNumber = new Map<number, VersionRecord>();
  /** Sorted by {@link byTime}; holds exactly the records of `byNumber`. */
  readonly byTime: VersionRecord[] = [];

  put(record: VersionRecord): void {
    this.delete(record.version);
    this.byNumber.set(record.version, record);
    this.byTime.splice(
      partitionPoint(this.byTime, (v) => byTime(v, record) > 0),
      0,
      record,
    );
  }

  delete(version: number): void {
    const old = this.byNumber.get(version);
    if (old === undefined) return;
    this.byNumber.delete(version);
    // Records are unique objects (cloned on put), so identity finds the entry; the binary search narrows it to it.
    const i = partitionPoint(this.byTime, (v) => byTime(v, old) >= 0);
    this.byTime.splice(this.byTime[i] === old ? i : this.byTime.indexOf(old), 1);
  }

  /** The record with the greatest committedAt ≤ time, by binary search. */
  at(time: number): VersionRecord | undefined {
    return this.byTime[partitionPoint(this.byTime, (v) => v.committedAt > time) - 1];
  }
}

/**
 * An in-memory {@link Catalog} with the same semantics as the IndexedDB one: `apply` checks every expectation before
 * changing anything, and every record is deep-copied on the way in and out, so callers can never alias stored state.
 */
export class MemoryCatalog implements Catalog {
  private meta: CatalogMeta | undefined;
  private readonly tables = new Map<TableId, TableRecord>();
  private readonly versions = new Map<TableId, TableVersions>();
  private readonly files = new Map<FileId, FileRecord>();
  private readonly tags = new Map<string, TagRecord>();
  private readonly staging = new Map<string, StagingRecord>();
  private closed = false;

  getMeta(): Promise<CatalogMeta | undefined> {
    return this.op(() => structuredClone(this.meta));
  }

  getTable(id: TableId): Promise<TableRecord | undefined> {
    return this.op(() => structuredClone(this.tables.get(id)));
  }

  listTables(): Promise<TableRecord[]> {
    return this.op(() => sortedValues(this.tables));
  }

  getVersion(tableId: TableId, version: number): Promise<VersionRecord | undefined> {
    return this.op(() => structuredClone(this.versions.get(tableId)?.byNumber.get(version)));
  }

  listVersions(tableId: TableId, from: number, to: number): Promise<VersionRecord[]> {
    return this.op(() =>
      [...(this.versions.get(tableId)?.byNumber.values() ?? [])]
        .filter((v) => v.version >= from && v.version <= to)
        .sort((a, b) => a.version - b.version)
        .map((v) => structuredClone(v)),
    );
  }

  findVersionAt(tableId: TableId, time: number): Promise<VersionRecord | undefined> {
    return this.op(() => {
      assertTime(time);
      return structuredClone(this.versions.get(tableId)?.at(time));
    });
  }

  getFile(id: FileId): Promise<FileRecord | undefined> {
    return this.op(() => structuredClone(this.files.get(id)));
  }

  listFiles(tableId?: TableId): Promise<FileRecord[]> {
    return this.op(() => {
      const all = sortedValues(this.files);
      // Same order as the IndexedDB 'tableId' index: within one tableId, by primary key (id).
      return tableId === undefined ? all : all.filter((f) => f.tableId === tableId);
    });
  }

  getTag(name: string): Promise<TagRecord | undefined> {
    return this.op(() => structuredClone(this.tags.get(name)));
  }

  listTags(): Promise<TagRecord[]> {
    return this.op(() => sortedValues(this.tags));
  }

  listStaging(): Promise<StagingRecord[]> {
    return this.op(() => sortedValues(this.staging));
  }

  /**
   * Validates every expectation against the current state, then applies the batch. Within the batch, puts are applied
   * before deletes (store by store), so a key both put and deleted ends up deleted — the IndexedDB backend issues its
   * requests in the same order.
   */
  apply(batch: CatalogBatch): Promise<void> {
    return this.op(() => {
      for (const { tableId, head } of batch.expect ?? []) {
        const actual = this.tables.get(tableId)?.head;
        if (actual !== head) throw new HeadMovedError(tableId, head, actual);
      }
      for (const { name, exceptTableId } of batch.expectNameFree ?? []) {
        for (const table of this.tables.values()) {
          if (table.name === name && table.id !== exceptTableId) throw tableExistsError(name, table.id);
        }
      }
      // Clone everything before touching state: structuredClone can throw (a function in a record), and a throw
      // halfway through would leave the batch half-applied.
      const b = structuredClone(batch);

      if (b.meta !== undefined) this.meta = b.meta;
      for (const t of b.tables ?? []) this.tables.set(t.id, t);
      for (const id of b.deleteTables ?? []) this.tables.delete(id);
      for (const v of b.versions ?? []) this.tableVersions(v.tableId).put(v);
      for (const [tableId, version] of b.deleteVersions ?? []) this.versions.get(tableId)?.delete(version);
      for (const f of b.files ?? []) this.files.set(f.id, f);
      for (const id of b.deleteFiles ?? []) this.files.delete(id);
      for (const t of b.tags ?? []) this.tags.set(t.name, t);
      for (const name of b.deleteTags ?? []) this.tags.delete(name);
      for (const s of b.staging ?? []) this.staging.set(s.id, s);
      for (const id of b.deleteStaging ?? []) this.staging.delete(id);
    });
  }

  /** Later calls reject with STORAGE_UNAVAILABLE, like a closed IndexedDB connection. */
  close(): void {
    this.closed = true;
  }

  private tableVersions(tableId: TableId): TableVersions {
    let versions = this.versions.get(tableId);
    if (versions === undefined) {
      versions = new TableVersions();
      this.versions.set(tableId, versions);
    }
    return versions;
  }

  /** Runs `fn` as an async operation: throws become rejections; refused once closed. */
  private op<T>(fn: () => T): Promise<T> {
    try {
      if (this.closed) throw new StrataError('STORAGE_UNAVAILABLE', 'The catalog is closed');
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
