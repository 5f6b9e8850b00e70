import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
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
import { assertTime, isEmptyBatch, tableExistsError } from './batch';
import { errorMessage, errorName, isQuotaError } from './dom-errors';
import { HeadMovedError, type Catalog, type CatalogBatch } from './ports';

/**
 * Version of the IndexedDB schema below (object stores, key paths, indexes). DO NOT CHANGE the store names, key paths
 * or index names of an existing version: they live in users' browsers across releases. To change the schema, bump this
 * number and add a step to {@link upgrade} that migrates from the previous version. A build that finds a newer version
 * on disk refuses to open it (FORMAT_TOO_NEW) instead of corrupting it.
 */
export const IDB_SCHEMA_VERSION = 1;

/** The object stores, all created by schema version 1. DO NOT CHANGE (persisted names). */
export const IDB_STORES = ['meta', 'tables', 'versions', 'files', 'tags', 'staging'] as const;

interface StrataDb extends DBSchema {
  meta: { key: 'meta'; value: CatalogMeta };
  tables: { key: TableId; value: TableRecord; indexes: { name: string } };
  versions: { key: [TableId, number]; value: VersionRecord; indexes: { byTime: [TableId, number] } };
  files: { key: FileId; value: FileRecord; indexes: { tableId: TableId } };
  tags: { key: string; value: TagRecord };
  staging: { key: string; value: StagingRecord };
}

type StoreName = StoreNames<StrataDb>;

/** Options of {@link openIdbCatalog}. */
export interface IdbCatalogOptions {
  /** The IndexedDB factory; defaults to `globalThis.indexedDB`. Tests pass a fresh `fake-indexeddb` factory. */
  readonly indexedDB?: IDBFactory;
  /**
   * Called when another connection (a newer build in another tab) wants to upgrade the database — this connection is
   * then already closed and every later call rejects with STORAGE_UNAVAILABLE, so the app should ask for a reload — and
   * when opening is blocked by an older connection that does not close.
   */
  readonly onVersionChange?: () => void;
}

/** Creates or migrates the schema inside the `versionchange` transaction. One `if` per schema version. */
function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('tables', { keyPath: 'id' }).createIndex('name', 'name');
    db.createObjectStore('versions', { keyPath: ['tableId', 'version'] }).createIndex('byTime', [
      'tableId',
      'committedAt',
    ]);
    db.createObjectStore('files', { keyPath: 'id' }).createIndex('tableId', 'tableId');
    db.createObjectStore('tags', { keyPath: 'name' });
    db.createObjectStore('staging', { keyPath: 'id' });
  }
}

/**
 * Opens (creating or upgrading) the catalog database `dbName`. Rejects with StrataError FORMAT_TOO_NEW when the
 * database was upgraded by a newer build, STORAGE_UNAVAILABLE when IndexedDB is missing or refuses to open.
 */
export async function openIdbCatalog(dbName: string, opts: IdbCatalogOptions = {}): Promise<IdbCatalog> {
  const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined) {
    throw new StrataError('STORAGE_UNAVAILABLE', 'IndexedDB is not available in this browser context', { dbName });
  }
  const raw = await openRaw(factory, dbName, opts.onVersionChange);
  return new IdbCatalog(raw, opts.onVersionChange);
}

/**
 * `idb`'s openDB always uses the global factory, so the open request is made by hand and the connection wrapped after.
 */
function openRaw(factory: IDBFactory, dbName: string, onBlocked: (() => void) | undefined): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(dbName, IDB_SCHEMA_VERSION);
    } catch (e) {
      reject(openError(dbName, e));
      return;
    }
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
    // An older connection (another tab) did not close on our upgrade; the open completes once it does.
    request.onblocked = () => onBlocked?.();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(openError(dbName, request.error));
  });
}

function openError(dbName: string, e: unknown): StrataError {
  if (errorName(e) === 'VersionError') {
    return new StrataError(
      'FORMAT_TOO_NEW',
      `The catalog database "${dbName}" was created by a newer version of Strata; update the app (reload) to open it`,
      { dbName, cause: errorMessage(e) },
    );
  }
  return new StrataError(
    'STORAGE_UNAVAILABLE',
    `IndexedDB database "${dbName}" could not be opened (storage disabled, private mode or full?): ${errorMessage(e)}`,
    { dbName, cause: errorName(e) },
  );
}

function closedError(): StrataError {
  return new StrataError(
    'STORAGE_UNAVAILABLE',
    'The catalog database connection is closed (closed, or taken over by a newer version of Strata in another tab): reload this tab',
  );
}

