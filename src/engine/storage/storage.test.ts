import * as fakeIdb from 'fake-indexeddb';
import { IDBFactory } from 'fake-indexeddb';
import { unwrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrataError } from '../errors';
import type { ChangeEvent } from './ports';
import { describeBlobStoreContract, patternBytes } from './blob-store.contract';
import { describeCatalogContract, tableRecord, tagRecord, versionRecord } from './catalog.contract';
import { describeLocksContract } from './locks.contract';
import { countingBlobStore, FaultPlan, faultyBlobStore, faultyCatalog } from './faulty';
import { IDB_SCHEMA_VERSION, IDB_STORES, openIdbCatalog, type IdbCatalog } from './idb-catalog';
import { createMemoryStorage } from './memory';
import { MemoryBlobStore } from './memory-blob-store';
import { MemoryCatalog } from './memory-catalog';
import { MemoryLocks } from './memory-locks';
import { linkedMemoryNotifiers, MemoryNotifier } from './memory-notifier';
import { openOpfsBlobStore } from './opfs-blob-store';

// `idb` recognises requests, cursors and transactions with `instanceof` against the *global* IDB classes, and the
// catalog builds key ranges with the global IDBKeyRange. Node has none, so install fake-indexeddb's classes — but not a
// global `indexedDB`: every test passes its own fresh factory, so a fallback to the global would fail loudly.
for (const name of [
  'IDBCursor',
  'IDBCursorWithValue',
  'IDBDatabase',
  'IDBIndex',
  'IDBKeyRange',
  'IDBObjectStore',
  'IDBOpenDBRequest',
  'IDBRequest',
  'IDBTransaction',
  'IDBVersionChangeEvent',
] as const) {
  (globalThis as Record<string, unknown>)[name] ??= fakeIdb[name];
}

describeBlobStoreContract('MemoryBlobStore', () => Promise.resolve(new MemoryBlobStore()));
describeCatalogContract('MemoryCatalog', () => Promise.resolve(new MemoryCatalog()));
describeCatalogContract('IdbCatalog on fake-indexeddb', () =>
  openIdbCatalog('strata-test', { indexedDB: new IDBFactory() }),
);
describeLocksContract('MemoryLocks', () => Promise.resolve(new MemoryLocks()));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('MemoryLocks specifics', () => {
  it('re-processes the queue when a waiting request is aborted (spec behaviour)', async () => {
    const locks = new MemoryLocks();
    const log: string[] = [];
    let releaseS1!: () => void;
    const s1 = locks.request('l', 'shared', () => new Promise<void>((r) => (releaseS1 = r)));
    const controller = new AbortController();
    const x2 = locks.request('l', 'exclusive', () => Promise.resolve(log.push('X2')), controller.signal);
    const s3 = locks.request('l', 'shared', () => Promise.resolve(log.push('S3')));
    await Promise.resolve();
    expect(log).toEqual([]);
    controller.abort();
    await expect(x2).rejects.toMatchObject({ name: 'AbortError' });
    await s3;
    expect(log).toEqual(['S3']);
    expect(await locks.heldNames()).toEqual(new Set(['l']));
    releaseS1();
    await s1;
    expect(await locks.heldNames()).toEqual(new Set());
  });
});

describe('MemoryBlobStore capacity', () => {
  it('fails a write past capacity with QUOTA_EXCEEDED and keeps nothing of it', async () => {
    const store = new MemoryBlobStore({ capacityBytes: 100 });
    await store.write('a', patternBytes(60));
    const e = await rejection(store.write('b', patternBytes(50)));
    expect(e).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { neededBytes: 50, fileId: 'b' } });
    expect(await store.list()).toEqual(['a']);
    // Rewriting an id frees its old size first.
    await store.write('a', patternBytes(100));
    expect(store.usedBytes).toBe(100);
  });
});

