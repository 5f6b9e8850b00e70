/**
 * Issue 8's reliability scenarios at the engine level, over memory storage. A "tab" is an engine instance; tabs share
 * one catalog, one blob store and ONE MemoryLocks (as tabs share IndexedDB, OPFS and Web Locks), and a channel that
 * behaves like BroadcastChannel. A tab that dies releases its locks and stops mid-await, as a closed tab does; its
 * IndexedDB transaction in flight never commits. The browser-level halves are in e2e/reliability*.spec.ts; the N-th
 * step faults of scenario 2 are in faults.test.ts. Numbers in test names are the issue's scenario numbers.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { ConflictError, isStrataError, StrataError } from './errors';
import { formatCell, formulaSafe, tableToCsv } from './export/csv';
import { sniffCsv } from './csv';
import { importCsv } from './import';
import type { Schema } from './model/schema';
import { MemoryBlobStore } from './storage/memory-blob-store';
import { MemoryCatalog } from './storage/memory-catalog';
import { MemoryLocks } from './storage/memory-locks';
import type { BlobStore, Catalog, ChangeEvent, EngineStorage, LockMode, Locks, Notifier } from './storage/ports';
import { readRows, rows, schemaOf, toRows } from './testing/fixtures';
import type { Value } from './read/values';
import type { Table } from 'apache-arrow';

const S = 'id:int64,name:string?';
const SCHEMA: Schema = schemaOf(S);

// ---- tabs -----------------------------------------------------------------------------------------------------

/**
 * Web Locks of one tab. `close()` is the tab dying: the browser releases every lock it held, and the tab runs no more
 * code — so every promise it awaits on a lock never settles (its code stays frozen where it was, e.g. in a transaction
 * that then never commits), rather than rejecting into clean-up code that a dead tab would never run.
 */
class TabLocks implements Locks {
  private closed = false;
  private kill!: (reason: Error) => void;
  private readonly dead = new Promise<never>((_, reject) => (this.kill = reject));

  constructor(private readonly shared: Locks) {
    this.dead.catch(() => undefined);
  }

  request<T>(name: string, mode: LockMode, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return;
      this.shared
        .request(name, mode, () => Promise.race([fn(), this.dead]), signal)
        .then(
          (value) => !this.closed && resolve(value),
          (e: unknown) => !this.closed && reject(e instanceof Error ? e : new Error(String(e))),
        );
    });
  }

  heldNames(): Promise<Set<string>> {
    return this.shared.heldNames();
  }

  /** Resolves once the browser has released the locks (asynchronously, as Web Locks do after a tab closes). */
  async close(): Promise<void> {
    this.closed = true;
    this.kill(new Error('tab closed'));
    await settle();
  }
}

/** BroadcastChannel semantics for tabs opened one by one: a publish reaches every other member, never itself. */
class Channel {
  private readonly members = new Set<Set<(event: ChangeEvent) => void>>();

  join(): Notifier {
    const own = new Set<(event: ChangeEvent) => void>();
    this.members.add(own);
    return {
      publish: (event) => {
        for (const member of this.members) if (member !== own) member.forEach((l) => l(structuredClone(event)));
      },
      subscribe: (listener) => {
        own.add(listener);
        return () => own.delete(listener);
      },
    };
  }
}

interface Tab {
  readonly engine: StrataEngine;
  readonly locks: TabLocks;
  readonly events: ChangeEvent[];
}

/**
 * One origin's storage; `tab()` opens another tab on it. `wrap` puts a fault or a gate in front of that tab's view of
 * the stores (what one tab sees going wrong), `segmentRows` is small so a few rows make several data files.
 */
function origin(capacityBytes?: number) {
  const blobs = new MemoryBlobStore(capacityBytes === undefined ? {} : { capacityBytes });
  const catalog = new MemoryCatalog();
  const locks = new MemoryLocks();
  const channel = new Channel();
  const tab = (wrap: { blobs?: BlobStore; catalog?: Catalog } = {}, segmentRows = 2): Tab => {
    const notifier = channel.join();
    const tabLocks = new TabLocks(locks);
    const storage: EngineStorage = {
      blobs: wrap.blobs ?? blobs,
      catalog: wrap.catalog ?? catalog,
      locks: tabLocks,
      notifier,
    };
    const events: ChangeEvent[] = [];
    notifier.subscribe((e) => events.push(e));
    return { engine: new StrataEngine(storage, { segmentRows }), locks: tabLocks, events };
  };
  return { blobs, catalog, locks, tab };
}

