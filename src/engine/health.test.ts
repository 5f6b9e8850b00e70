/**
 * The start-up health checks (health.ts) as open() reports them: one side of the site's storage cleared, a file
 * missing, records of an unknown shape. Every case must be reported, crash nothing, and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { isStrataError } from './errors';
import { tableRecordProblem, versionRecordProblem } from './health';
import type { TableRecord, VersionRecord } from './model/records';
import { MemoryBlobStore } from './storage/memory-blob-store';
import { MemoryCatalog } from './storage/memory-catalog';
import { createMemoryStorage } from './storage/memory';
import type { Catalog, EngineStorage } from './storage/ports';
import { readRows, rows } from './testing/fixtures';

const S = 'id:int64,name:string?';

/** A store with table "t" at v0..v2 (one data file per version) and table "u" at v0. */
async function store() {
  const storage = createMemoryStorage();
  const engine = new StrataEngine(storage);
  await engine.open();
  const { tableId } = await engine.createFromData('t', rows(S, [[1n, 'a']]));
  await engine.append(tableId, rows(S, [[2n, 'b']]));
  await engine.append(tableId, rows(S, [[3n, 'c']]));
  const u = await engine.createFromData('u', rows(S, [[9n, 'z']]));
  return { storage, engine, tableId, otherId: u.tableId };
}