describe('IdbCatalog specifics (fake-indexeddb)', () => {
  const opened: IdbCatalog[] = [];
  afterEach(() => {
    opened.splice(0).forEach((c) => c.close());
  });
  async function open(factory: IDBFactory, onVersionChange?: () => void): Promise<IdbCatalog> {
    const catalog = await openIdbCatalog('strata', { indexedDB: factory, ...(onVersionChange && { onVersionChange }) });
    opened.push(catalog);
    return catalog;
  }
  function rawOpen(factory: IDBFactory, version?: number): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = factory.open('strata', version);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error as Error);
    });
  }

  it('creates the persisted schema: store names, key paths and indexes (DO NOT CHANGE)', async () => {
    const factory = new IDBFactory();
    (await open(factory)).close();
    const db = await rawOpen(factory);
    expect(db.version).toBe(IDB_SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([...IDB_STORES].sort());
    const tx = db.transaction([...IDB_STORES]);
    const shape = (name: string) => {
      const store = tx.objectStore(name);
      return {
        keyPath: store.keyPath,
        indexes: [...store.indexNames].map((i) => [i, store.index(i).keyPath, store.index(i).unique]),
      };
    };
    expect(shape('meta')).toEqual({ keyPath: 'key', indexes: [] });
    expect(shape('tables')).toEqual({ keyPath: 'id', indexes: [['name', 'name', false]] });
    expect(shape('versions')).toEqual({
      keyPath: ['tableId', 'version'],
      indexes: [['byTime', ['tableId', 'committedAt'], false]],
    });
    expect(shape('files')).toEqual({ keyPath: 'id', indexes: [['tableId', 'tableId', false]] });
    expect(shape('tags')).toEqual({ keyPath: 'name', indexes: [] });
    expect(shape('staging')).toEqual({ keyPath: 'id', indexes: [] });
    db.close();
  });

  it('keeps its data across connections', async () => {
    const factory = new IDBFactory();
    const first = await open(factory);
    await first.apply({ tables: [tableRecord('t1', 'sales')], versions: [versionRecord('t1', 0, 5)] });
    first.close();
    const second = await open(factory);
    expect(await second.getTable('t1')).toStrictEqual(tableRecord('t1', 'sales'));
    expect((await second.findVersionAt('t1', 5))?.version).toBe(0);
  });

  it('applies a batch in one strict-durability readwrite transaction', async () => {
    const factory = new IDBFactory();
    const catalog = await open(factory);
    const spy = vi.spyOn(fakeIdb.IDBDatabase.prototype, 'transaction');
    try {
      await catalog.apply({ expect: [], tables: [tableRecord('t1', 'a')], tags: [tagRecord('x')] });
      const writes = spy.mock.calls.filter((call) => call[1] === 'readwrite');
      expect(writes).toHaveLength(1);
      expect(writes[0]?.[2]).toEqual({ durability: 'strict' });
      expect([...(writes[0]?.[0] as string[])].sort()).toEqual(['tables', 'tags']);
    } finally {
      spy.mockRestore();
    }
  });

  it('closes and calls onVersionChange when a newer build upgrades, which then does not hang', async () => {
    const factory = new IDBFactory();
    const onVersionChange = vi.fn();
    const catalog = await open(factory, onVersionChange);
    const newer = await rawOpen(factory, IDB_SCHEMA_VERSION + 1);
    expect(newer.version).toBe(IDB_SCHEMA_VERSION + 1);
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(await rejection(catalog.listTables())).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    newer.close();
  });

  it('refuses a database upgraded by a newer build with FORMAT_TOO_NEW', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, IDB_SCHEMA_VERSION + 1)).close();
    const e = await rejection(openIdbCatalog('strata', { indexedDB: factory }));
    expect(e).toBeInstanceOf(StrataError);
    expect(e).toMatchObject({ code: 'FORMAT_TOO_NEW', details: { dbName: 'strata' } });
  });

  it('maps a failing open to STORAGE_UNAVAILABLE', async () => {
    const factory = new IDBFactory();
    vi.spyOn(factory, 'open').mockImplementation(() => {
      throw new DOMException('The user denied permission to access the database.', 'UnknownError');
    });
    const e = await rejection(openIdbCatalog('strata', { indexedDB: factory }));
    expect(e).toMatchObject({ code: 'STORAGE_UNAVAILABLE', details: { dbName: 'strata', cause: 'UnknownError' } });
    expect((e as Error).message).toContain('could not be opened');
  });

  it('fails with STORAGE_UNAVAILABLE without any IndexedDB factory', async () => {
    expect('indexedDB' in globalThis).toBe(false);
    expect(await rejection(openIdbCatalog('strata'))).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('maps a QuotaExceededError aborting the transaction to QUOTA_EXCEEDED, with nothing applied', async () => {
    const factory = new IDBFactory();
    const catalog = await open(factory);
    const put = vi.spyOn(fakeIdb.IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    try {
      const e = await rejection(catalog.apply({ tables: [tableRecord('t1', 'a')] }));
      expect(e).toBeInstanceOf(StrataError);
      expect((e as StrataError).code).toBe('QUOTA_EXCEEDED');
      expect((e as StrataError).details.neededBytes).toBeGreaterThan(0);
    } finally {
      put.mockRestore();
    }
    expect(await catalog.listTables()).toEqual([]);
  });

  it('reports an abnormally closed connection as STORAGE_UNAVAILABLE', async () => {
    const factory = new IDBFactory();
    const catalog = await open(factory);
    fakeIdb.forceCloseDatabase(unwrap((catalog as unknown as { db: IDBPDatabase }).db) as never);
    expect(await rejection(catalog.getMeta())).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});

describe('openOpfsBlobStore outside a browser', () => {
  it('fails with STORAGE_UNAVAILABLE', async () => {
    expect(await rejection(openOpfsBlobStore('x'))).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});

describe('FaultPlan and faulty stores', () => {
  it('counts write, delete and apply as steps, not reads', async () => {
    const plan = new FaultPlan();
    const blobs = faultyBlobStore(new MemoryBlobStore(), plan);
    const catalog = faultyCatalog(new MemoryCatalog(), plan);
    await blobs.write('a', patternBytes(4));
    await blobs.read('a');
    await blobs.size('a');
    await blobs.list();
    await catalog.apply({ tags: [tagRecord('t')] });
    await catalog.getTag('t');
    await catalog.listTags();
    await blobs.delete('a');
    expect(plan.count).toBe(3);
  });

  it('fails only the chosen step when transient, without performing it', async () => {
    const plan = new FaultPlan().failAt(2, 'transient');
    const inner = new MemoryBlobStore();
    const blobs = faultyBlobStore(inner, plan);
    await blobs.write('a', patternBytes(4));
    const e = await rejection(blobs.write('b', patternBytes(4)));
    expect(e).toBeInstanceOf(StrataError);
    expect(e).toMatchObject({ code: 'IO_ERROR', message: 'Injected fault at step 2' });
    expect(await inner.list()).toEqual(['a']);
    await blobs.write('b', patternBytes(4));
    expect(await inner.list()).toEqual(['a', 'b']);
    expect(plan.count).toBe(3);
  });

  it('fails the chosen step and every later one when persistent', async () => {
    const plan = new FaultPlan().failAt(2, 'persistent');
    const inner = new MemoryCatalog();
    const catalog = faultyCatalog(inner, plan);
    await catalog.apply({ tags: [tagRecord('one')] });
    for (const step of [2, 3, 4]) {
      expect(await rejection(catalog.apply({ tags: [tagRecord(`t${step}`)] }))).toMatchObject({
        code: 'IO_ERROR',
        message: `Injected fault at step ${step}`,
      });
    }
    expect((await inner.listTags()).map((t) => t.name)).toEqual(['one']);
    // Reads still work on a "dead disk".
    expect((await catalog.listTags()).map((t) => t.name)).toEqual(['one']);
  });

  it('shares one step count between the stores of a plan', async () => {
    const plan = new FaultPlan().failAt(2);
    const blobs = faultyBlobStore(new MemoryBlobStore(), plan);
    const catalog = faultyCatalog(new MemoryCatalog(), plan);
    await blobs.write('a', patternBytes(1));
    expect(await rejection(catalog.apply({ tags: [tagRecord('x')] }))).toMatchObject({ code: 'IO_ERROR' });
    await expect(blobs.delete('a')).resolves.toBeUndefined();
  });

  it('refuses a step that is not a positive integer', () => {
    expect(() => new FaultPlan().failAt(0, 'transient')).toThrow(RangeError);
    expect(() => new FaultPlan().failAt(1.5, 'persistent')).toThrow(RangeError);
  });

  it('counts reads per file id with countingBlobStore', async () => {
    const blobs = countingBlobStore(new MemoryBlobStore());
    await blobs.write('a', patternBytes(2));
    await blobs.write('b', patternBytes(2));
    await blobs.read('a');
    await blobs.read('a');
    await rejection(blobs.read('missing'));
    await blobs.size('b');
    expect([...blobs.reads].sort()).toEqual([
      ['a', 2],
      ['missing', 1],
    ]);
    expect(blobs.reads.has('b')).toBe(false);
  });
});

describe('MemoryNotifier', () => {
  const commit: ChangeEvent = { kind: 'commit', tableId: 't1', version: 3 };

  it('delivers synchronously to every subscriber of the same instance, until unsubscribed', () => {
    const notifier = new MemoryNotifier();
    const a = vi.fn();
    const b = vi.fn();
    const unsubscribeA = notifier.subscribe(a);
    notifier.subscribe(b);
    notifier.publish(commit);
    expect(a).toHaveBeenCalledWith(commit);
    expect(b).toHaveBeenCalledTimes(1);
    unsubscribeA();
    notifier.publish({ kind: 'tags' });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenLastCalledWith({ kind: 'tags' });
  });

  it('delivers a copy: a listener cannot mutate the published event', () => {
    const notifier = new MemoryNotifier();
    const event = { kind: 'commit', tableId: 't1', version: 1 } as { kind: 'commit'; tableId: string; version: number };
    notifier.subscribe((e) => {
      (e as { version: number }).version = 99;
    });
    notifier.publish(event);
    expect(event.version).toBe(1);
  });

  it('links notifiers like BroadcastChannels: to every other one, never to the publisher', () => {
    const [n1, n2, n3] = linkedMemoryNotifiers(3) as [MemoryNotifier, MemoryNotifier, MemoryNotifier];
    const got = [vi.fn(), vi.fn(), vi.fn()] as const;
    n1.subscribe(got[0]);
    n2.subscribe(got[1]);
    n3.subscribe(got[2]);
    n1.publish(commit);
    expect(got[0]).not.toHaveBeenCalled();
    expect(got[1]).toHaveBeenCalledWith(commit);
    expect(got[2]).toHaveBeenCalledWith(commit);
    n3.publish({ kind: 'retention' });
    expect(got[0]).toHaveBeenCalledWith({ kind: 'retention' });
    expect(got[2]).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to the others when a listener throws, and rethrows its error on a fresh task', () => {
    vi.useFakeTimers();
    try {
      const notifier = new MemoryNotifier();
      const after = vi.fn();
      notifier.subscribe(() => {
        throw new Error('listener bug');
      });
      notifier.subscribe(after);
      expect(() => notifier.publish(commit)).not.toThrow();
      expect(after).toHaveBeenCalledWith(commit);
      expect(() => vi.runAllTimers()).toThrow('listener bug');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createMemoryStorage', () => {
  it('wires fresh, independent memory backends', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.blobs.write('f', patternBytes(3));
    await a.catalog.apply({ tags: [tagRecord('x')] });
    expect(await b.blobs.list()).toEqual([]);
    expect(await b.catalog.listTags()).toEqual([]);
    expect(await a.locks.request('l', 'exclusive', () => a.locks.heldNames())).toEqual(new Set(['l']));
    const seen = vi.fn();
    a.notifier.subscribe(seen);
    a.notifier.publish({ kind: 'tables' });
    expect(seen).toHaveBeenCalledWith({ kind: 'tables' });
  });
});