/** Everything stored, byte for byte, for "nothing changed" checks. */
async function dump(blobs: BlobStore, catalog: Catalog) {
  const tables = await catalog.listTables();
  const versions = [];
  for (const t of tables) versions.push(await catalog.listVersions(t.id, 0, Number.MAX_SAFE_INTEGER));
  const files: [string, number[]][] = [];
  for (const id of await blobs.list()) files.push([id, Array.from(await blobs.read(id))]);
  return {
    meta: await catalog.getMeta(),
    tables,
    versions,
    records: await catalog.listFiles(),
    tags: await catalog.listTags(),
    staging: await catalog.listStaging(),
    files,
  };
}

/** A promise with its resolver, to hold an operation at a chosen point. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}

/** Lets every pending microtask and timer run, so "still waiting" means waiting on a lock, not on scheduling. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A streamed row source (as the CSV import gives): yields `first`, then waits for `go` before yielding `rest`. */
async function* held(first: Table, reached: () => void, go: Promise<void>, rest?: Table): AsyncGenerator<Table> {
  yield first;
  reached();
  await go;
  if (rest) yield rest;
}

const ids = (data: Value[][]) => data.map((r) => r[0]);
const idRows = (...values: number[]) =>
  rows(
    S,
    values.map((v) => [BigInt(v), `n${v}`]),
  );

async function state(p: Promise<unknown>): Promise<'pending' | 'settled'> {
  return Promise.race([
    p.then(
      () => 'settled' as const,
      () => 'settled' as const,
    ),
    settle().then(() => 'pending' as const),
  ]);
}

// ---- scenarios ------------------------------------------------------------------------------------------------

describe('1: tab closed after its data files are written, before the head moves', () => {
  it('leaves the previous version byte-identical; the next start reports the import and reclaims its files', async () => {
    const o = origin();
    const a = o.tab();
    await a.engine.open();
    const { tableId } = await a.engine.createFromData('t', idRows(1, 2, 3));
    const before = await dump(o.blobs, o.catalog);

    const reached = gate();
    const never = new Promise<void>(() => undefined);
    const dying = a.engine.append(tableId, held(idRows(4, 5, 6, 7, 8), reached.open, never), { schema: SCHEMA });
    dying.catch(() => undefined);
    await reached.promise;
    // Three data files (segmentRows 2) are written and staged; the head has not moved.
    expect((await o.blobs.list()).length).toBe(before.files.length + 3);
    expect(await o.catalog.listStaging()).toHaveLength(1);
    await a.locks.close();

    const b = o.tab();
    const report = await b.engine.open();
    expect(report.incompleteImports).toEqual([
      { tableName: 't', startedAt: expect.any(Number) as unknown, description: 'append' },
    ]);
    expect(await dump(o.blobs, o.catalog)).toEqual(before);
    expect(await readRows(b.engine, tableId)).toEqual(await readRows(b.engine, tableId, { version: 0 }));
    expect((await b.engine.verify()).ok).toBe(true);
    // The next start has nothing left to report.
    expect((await o.tab().engine.open()).incompleteImports).toEqual([]);
  });

  it('an import still running in another tab is neither reported nor reclaimed', async () => {
    const o = origin();
    const a = o.tab();
    await a.engine.open();
    const { tableId } = await a.engine.createFromData('t', idRows(1));
    const reached = gate();
    const go = gate();
    const running = a.engine.append(tableId, held(idRows(2, 3), reached.open, go.promise, idRows(4)), {
      schema: SCHEMA,
    });
    await reached.promise;
    const staged = await o.blobs.list();
    expect(await o.tab().engine.open()).toEqual({ incompleteImports: [], warnings: [] });
    expect(await o.blobs.list()).toEqual(staged);
    go.open();
    expect((await running).version).toBe(1);
    expect(ids(await readRows(a.engine, tableId))).toEqual([1n, 2n, 3n, 4n]);
  });
});