/** The stores a batch touches: the transaction is scoped to exactly these. */
function storesOf(batch: CatalogBatch): StoreName[] {
  const stores = new Set<StoreName>();
  if (batch.meta !== undefined) stores.add('meta');
  if (batch.expect?.length || batch.expectNameFree?.length || batch.tables?.length || batch.deleteTables?.length) {
    stores.add('tables');
  }
  if (batch.versions?.length || batch.deleteVersions?.length) stores.add('versions');
  if (batch.files?.length || batch.deleteFiles?.length) stores.add('files');
  if (batch.tags?.length || batch.deleteTags?.length) stores.add('tags');
  if (batch.staging?.length || batch.deleteStaging?.length) stores.add('staging');
  return [...stores];
}

/** Aborts unless the transaction already finished (abort then throws InvalidStateError, which is irrelevant here). */
function abortQuietly(tx: IDBPTransaction<StrataDb, StoreName[], 'readwrite'>): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
}

/** The {@link Catalog} over IndexedDB (via `idb`). Obtain one with {@link openIdbCatalog}. */
export class IdbCatalog implements Catalog {
  private readonly db: IDBPDatabase<StrataDb>;
  private closed = false;

  /** Takes ownership of an open connection whose schema is {@link IDB_SCHEMA_VERSION}. */
  constructor(raw: IDBDatabase, onVersionChange?: () => void) {
    this.db = wrap(raw) as unknown as IDBPDatabase<StrataDb>;
    // A newer build is upgrading the database. Keeping the connection open would block its upgrade forever (it waits
    // for every open connection to close), so close at once and let the app reload into the new build.
    raw.addEventListener('versionchange', () => {
      this.close();
      onVersionChange?.();
    });
    // The browser closed the connection abnormally (site data cleared, disk error): later calls must say so.
    raw.addEventListener('close', () => {
      this.closed = true;
    });
  }

  getMeta(): Promise<CatalogMeta | undefined> {
    return this.run('read the catalog meta', (db) => db.get('meta', 'meta'));
  }

  getTable(id: TableId): Promise<TableRecord | undefined> {
    return this.run(`read table ${id}`, (db) => db.get('tables', id));
  }

  listTables(): Promise<TableRecord[]> {
    return this.run('list tables', (db) => db.getAll('tables'));
  }

  getVersion(tableId: TableId, version: number): Promise<VersionRecord | undefined> {
    return this.run(`read version ${version} of table ${tableId}`, (db) => db.get('versions', [tableId, version]));
  }

  listVersions(tableId: TableId, from: number, to: number): Promise<VersionRecord[]> {
    return this.run(`list versions of table ${tableId}`, async (db) => {
      // IDBKeyRange.bound throws on from > to (and NaN); such a range is simply empty.
      if (!(from <= to)) return [];
      return db.getAll('versions', IDBKeyRange.bound([tableId, from], [tableId, to]));
    });
  }

  /**
   * One step of a reverse cursor on 'byTime' ([tableId, committedAt]) from [tableId, time] down: the B-tree seek is
   * O(log n) and no other record is read. The lower bound keeps the cursor inside this table.
   */
  findVersionAt(tableId: TableId, time: number): Promise<VersionRecord | undefined> {
    return this.run(`find the version of table ${tableId} at ${time}`, async (db) => {
      assertTime(time);
      const range = IDBKeyRange.bound([tableId, Number.NEGATIVE_INFINITY], [tableId, time]);
      const cursor = await db.transaction('versions').store.index('byTime').openCursor(range, 'prev');
      return cursor?.value;
    });
  }

  getFile(id: FileId): Promise<FileRecord | undefined> {
    return this.run(`read file record ${id}`, (db) => db.get('files', id));
  }

  listFiles(tableId?: TableId): Promise<FileRecord[]> {
    return this.run('list file records', (db) =>
      tableId === undefined ? db.getAll('files') : db.getAllFromIndex('files', 'tableId', tableId),
    );
  }

  getTag(name: string): Promise<TagRecord | undefined> {
    return this.run(`read tag ${name}`, (db) => db.get('tags', name));
  }

  listTags(): Promise<TagRecord[]> {
    return this.run('list tags', (db) => db.getAll('tags'));
  }

  listStaging(): Promise<StagingRecord[]> {
    return this.run('list staging records', (db) => db.getAll('staging'));
  }

