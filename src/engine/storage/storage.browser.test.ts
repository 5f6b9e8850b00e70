/**
 * The storage contracts against the real browser backends, in headless Chromium. Vitest browser mode runs test files
 * in the page's main thread, not in a worker, so `createSyncAccessHandle` does not exist here and OpfsBlobStore takes
 * its createWritable path; the sync-handle path (the one the app's engine worker uses) is exercised by spawning a
 * dedicated worker (opfs-sync.worker.ts). All test files share one origin: every database, OPFS directory, lock and
 * channel name is unique per test and removed afterwards.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrataError } from '../errors';
import { describeBlobStoreContract, patternBytes } from './blob-store.contract';
import { BroadcastNotifier } from './broadcast-notifier';
import { openBrowserStorage } from './browser';
import { describeCatalogContract, tableRecord, tagRecord } from './catalog.contract';
import { IDB_SCHEMA_VERSION, openIdbCatalog, type IdbCatalog } from './idb-catalog';
import { describeLocksContract } from './locks.contract';
import { openOpfsBlobStore, type OpfsBlobStore } from './opfs-blob-store';
import type { SyncWorkerReport, SyncWorkerRequest } from './opfs-sync.worker';
import type { ChangeEvent } from './ports';
import { WebLocks } from './web-locks';

const RUN = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
let counter = 0;
function unique(prefix: string): string {
  return `${prefix}-${RUN}-${counter++}`;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error as Error);
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

// ---- Resources made by a test, released after it. ----
const dirs: string[] = [];
const databases: string[] = [];
const catalogs: IdbCatalog[] = [];
const cleanups: (() => void)[] = [];

afterEach(async () => {
  cleanups.splice(0).forEach((fn) => fn());
  catalogs.splice(0).forEach((c) => c.close());
  await Promise.all(databases.splice(0).map(deleteDatabase));
  const root = await navigator.storage.getDirectory();
  await Promise.all(dirs.splice(0).map((d) => root.removeEntry(d, { recursive: true }).catch(() => undefined)));
});

async function makeOpfs(): Promise<OpfsBlobStore> {
  const dir = unique('opfs');
  dirs.push(dir);
  return openOpfsBlobStore(dir);
}

async function makeIdb(onVersionChange?: () => void): Promise<IdbCatalog> {
  const name = unique('idb');
  databases.push(name);
  const catalog = await openIdbCatalog(name, onVersionChange ? { onVersionChange } : {});
  catalogs.push(catalog);
  return catalog;
}

describeBlobStoreContract('OpfsBlobStore (createWritable path)', makeOpfs);
describeCatalogContract('IdbCatalog on IndexedDB', () => makeIdb());
describeLocksContract('WebLocks', () => Promise.resolve(new WebLocks()), unique('locks'));

async function entries(store: OpfsBlobStore): Promise<string[]> {
  const names: string[] = [];
  for await (const name of store.dir.keys()) names.push(name);
  return names.sort();
}

describe('OpfsBlobStore specifics', () => {
  it('stores <id>.bin, leaves no .tmp behind and does not list stray .tmp or foreign files', async () => {
    const store = await makeOpfs();
    await store.write('a', patternBytes(10));
    expect(await entries(store)).toEqual(['a.bin']);
    await store.dir.getFileHandle('b.tmp', { create: true });
    await store.dir.getFileHandle('notes.txt', { create: true });
    await store.dir.getDirectoryHandle('sub.bin', { create: true });
    expect(await store.list()).toEqual(['a']);
  });

  it('uses move() when the platform has it (Chromium does)', () => {
    expect(typeof (FileSystemFileHandle.prototype as { move?: unknown }).move).toBe('function');
  });

  it('maps a QuotaExceededError from write() to QUOTA_EXCEEDED and leaves no file', async () => {
    const store = await makeOpfs();
    const write = vi
      .spyOn(FileSystemWritableFileStream.prototype, 'write')
      .mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    cleanups.push(() => write.mockRestore());
    const e = await rejection(store.write('q', patternBytes(1000)));
    expect(e).toBeInstanceOf(StrataError);
    expect(e).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { fileId: 'q', neededBytes: 1000 } });
    expect(await entries(store)).toEqual([]);
  });

  it('treats a short write (bytes silently dropped) as QUOTA_EXCEEDED and leaves no file', async () => {
    const store = await makeOpfs();
    const original = FileSystemWritableFileStream.prototype.write;
    const write = vi.spyOn(FileSystemWritableFileStream.prototype, 'write').mockImplementation(function (
      this: FileSystemWritableFileStream,
      data,
    ) {
      return original.call(this, (data as Uint8Array<ArrayBuffer>).subarray(0, 10));
    });
    cleanups.push(() => write.mockRestore());
    const e = await rejection(store.write('short', patternBytes(1000)));
    expect(e).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { fileId: 'short', neededBytes: 1000 } });
    expect(await entries(store)).toEqual([]);
  });

  it('maps other failures to IO_ERROR naming the file, leaving no file', async () => {
    const store = await makeOpfs();
    const write = vi
      .spyOn(FileSystemWritableFileStream.prototype, 'write')
      .mockRejectedValue(new DOMException('Disk on fire', 'InvalidStateError'));
    cleanups.push(() => write.mockRestore());
    const e = await rejection(store.write('io', patternBytes(1000)));
    expect(e).toMatchObject({ code: 'IO_ERROR', details: { fileId: 'io', cause: 'InvalidStateError' } });
    expect((e as Error).message).toContain('io');
    expect(await entries(store)).toEqual([]);
  });

  it('keeps the old content when a rewrite fails', async () => {
    const store = await makeOpfs();
    await store.write('keep', patternBytes(50, 1));
    const write = vi
      .spyOn(FileSystemWritableFileStream.prototype, 'write')
      .mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    cleanups.push(() => write.mockRestore());
    expect(await rejection(store.write('keep', patternBytes(80, 2)))).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    write.mockRestore();
    expect(await store.read('keep')).toEqual(patternBytes(50, 1));
    expect(await entries(store)).toEqual(['keep.bin']);
  });

  it('fails with STORAGE_UNAVAILABLE when getDirectory() fails', async () => {
    const spy = vi
      .spyOn(navigator.storage, 'getDirectory')
      .mockRejectedValue(new DOMException('Security error', 'SecurityError'));
    cleanups.push(() => spy.mockRestore());
    const e = await rejection(openOpfsBlobStore(unique('never')));
    expect(e).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { cause: 'SecurityError' } });
  });

  it('writes with a sync access handle in a dedicated worker, comparing byte counts', async () => {
    const dir = unique('opfs-worker');
    dirs.push(dir);
    const worker = new Worker(new URL('./opfs-sync.worker.ts', import.meta.url), { type: 'module' });
    cleanups.push(() => worker.terminate());
    const report = await new Promise<SyncWorkerReport>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<SyncWorkerReport>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
      worker.postMessage({ dir, bytes: 5 * 1024 * 1024 + 7 } satisfies SyncWorkerRequest);
    });
    expect(report).toEqual({
      hasSyncHandle: true,
      roundTrip: true,
      rewriteOk: true,
      shortWriteCode: 'QUOTA_EXCEEDED',
      shortWriteNeeded: 1000,
      throwingWriteCode: 'QUOTA_EXCEEDED',
      entries: ['sync-a.bin'],
    });
  });
});

describe('IdbCatalog specifics (IndexedDB)', () => {
  it('closes on versionchange so a newer build can upgrade, and calls onVersionChange', async () => {
    const onVersionChange = vi.fn();
    const catalog = await makeIdb(onVersionChange);
    await catalog.apply({ tables: [tableRecord('t1', 'sales')] });
    const name = databases.at(-1) as string;
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, IDB_SCHEMA_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error as Error);
    });
    newer.close();
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(await rejection(catalog.getTable('t1'))).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(await rejection(openIdbCatalog(name))).toMatchObject({ code: 'FORMAT_TOO_NEW' });
  });
});

describe('BroadcastNotifier', () => {
  it('delivers to other instances on the channel, not to the publisher, and ignores foreign messages', async () => {
    const channel = unique('channel');
    const a = new BroadcastNotifier(channel);
    const b = new BroadcastNotifier(channel);
    const raw = new BroadcastChannel(channel);
    cleanups.push(
      () => [a, b].forEach((n) => n.close()),
      () => raw.close(),
    );
    const gotA: ChangeEvent[] = [];
    const gotB: ChangeEvent[] = [];
    a.subscribe((e) => gotA.push(e));
    const unsubscribeB = b.subscribe((e) => gotB.push(e));
    const received = new Promise<void>((resolve) => b.subscribe(() => resolve()));
    raw.postMessage({ kind: 'bogus' });
    raw.postMessage('hello');
    a.publish({ kind: 'commit', tableId: 't1', version: 4 });
    await received;
    // Messages are delivered in order, so the foreign ones were seen (and dropped) before.
    expect(gotB).toEqual([{ kind: 'commit', tableId: 't1', version: 4 }]);
    // a's own publish never comes back to a; b's publish does reach a.
    b.publish({ kind: 'tags' });
    await vi.waitFor(() => expect(gotA).toEqual([{ kind: 'tags' }]));
    unsubscribeB();
    a.publish({ kind: 'retention' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gotB).toHaveLength(1);
  });
});

describe('openBrowserStorage', () => {
  it('opens all four ports and works end to end', async () => {
    const dbName = unique('storage-db');
    const dataDir = unique('storage-dir');
    databases.push(dbName);
    dirs.push(dataDir);
    const storage = await openBrowserStorage({ dbName, dataDir });
    cleanups.push(() => storage.catalog.close());
    await storage.blobs.write('f1', patternBytes(100));
    await storage.catalog.apply({ tags: [tagRecord('v1')] });
    expect(await storage.blobs.read('f1')).toEqual(patternBytes(100));
    expect((await storage.catalog.getTag('v1'))?.name).toBe('v1');
    const lock = unique('storage-lock');
    expect(
      await storage.locks.request(lock, 'exclusive', async () => (await storage.locks.heldNames()).has(lock)),
    ).toBe(true);
    // The data directory is where it was asked to be.
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getDirectoryHandle(dataDir)).getFileHandle('f1.bin');
    expect((await file.getFile()).size).toBe(100);
  });
});