describe('3: a truncated or bit-flipped data file', () => {
  it.each(['truncated', 'bit-flipped'] as const)(
    '%s: reading a version that uses it fails naming the version and the file; other versions read',
    async (damage) => {
      const o = origin();
      const a = o.tab({}, 100);
      const { tableId } = await a.engine.createFromData('t', idRows(1, 2));
      await a.engine.append(tableId, idRows(3, 4));
      const before0 = await a.engine.filesOfVersion(tableId, 0);
      const file = [...(await a.engine.filesOfVersion(tableId, 1))].find((f) => !before0.has(f))!;
      const bytes = await o.blobs.read(file);
      if (damage === 'truncated') await o.blobs.write(file, bytes.subarray(0, bytes.length - 7));
      else {
        bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
        await o.blobs.write(file, bytes);
      }

      const b = o.tab();
      const error = await b.engine.readAll(tableId, { version: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StrataError);
      expect(error).toMatchObject({ code: 'CORRUPT_FILE', details: { version: 1, fileId: file, tableId } });
      expect((error as Error).message).toMatch(new RegExp(`^Version 1 of t cannot be read: File ${file} `));
      expect(ids(await readRows(b.engine, tableId, { version: 0 }))).toEqual([1n, 2n]);
      const report = await b.engine.verify();
      expect(report.ok).toBe(false);
      expect(report.damaged).toEqual([
        {
          tableId,
          tableName: 't',
          versions: [1],
          fileId: file,
          problem: damage === 'truncated' ? expect.stringMatching(/bytes/) : 'checksum mismatch',
        },
      ]);
    },
  );
});

describe('4: a referenced file missing', () => {
  it('reading fails naming the version and the file; nothing is overwritten; other versions read', async () => {
    const o = origin();
    const a = o.tab({}, 100);
    await a.engine.open();
    const { tableId } = await a.engine.createFromData('t', idRows(1));
    await a.engine.append(tableId, idRows(2));
    const v0 = await a.engine.filesOfVersion(tableId, 0);
    const lost = [...(await a.engine.filesOfVersion(tableId, 1))].find((f) => !v0.has(f))!;
    await o.blobs.delete(lost);
    const before = await dump(o.blobs, o.catalog);
    const b = o.tab();
    await b.engine.open();
    await expect(b.engine.readAll(tableId)).rejects.toMatchObject({
      code: 'MISSING_FILE',
      details: { version: 1, fileId: lost },
      message: `Version 1 of t cannot be read: File ${lost} is missing`,
    });
    expect(ids(await readRows(b.engine, tableId, { version: 0 }))).toEqual([1n]);
    expect(await dump(o.blobs, o.catalog)).toEqual(before);
  });
});

describe('5: two tabs append to the same table at the same time', () => {
  it('both land, as consecutive versions, and each tab hears of the other', async () => {
    const o = origin();
    const [a, b] = [o.tab(), o.tab()];
    const { tableId } = await a.engine.createFromData('t', idRows(1));
    const [ra, rb] = await Promise.all([
      a.engine.append(tableId, idRows(10, 11)),
      b.engine.append(tableId, idRows(20)),
    ]);
    expect([ra.version, rb.version].sort()).toEqual([1, 2]);
    const first = ra.version === 1 ? [10n, 11n] : [20n];
    const second = ra.version === 1 ? [20n] : [10n, 11n];
    expect(ids(await readRows(b.engine, tableId))).toEqual([1n, ...first, ...second]);
    expect(ids(await readRows(a.engine, tableId, { version: 1 }))).toEqual([1n, ...first]);
    expect((await a.engine.history(tableId)).versions.map((v) => [v.version, v.operation])).toEqual([
      [2, 'append'],
      [1, 'append'],
      [0, 'create'],
    ]);
    expect(b.events).toContainEqual({ kind: 'commit', tableId, version: ra.version });
    expect(a.events).toContainEqual({ kind: 'commit', tableId, version: rb.version });
  });
});

describe('6: one tab overwrites while another appends', () => {
  it('append lands first: the overwrite fails with a ConflictError naming it, and commits nothing', async () => {
    const o = origin();
    const [a, b] = [o.tab(), o.tab()];
    const { tableId } = await a.engine.createFromData('t', idRows(1, 2));
    const reached = gate();
    const go = gate();
    const overwrite = b.engine.overwrite(tableId, held(idRows(9), reached.open, go.promise, idRows(8)), {
      schema: SCHEMA,
    });
    overwrite.catch(() => undefined);
    await reached.promise;
    const appended = await a.engine.append(tableId, idRows(3));
    const afterAppend = await dump(o.blobs, o.catalog);
    const staged = new Set((await o.catalog.listStaging()).flatMap((r) => r.files));
    expect(staged.size).toBeGreaterThan(0);
    go.open();
    const error = await overwrite.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { tableId, base: 0, landed: appended.version } });
    expect((error as Error).message).toMatch(
      /^Version 1 of t was committed after this overwrite started from version 0/,
    );
    // Nothing of the overwrite remains: its staged files and staging record were discarded.
    expect(await dump(o.blobs, o.catalog)).toEqual({
      ...afterAppend,
      staging: [],
      files: afterAppend.files.filter(([id]) => !staged.has(id)),
    });
    expect(ids(await readRows(b.engine, tableId))).toEqual([1n, 2n, 3n]);
  });

  it('overwrite lands first: the append is re-based onto it', async () => {
    const o = origin();
    const [a, b] = [o.tab(), o.tab()];
    const { tableId } = await a.engine.createFromData('t', idRows(1, 2));
    const reached = gate();
    const go = gate();
    const append = a.engine.append(tableId, held(idRows(3), reached.open, go.promise, idRows(4)), {
      schema: SCHEMA,
    });
    await reached.promise;
    const overwritten = await b.engine.overwrite(tableId, idRows(9));
    go.open();
    const appended = await append;
    expect([overwritten.version, appended.version]).toEqual([1, 2]);
    expect(ids(await readRows(b.engine, tableId))).toEqual([9n, 3n, 4n]);
    expect(ids(await readRows(b.engine, tableId, { version: 1 }))).toEqual([9n]);
    expect((await b.engine.verify()).ok).toBe(true);
  });
});