  /**
   * One readwrite transaction with durability 'strict' (the commit is on disk when this resolves; Chrome's default is
   * relaxed). The expectations are read and checked inside the same transaction as the writes, so nothing can land in
   * between; on a failed expectation the transaction is aborted and nothing is written. Within the batch, puts are
   * issued before deletes store by store, so a key both put and deleted ends up deleted (as in MemoryCatalog).
   */
  apply(batch: CatalogBatch): Promise<void> {
    return this.run('apply a catalog batch', async (db) => {
      if (isEmptyBatch(batch)) return;
      const tx = db.transaction(storesOf(batch), 'readwrite', { durability: 'strict' });
      // `done` rejects when we abort below, possibly before anyone awaits it: mark it handled now.
      tx.done.catch(() => undefined);
      try {
        // INVARIANT: between here and `await tx.done`, only IndexedDB requests of this transaction are awaited. The
        // transaction auto-commits as soon as it has no pending request when control returns to the event loop; awaiting
        // anything else (a timer, a fetch, hashing with crypto.subtle) would commit the checks alone and run the writes
        // outside it (they would throw TransactionInactiveError), breaking atomicity.
        if (batch.expect?.length || batch.expectNameFree?.length) {
          const tables = tx.objectStore('tables');
          const heads = await Promise.all((batch.expect ?? []).map((e) => tables.get(e.tableId)));
          (batch.expect ?? []).forEach((e, i) => {
            const actual = heads[i]?.head;
            if (actual !== e.head) throw new HeadMovedError(e.tableId, e.head, actual);
          });
          const owners = await Promise.all(
            (batch.expectNameFree ?? []).map((n) => tables.index('name').getAllKeys(n.name)),
          );
          (batch.expectNameFree ?? []).forEach((n, i) => {
            const other = owners[i]?.find((id) => id !== n.exceptTableId);
            if (other !== undefined) throw tableExistsError(n.name, other);
          });
        }
        // Requests run in the order issued; they are not awaited one by one (no need: a failing one aborts the lot).
        const writes: Promise<unknown>[] = [];
        const meta = batch.meta;
        if (meta !== undefined) writes.push(tx.objectStore('meta').put(meta));
        for (const t of batch.tables ?? []) writes.push(tx.objectStore('tables').put(t));
        for (const id of batch.deleteTables ?? []) writes.push(tx.objectStore('tables').delete(id));
        for (const v of batch.versions ?? []) writes.push(tx.objectStore('versions').put(v));
        for (const [tableId, version] of batch.deleteVersions ?? []) {
          writes.push(tx.objectStore('versions').delete([tableId, version]));
        }
        for (const f of batch.files ?? []) writes.push(tx.objectStore('files').put(f));
        for (const id of batch.deleteFiles ?? []) writes.push(tx.objectStore('files').delete(id));
        for (const t of batch.tags ?? []) writes.push(tx.objectStore('tags').put(t));
        for (const name of batch.deleteTags ?? []) writes.push(tx.objectStore('tags').delete(name));
        for (const s of batch.staging ?? []) writes.push(tx.objectStore('staging').put(s));
        for (const id of batch.deleteStaging ?? []) writes.push(tx.objectStore('staging').delete(id));
        await Promise.all([...writes, tx.done]);
      } catch (e) {
        abortQuietly(tx);
        if (isQuotaError(e) || isQuotaError(tx.error)) throw quotaError(batch);
        throw e;
      }
    });
  }

  close(): void {
    this.closed = true;
    this.db.close();
  }

  /** Runs an operation, mapping failures to StrataErrors (HeadMovedError and StrataErrors pass through). */
  private async run<T>(what: string, fn: (db: IDBPDatabase<StrataDb>) => Promise<T>): Promise<T> {
    if (this.closed) throw closedError();
    try {
      return await fn(this.db);
    } catch (e) {
      if (e instanceof StrataError || e instanceof HeadMovedError) throw e;
      if (this.closed || errorName(e) === 'InvalidStateError') throw closedError();
      if (isQuotaError(e)) throw new StrataError('QUOTA_EXCEEDED', `Not enough storage to ${what}`, { neededBytes: 0 });
      throw new StrataError('IO_ERROR', `Could not ${what}: ${errorMessage(e)}`, { cause: errorName(e) });
    }
  }
}

/** QUOTA_EXCEEDED for a batch; neededBytes is an estimate (the batch's JSON size: IndexedDB does not report it). */
function quotaError(batch: CatalogBatch): StrataError {
  let neededBytes = 0;
  try {
    neededBytes = JSON.stringify(batch).length;
  } catch {
    // Unserializable batch: keep 0.
  }
  return new StrataError('QUOTA_EXCEEDED', 'Not enough storage to save the catalog changes', { neededBytes });
}