/** Everything stored, for "nothing was changed" checks. */
async function dump(storage: EngineStorage) {
  const { catalog, blobs } = storage;
  const tables = await catalog.listTables();
  const versions = [];
  for (const t of tables) versions.push(await catalog.listVersions(t.id, 0, Number.MAX_SAFE_INTEGER));
  const files = [];
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

async function newFileOf(engine: StrataEngine, tableId: string, version: number): Promise<string> {
  const before = version > 0 ? await engine.filesOfVersion(tableId, version - 1) : new Set<string>();
  const added = [...(await engine.filesOfVersion(tableId, version))].filter((f) => !before.has(f));
  expect(added).toHaveLength(1);
  return added[0]!;
}

describe('health checks at open()', () => {
  it('a healthy store opens with no warnings', async () => {
    const { storage } = await store();
    expect(await new StrataEngine(storage).open()).toEqual({ incompleteImports: [], warnings: [] });
  });

  it('data files cleared (OPFS wiped, catalog kept): says so, names the tables, changes nothing', async () => {
    const { storage } = await store();
    const wiped: EngineStorage = { ...storage, blobs: new MemoryBlobStore() };
    const before = await dump(wiped);
    const engine = new StrataEngine(wiped);
    const { warnings } = await engine.open();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/data files were cleared/);
    expect(warnings[0]).toMatch(/"t", "u"/);
    expect(warnings[0]).toMatch(/not a fresh start/);
    // The tables are still listed, reading one fails clearly, and a second start says the same (no crash loop).
    expect((await engine.listTables()).map((t) => t.name).sort()).toEqual(['t', 'u']);
    const t = (await engine.tableByName('t'))!;
    await expect(engine.readAll(t.id)).rejects.toMatchObject({
      code: 'MISSING_FILE',
      message: expect.stringMatching(/^Version 2 of t cannot be read: File \S+ is missing/) as unknown,
    });
    expect((await new StrataEngine(wiped).open()).warnings).toEqual(warnings);
    expect(await dump(wiped)).toEqual(before);
  });

  it('one data file missing: names the table and the versions it breaks; other versions read', async () => {
    const { storage, engine, tableId } = await store();
    const lost = await newFileOf(engine, tableId, 1);
    await storage.blobs.delete(lost);
    const before = await dump(storage);
    const fresh = new StrataEngine(storage);
    expect((await fresh.open()).warnings).toEqual([
      '1 data file of "t" is missing: versions 1 and 2 cannot be read (the other versions can). Nothing was changed.',
    ]);
    expect(await readRows(fresh, tableId, { version: 0 })).toEqual([[1n, 'a']]);
    await expect(fresh.readAll(tableId, { version: 1 })).rejects.toMatchObject({ code: 'MISSING_FILE' });
    expect(await dump(storage)).toEqual(before);
  });

  it('a missing file only expired versions used is garbage, not damage', async () => {
    const { storage, engine, tableId } = await store();
    const onlyOld = await newFileOf(engine, tableId, 1);
    await engine.overwrite(tableId, rows(S, [[7n, 'o']]));
    // Expire v0..v2 in the catalog only (no GC), then lose a file only they used.
    const old = await storage.catalog.listVersions(tableId, 0, 2);
    await storage.catalog.apply({ versions: old.map((v) => ({ ...v, expiredAt: 1 })) });
    await storage.blobs.delete(onlyOld);
    expect((await new StrataEngine(storage).open()).warnings).toEqual([]);
  });

  it('catalog cleared (IndexedDB wiped, data files kept): says so, deletes nothing', async () => {
    const { storage } = await store();
    const wiped: EngineStorage = { ...storage, catalog: new MemoryCatalog() };
    const files = await storage.blobs.list();
    const engine = new StrataEngine(wiped);
    const { warnings } = await engine.open();
    expect(warnings).toEqual([expect.stringMatching(/catalog was cleared .* 4 data files .* not a fresh start/)]);
    expect(await engine.listTables()).toEqual([]);
    expect(await storage.blobs.list()).toEqual(files);
    // Still said at the next start (the warning does not vanish once the format record exists).
    expect((await new StrataEngine(wiped).open()).warnings).toEqual(warnings);
  });

  it('files of an import running in another tab are not mistaken for a cleared catalog', async () => {
    const storage = createMemoryStorage();
    const engine = new StrataEngine(storage);
    await engine.open();
    const table = await engine.createTable('t', { fields: [] });
    let release!: () => void;
    let staged!: () => void;
    const stagedNow = new Promise<void>((r) => (staged = r));
    const running = engine.stage(table.id, 'import big.csv', async (stager) => {
      await stager.writeData(rows(S, [[1n, 'a']]));
      staged();
      await new Promise<void>((r) => (release = r));
    });
    await stagedNow;
    await storage.catalog.apply({ deleteTables: [table.id] });
    expect((await new StrataEngine(storage).open()).warnings).toEqual([]);
    release();
    await running;
  });

  it('a file record GC removes between the listing and the check is not reported', async () => {
    const { storage, engine, tableId } = await store();
    const lost = await newFileOf(engine, tableId, 2);
    await storage.blobs.delete(lost);
    // The listing still shows the record, but by the time the check holds the read lock GC has removed it.
    const stale: Catalog = Object.assign(Object.create(storage.catalog) as Catalog, {
      getFile: async (id: string) => (id === lost ? undefined : storage.catalog.getFile(id)),
    });
    expect((await new StrataEngine({ ...storage, catalog: stale }).open()).warnings).toEqual([]);
  });

  it('a table record of a foreign shape is reported and hidden, never rewritten', async () => {
    const { storage } = await store();
    const foreign = { id: 'zz-foreign', title: 'from another app' } as unknown as TableRecord;
    await storage.catalog.apply({ tables: [foreign] });
    const before = await dump(storage);
    const engine = new StrataEngine(storage);
    const { warnings } = await engine.open();
    expect(warnings).toEqual([
      'The table record "zz-foreign" cannot be shown: it has no name. It was written by something this version of Strata does not know (another app, or a newer Strata: reload to update). It was left as it is.',
    ]);
    expect((await engine.listTables()).map((t) => t.name).sort()).toEqual(['t', 'u']);
    expect(await dump(storage)).toEqual(before);
  });

  it('a head version of a newer shape is reported and its table hidden; other tables work', async () => {
    const { storage, tableId, otherId } = await store();
    const head = (await storage.catalog.getVersion(tableId, 2))!;
    const newer = { ...head, operation: 'merge' } as unknown as VersionRecord;
    await storage.catalog.apply({ versions: [newer] });
    const before = await dump(storage);
    const engine = new StrataEngine(storage);
    const { warnings } = await engine.open();
    expect(warnings).toEqual([
      expect.stringMatching(/^Table "t" cannot be shown: its head version 2: its operation "merge" is unknown\./),
    ]);
    expect((await engine.listTables()).map((t) => t.name)).toEqual(['u']);
    expect(await readRows(engine, otherId)).toEqual([[9n, 'z']]);
    expect(await dump(storage)).toEqual(before);
  });

  it('a newer catalog format is refused with a clear error, and nothing is written', async () => {
    const { storage } = await store();
    const meta = (await storage.catalog.getMeta())!;
    await storage.catalog.apply({ meta: { ...meta, format: meta.format + 1 } });
    const before = await dump(storage);
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await new StrataEngine(storage).open().catch((e: unknown) => e);
      expect(isStrataError(error) && error.code).toBe('FORMAT_TOO_NEW');
      expect((error as Error).message).toMatch(/newer Strata .* nothing was changed/);
    }
    expect(await dump(storage)).toEqual(before);
  });

  it('a check that cannot run is reported, and open() still succeeds', async () => {
    const { storage } = await store();
    const broken: EngineStorage = {
      ...storage,
      blobs: Object.assign(Object.create(storage.blobs) as EngineStorage['blobs'], {
        list: () => Promise.reject(new Error('disk gone')),
      }),
    };
    expect((await new StrataEngine(broken).open()).warnings).toEqual([
      'Strata could not check its storage at start-up (disk gone). Nothing was changed.',
    ]);
  });

  it('shape checks accept what this build writes and name what they reject', async () => {
    const { storage, tableId } = await store();
    const table = (await storage.catalog.getTable(tableId))!;
    expect(tableRecordProblem(table)).toBeUndefined();
    expect(versionRecordProblem(await storage.catalog.getVersion(tableId, 1))).toBeUndefined();
    expect(tableRecordProblem({ ...table, head: 'x' })).toBe('its head is not a version number');
    expect(tableRecordProblem({ ...table, schema: { fields: [{ name: 'a', type: 'decimal', nullable: true }] } })).toBe(
      'its schema has a column this build does not know ({"name":"a","type":"decimal","nullable":true})',
    );
    expect(versionRecordProblem({ operation: 'append' })).toBe('it has no row summary');
    expect(tableRecordProblem(null)).toBe('it is not an object');
  });
});