describe('7: four tabs × random commits', () => {
  // npm test runs 4 × 50; STRATA_SOAK=<commits per tab> runs a longer soak.
  const perTab = Number(process.env.STRATA_SOAK ?? 50);

  it(
    `4 × ${perTab}: versions are contiguous and every commit's rows read back at its version`,
    async () => {
      const o = origin();
      const tabs = [o.tab(), o.tab(), o.tab(), o.tab()];
      const { tableId } = await tabs[0]!.engine.createFromData('t', idRows(0));
      type Done = { version: number; apply: (before: bigint[]) => bigint[] };
      const done: Done[] = [];
      let conflicts = 0;

      await Promise.all(
        tabs.map(async (tab, t) => {
          let seed = 0x9e3779b9 ^ (t + 1);
          const random = () => {
            // mulberry32: a seeded PRNG, so a failing interleaving's operations can be replayed.
            seed = (seed + 0x6d2b79f5) | 0;
            let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
            x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
            return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
          };
          for (let i = 0; i < perTab; i++) {
            // Skew the tabs by a random number of microtask turns. (A timer would not: Node drains the microtasks after
            // each timer callback, so a tab woken by one runs alone and the tabs end up taking turns, never racing.)
            for (let k = Math.floor(random() * 40); k > 0; k--) await Promise.resolve();
            const roll = random();
            const base = (t + 1) * 100_000 + i * 10;
            try {
              if (roll < 0.75) {
                const added = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => base + k);
                const r = await tab.engine.append(tableId, idRows(...added));
                done.push({ version: r.version, apply: (b) => [...b, ...added.map(BigInt)] });
              } else if (roll < 0.88) {
                const r = await tab.engine.overwrite(tableId, idRows(base, base + 1));
                done.push({ version: r.version, apply: () => [BigInt(base), BigInt(base + 1)] });
              } else {
                const cut = BigInt(Math.floor(random() * 500_000));
                const r = await tab.engine.deleteRows(tableId, { predicate: { column: 'id', op: 'lt', value: cut } });
                done.push({ version: r.version, apply: (b) => b.filter((id) => id >= cut) });
              }
            } catch (e) {
              if (!(e instanceof ConflictError)) throw e;
              conflicts++;
            }
          }
        }),
      );

      done.sort((x, y) => x.version - y.version);
      expect(done.map((d) => d.version)).toEqual(done.map((_, i) => i + 1));
      expect((await o.catalog.getTable(tableId))!.head).toBe(done.length);
      expect(done.length + conflicts).toBe(4 * perTab);
      // The tabs really raced: some overwrites or deletes lost to a commit that landed first.
      expect(conflicts).toBeGreaterThan(0);
      const reader = o.tab();
      let model = [0n];
      for (const d of done) {
        model = d.apply(model);
        expect(ids(await readRows(reader.engine, tableId, { version: d.version })), `version ${d.version}`).toEqual(
          model,
        );
      }
      expect((await reader.engine.verify()).ok).toBe(true);
      expect(await o.catalog.listStaging()).toEqual([]);
    },
    60_000 + perTab * 100,
  );
});

describe('8: the tab holding the write lock closes mid-commit', () => {
  it('its transaction never lands, the lock is released, another tab proceeds', async () => {
    const o = origin();
    const inTransaction = gate();
    // Tab A's commit transaction starts and never completes: the tab dies inside it (IndexedDB then aborts it).
    const stuck: Catalog = Object.assign(Object.create(o.catalog) as Catalog, {
      apply: (batch: Parameters<Catalog['apply']>[0]) => {
        if (!batch.versions?.length) return o.catalog.apply(batch);
        inTransaction.open();
        return new Promise<void>(() => undefined);
      },
    });
    const setup = o.tab();
    const { tableId } = await setup.engine.createFromData('t', idRows(1));
    const a = o.tab({ catalog: stuck });
    const b = o.tab();
    const dying = a.engine.append(tableId, idRows(2));
    dying.catch(() => undefined);
    await inTransaction.promise;
    expect(await o.locks.heldNames()).toContain(`strata:write:${tableId}`);
    const waiting = b.engine.append(tableId, idRows(3));
    expect(await state(waiting)).toBe('pending');
    await a.locks.close();
    expect((await waiting).version).toBe(1);
    expect(ids(await readRows(b.engine, tableId))).toEqual([1n, 3n]);
    // The dead tab's staged files are reported and reclaimed at the next start.
    const report = await o.tab().engine.open();
    expect(report.incompleteImports).toHaveLength(1);
    expect((await b.engine.verify()).ok).toBe(true);
    expect(await o.blobs.list()).toHaveLength(2);
  });
});

describe('9: GC in one tab while another reads an old version or stages an import', () => {
  it('a read of an old version in progress keeps its files until it finishes', async () => {
    const o = origin();
    const reading = gate();
    const release = gate();
    const slowBlobs: BlobStore = Object.assign(Object.create(o.blobs) as BlobStore, {
      read: async (id: string) => {
        reading.open();
        await release.promise;
        return o.blobs.read(id);
      },
    });
    const a = o.tab();
    const b = o.tab({ blobs: slowBlobs });
    const { tableId } = await a.engine.createFromData('t', idRows(1, 2));
    const old = await a.engine.filesOfVersion(tableId, 0);
    await a.engine.overwrite(tableId, idRows(9));

    const read = b.engine.readAll(tableId, { version: 0 });
    await reading.promise;
    const expiry = a.engine.expire({ tableId, keepLast: 1 });
    expect(await state(expiry)).toBe('pending');
    for (const f of old) expect(await o.blobs.size(f)).toBeDefined();
    release.open();
    expect(ids(toRows(await read))).toEqual([1n, 2n]);
    const report = await expiry;
    expect(report.versions.map((v) => v.version)).toEqual([0]);
    for (const f of old) expect(await o.blobs.size(f)).toBeUndefined();
    await expect(b.engine.readAll(tableId, { version: 0 })).rejects.toMatchObject({ code: 'EXPIRED' });
  });

  it("a staged import's files survive GC while its tab holds the lock, and then commit", async () => {
    const o = origin();
    const [a, b] = [o.tab(), o.tab()];
    const { tableId } = await a.engine.createFromData('t', idRows(1));
    await a.engine.overwrite(tableId, idRows(2));
    const reached = gate();
    const go = gate();
    const importing = b.engine.append(tableId, held(idRows(3, 4), reached.open, go.promise, idRows(5)), {
      schema: SCHEMA,
    });
    await reached.promise;
    const staged = (await o.catalog.listStaging()).flatMap((s) => s.files);
    expect(staged.length).toBeGreaterThan(0);
    const gc = await a.engine.expire({ tableId, keepLast: 1 });
    expect(gc.versions).toHaveLength(1);
    expect((await a.engine.gc()).abandonedImports).toBe(0);
    for (const f of staged) expect(await o.blobs.size(f)).toBeDefined();
    go.open();
    expect((await importing).version).toBe(2);
    expect(ids(await readRows(a.engine, tableId))).toEqual([2n, 3n, 4n, 5n]);
    expect((await a.engine.verify()).ok).toBe(true);
  });
});

describe('10: quota exhausted', () => {
  it('during a data write: QUOTA_EXCEEDED saying how much did not fit; nothing changed', async () => {
    const o = origin(4000);
    const a = o.tab({}, 1000);
    const { tableId } = await a.engine.createFromData('t', idRows(1));
    const before = await dump(o.blobs, o.catalog);
    const big = rows(
      S,
      Array.from({ length: 400 }, (_, i) => [BigInt(i), 'x'.repeat(20)]),
    );
    const error = await a.engine.append(tableId, big).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { neededBytes: expect.any(Number) as unknown } });
    const needed = (error as StrataError).details.neededBytes as number;
    expect(needed).toBeGreaterThan(4000 - o.blobs.usedBytes);
    expect((error as Error).message).toBe(
      `Not enough storage to save the new version of "t": the browser refused to store ${(needed / 1024).toFixed(1)} KB more. Nothing was changed; free space (expire old versions or delete tables) or let the site use more storage, then try again.`,
    );
    expect(await dump(o.blobs, o.catalog)).toEqual(before);
  });

  it('during the head transaction: QUOTA_EXCEEDED with the bytes needed; nothing changed', async () => {
    const o = origin();
    const full: Catalog = Object.assign(Object.create(o.catalog) as Catalog, {
      apply: (batch: Parameters<Catalog['apply']>[0]) =>
        batch.versions?.length
          ? // What IdbCatalog throws when IndexedDB aborts the transaction with QuotaExceededError.
            Promise.reject(
              new StrataError('QUOTA_EXCEEDED', 'Not enough storage to save the catalog changes', {
                neededBytes: 2345,
              }),
            )
          : o.catalog.apply(batch),
    });
    const { tableId } = await o.tab().engine.createFromData('t', idRows(1));
    const before = await dump(o.blobs, o.catalog);
    const error = await o
      .tab({ catalog: full })
      .engine.append(tableId, idRows(2, 3))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { neededBytes: 2345 } });
    expect((error as Error).message).toMatch(/refused to store 2\.3 KB more\. Nothing was changed/);
    expect(await dump(o.blobs, o.catalog)).toEqual(before);
    // Once space is available again the same append succeeds.
    expect((await o.tab().engine.append(tableId, idRows(2, 3))).version).toBe(1);
  });
});

// ---- security -------------------------------------------------------------------------------------------------

describe('security: formula-safe CSV export (OWASP)', () => {
  it('prefixes text starting with =, +, -, @, tab or CR with an apostrophe; other text is unchanged', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=b', ' =x', '', "'=x"].map(formulaSafe)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'a=b',
      ' =x',
      '',
      "'=x",
    ]);
  });

  it('numbers, negative ones included, are exported unchanged; text cells and headers are made safe', () => {
    const table = rows('n:int64,x:float64,s:string?,=cmd:string?', [
      [-5n, -1.5, '=HYPERLINK("http://evil")', 'ok'],
      [7n, 2, '-3', '@me'],
      [0n, -0.25, '\r=1', null],
    ]);
    expect(tableToCsv(table)).toBe(
      ["n,x,s,'=cmd", `-5,-1.5,"'=HYPERLINK(""http://evil"")",ok`, "7,2,'-3,'@me", `0,-0.25,"'\r=1",`, ''].join('\r\n'),
    );
    expect(formatCell('int64', -12n)).toBe('-12');
    expect(formatCell('float64', -3.5)).toBe('-3.5');
  });
});

describe('security: column names __proto__, constructor, toString', () => {
  it('import, read and export them like any other name, without touching Object.prototype', async () => {
    const o = origin();
    const a = o.tab();
    const text = '__proto__,constructor,toString,hasOwnProperty\n1,a,=x,true\n-2,b,y,false\n';
    const source = new Blob([text]);
    const preview = await sniffCsv(source);
    const schema = { fields: preview.columns.map(({ name, type, nullable }) => ({ name, type, nullable })) };
    expect(schema.fields.map((f) => f.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    const info = await importCsv(a.engine, {
      source,
      fileName: 'proto.csv',
      tableName: 'proto',
      mode: 'create',
      schema,
    });
    const table = await a.engine.readAll(info.tableId);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(toRows(table)).toEqual([
      [1n, 'a', '=x', true],
      [-2n, 'b', 'y', false],
    ]);
    const sorted = await a.engine.read(info.tableId, undefined, {
      columns: ['constructor', '__proto__'],
      sort: [{ column: '__proto__', descending: true }],
      filter: { column: 'toString', op: 'ne', value: 'nothing' },
    });
    expect(toRows(sorted.table)).toEqual([
      ['a', 1n],
      ['b', -2n],
    ]);
    expect(tableToCsv(table)).toBe("__proto__,constructor,toString,hasOwnProperty\r\n1,a,'=x,true\r\n-2,b,y,false\r\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(isStrataError(await a.engine.append(info.tableId, table).catch((e: unknown) => e))).toBe(false);
  });
});
