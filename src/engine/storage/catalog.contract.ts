/**
 * The behaviour every {@link Catalog} must have, as a suite run against each backend (memory, fake-indexeddb in Node,
 * real IndexedDB in Chromium).
 */
import { describe, expect, it } from 'vitest';
import { StrataError } from '../errors';
import type { CatalogMeta, FileRecord, StagingRecord, TableRecord, TagRecord, VersionRecord } from '../model/records';
import { HeadMovedError, type Catalog, type CatalogBatch } from './ports';

// ---- Fixtures: complete records, with nested arrays and optional fields, so deep equality means something. ----

export function metaRecord(storeId = 'store-1'): CatalogMeta {
  return { key: 'meta', format: 1, createdAt: 1_700_000_000_000, storeId };
}

export function tableRecord(id: string, name: string, head = 0): TableRecord {
  return {
    id,
    name,
    createdAt: 1000,
    head,
    schema: {
      fields: [
        { name: 'id', type: 'int64', nullable: false },
        { name: 'label', type: 'string', nullable: true },
      ],
    },
  };
}

export function versionRecord(tableId: string, version: number, committedAt: number): VersionRecord {
  return {
    tableId,
    version,
    id: `${tableId}-v${version}`,
    parent: version === 0 ? null : version - 1,
    committedAt,
    operation: version === 0 ? 'create' : 'append',
    summary: {
      rowsAdded: 10,
      rowsRemoved: 0,
      totalRows: 10 * (version + 1),
      filesAdded: 1,
      filesRemoved: 0,
      bytesAdded: 99,
    },
    schema: { fields: [{ name: 'id', type: 'int64', nullable: false }] },
    message: `commit ${version}`,
    delta: {
      removed: [],
      inserted: [
        {
          after: version === 0 ? null : `r${version - 1}`,
          refs: [{ ref: `r${version}`, file: `f${version}`, offset: 0, length: 10, deletedCount: 0, patchedCount: 0 }],
        },
      ],
    },
    checkpoint:
      version % 4 === 0
        ? [
            {
              ref: `r${version}`,
              file: `f${version}`,
              offset: 0,
              length: 10,
              deletes: 'd1',
              deletedCount: 2,
              patchedCount: 0,
            },
          ]
        : undefined,
    checkpointAt: version - (version % 4),
  };
}

export function fileRecord(id: string, tableId: string): FileRecord {
  return {
    id,
    tableId,
    kind: 'data',
    bytes: 1234,
    checksum: 0xdeadbeef,
    rows: 10,
    createdAt: 2000,
    spans: [
      [0, 3],
      [5, null],
    ],
  };
}

export function tagRecord(name: string): TagRecord {
  return { name, createdAt: 3000, entries: [{ tableId: 't1', version: 2 }], message: 'release' };
}

export function stagingRecord(id: string): StagingRecord {
  return {
    id,
    lockName: `strata:import:${id}`,
    tableId: 't1',
    tableName: 'sales',
    files: ['s1', 's2'],
    startedAt: 4000,
    description: 'import sales.csv',
  };
}

/** Everything in the catalog, to compare whole states. */
async function snapshot(catalog: Catalog): Promise<unknown> {
  const tables = await catalog.listTables();
  return {
    meta: await catalog.getMeta(),
    tables,
    versions: await Promise.all(tables.map((t) => catalog.listVersions(t.id, 0, Number.MAX_SAFE_INTEGER))),
    files: await catalog.listFiles(),
    tags: await catalog.listTags(),
    staging: await catalog.listStaging(),
  };
}

/** A catalog with something in every store: tables t1 ('sales', head 2) and t2 ('costs', head 0). */
async function populate(catalog: Catalog): Promise<void> {
  await catalog.apply({
    meta: metaRecord(),
    tables: [tableRecord('t1', 'sales', 2), tableRecord('t2', 'costs', 0)],
    versions: [
      versionRecord('t1', 0, 100),
      versionRecord('t1', 1, 200),
      versionRecord('t1', 2, 300),
      versionRecord('t2', 0, 150),
    ],
    files: [fileRecord('f0', 't1'), fileRecord('f1', 't1'), fileRecord('g0', 't2')],
    tags: [tagRecord('v1')],
    staging: [stagingRecord('s1')],
  });
}

/** A batch that changes every store (puts and deletes), for atomicity checks. */
function everythingBatch(): CatalogBatch {
  return {
    meta: metaRecord('changed'),
    tables: [tableRecord('t1', 'sales', 3), tableRecord('t3', 'new', -1)],
    deleteTables: ['t2'],
    versions: [versionRecord('t1', 3, 400)],
    deleteVersions: [['t2', 0]],
    files: [fileRecord('f3', 't1')],
    deleteFiles: ['g0'],
    tags: [tagRecord('v2')],
    deleteTags: ['v1'],
    staging: [stagingRecord('s2')],
    deleteStaging: ['s1'],
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** Registers the Catalog contract for the backend made by `makeCatalog` (a fresh, empty catalog per test). */
export function describeCatalogContract(name: string, makeCatalog: () => Promise<Catalog>): void {
  describe(`Catalog contract: ${name}`, () => {
    describe('stores', () => {
      it('starts empty', async () => {
        const c = await makeCatalog();
        expect(await snapshot(c)).toEqual({
          meta: undefined,
          tables: [],
          versions: [],
          files: [],
          tags: [],
          staging: [],
        });
        expect(await c.getTable('t1')).toBeUndefined();
        expect(await c.getVersion('t1', 0)).toBeUndefined();
        expect(await c.getFile('f1')).toBeUndefined();
        expect(await c.getTag('v1')).toBeUndefined();
        expect(await c.listFiles('t1')).toEqual([]);
        expect(await c.findVersionAt('t1', 1e15)).toBeUndefined();
      });

      it('puts and replaces the meta record', async () => {
        const c = await makeCatalog();
        await c.apply({ meta: metaRecord('a') });
        expect(await c.getMeta()).toStrictEqual(metaRecord('a'));
        await c.apply({ meta: metaRecord('b') });
        expect(await c.getMeta()).toStrictEqual(metaRecord('b'));
      });

      it('puts, replaces, lists (by id) and deletes tables', async () => {
        const c = await makeCatalog();
        await c.apply({ tables: [tableRecord('tb', 'beta'), tableRecord('ta', 'alpha')] });
        expect(await c.getTable('ta')).toStrictEqual(tableRecord('ta', 'alpha'));
        expect(await c.listTables()).toStrictEqual([tableRecord('ta', 'alpha'), tableRecord('tb', 'beta')]);
        await c.apply({ tables: [tableRecord('ta', 'alpha2', 5)] });
        expect(await c.getTable('ta')).toStrictEqual(tableRecord('ta', 'alpha2', 5));
        await c.apply({ deleteTables: ['ta', 'absent'] });
        expect(await c.getTable('ta')).toBeUndefined();
        expect(await c.listTables()).toStrictEqual([tableRecord('tb', 'beta')]);
      });

      it('puts, replaces and deletes versions, keyed by (tableId, version)', async () => {
        const c = await makeCatalog();
        await c.apply({ versions: [versionRecord('t1', 0, 100), versionRecord('t2', 0, 100)] });
        expect(await c.getVersion('t1', 0)).toStrictEqual(versionRecord('t1', 0, 100));
        expect(await c.getVersion('t2', 0)).toStrictEqual(versionRecord('t2', 0, 100));
        expect(await c.getVersion('t1', 1)).toBeUndefined();
        const expired = { ...versionRecord('t1', 0, 100), expiredAt: 5000 };
        await c.apply({ versions: [expired] });
        expect(await c.getVersion('t1', 0)).toStrictEqual(expired);
        expect(await c.listVersions('t1', 0, 10)).toStrictEqual([expired]);
        await c.apply({
          deleteVersions: [
            ['t1', 0],
            ['t1', 9],
          ],
        });
        expect(await c.getVersion('t1', 0)).toBeUndefined();
        expect(await c.getVersion('t2', 0)).toStrictEqual(versionRecord('t2', 0, 100));
      });

      it('puts, lists (all, by table) and deletes files', async () => {
        const c = await makeCatalog();
        await c.apply({ files: [fileRecord('fb', 't1'), fileRecord('fa', 't2'), fileRecord('fc', 't1')] });
        expect(await c.getFile('fb')).toStrictEqual(fileRecord('fb', 't1'));
        expect((await c.listFiles()).map((f) => f.id)).toEqual(['fa', 'fb', 'fc']);
        expect(await c.listFiles('t1')).toStrictEqual([fileRecord('fb', 't1'), fileRecord('fc', 't1')]);
        expect(await c.listFiles('t3')).toEqual([]);
        const moved = { ...fileRecord('fb', 't1'), spans: [[0, 7]] as const };
        await c.apply({ files: [moved], deleteFiles: ['fc', 'absent'] });
        expect(await c.getFile('fb')).toStrictEqual(moved);
        expect(await c.listFiles('t1')).toStrictEqual([moved]);
      });

      it('puts, lists (by name) and deletes tags', async () => {
        const c = await makeCatalog();
        await c.apply({ tags: [tagRecord('v2'), tagRecord('v1')] });
        expect(await c.getTag('v1')).toStrictEqual(tagRecord('v1'));
        expect((await c.listTags()).map((t) => t.name)).toEqual(['v1', 'v2']);
        await c.apply({ deleteTags: ['v1', 'absent'] });
        expect(await c.getTag('v1')).toBeUndefined();
        expect(await c.listTags()).toStrictEqual([tagRecord('v2')]);
      });

      it('puts, lists (by id) and deletes staging records', async () => {
        const c = await makeCatalog();
        await c.apply({ staging: [stagingRecord('s2'), stagingRecord('s1')] });
        expect(await c.listStaging()).toStrictEqual([stagingRecord('s1'), stagingRecord('s2')]);
        await c.apply({ deleteStaging: ['s1', 'absent'] });
        expect(await c.listStaging()).toStrictEqual([stagingRecord('s2')]);
      });

      it('applies a batch touching every store at once', async () => {
        const c = await makeCatalog();
        await populate(c);
        await c.apply(everythingBatch());
        expect(await c.getMeta()).toStrictEqual(metaRecord('changed'));
        expect((await c.listTables()).map((t) => [t.id, t.head])).toEqual([
          ['t1', 3],
          ['t3', -1],
        ]);
        expect((await c.listVersions('t1', 0, 99)).map((v) => v.version)).toEqual([0, 1, 2, 3]);
        expect(await c.listVersions('t2', 0, 99)).toEqual([]);
        expect((await c.listFiles()).map((f) => f.id)).toEqual(['f0', 'f1', 'f3']);
        expect((await c.listTags()).map((t) => t.name)).toEqual(['v2']);
        expect((await c.listStaging()).map((s) => s.id)).toEqual(['s2']);
      });

      it('applies puts before deletes: a key both put and deleted in one batch ends up deleted', async () => {
        const c = await makeCatalog();
        await c.apply({ tags: [tagRecord('x')], deleteTags: ['x'], files: [fileRecord('f', 't')], deleteFiles: ['f'] });
        expect(await c.getTag('x')).toBeUndefined();
        expect(await c.getFile('f')).toBeUndefined();
      });

      it('accepts an empty batch', async () => {
        const c = await makeCatalog();
        await populate(c);
        const before = await snapshot(c);
        await c.apply({});
        expect(await snapshot(c)).toEqual(before);
      });
    });

    describe('copies', () => {
      it('returns records deeply equal to what was put', async () => {
        const c = await makeCatalog();
        await populate(c);
        expect(await c.getVersion('t1', 0)).toStrictEqual(versionRecord('t1', 0, 100));
        expect(await c.getVersion('t1', 1)).toStrictEqual(versionRecord('t1', 1, 200));
        expect(await c.getFile('f1')).toStrictEqual(fileRecord('f1', 't1'));
        expect(await c.getTag('v1')).toStrictEqual(tagRecord('v1'));
        expect(await c.listStaging()).toStrictEqual([stagingRecord('s1')]);
      });

      it('is not affected by mutating a put record afterwards', async () => {
        const c = await makeCatalog();
        const v = versionRecord('t1', 0, 100) as { -readonly [K in keyof VersionRecord]: VersionRecord[K] };
        const f = fileRecord('f1', 't1');
        await c.apply({ versions: [v], files: [f] });
        v.message = 'mutated';
        (v.delta.removed as string[]).push('evil');
        (f.spans as [number, number | null][]).push([9, 9]);
        expect(await c.getVersion('t1', 0)).toStrictEqual(versionRecord('t1', 0, 100));
        expect(await c.getFile('f1')).toStrictEqual(fileRecord('f1', 't1'));
      });

      it('returns copies: mutating a returned record does not change the catalog', async () => {
        const c = await makeCatalog();
        await populate(c);
        const t = (await c.getTable('t1')) as { head: number };
        t.head = 99;
        const listed = await c.listFiles('t1');
        (listed[0]?.spans as [number, number | null][]).length = 0;
        listed.length = 0;
        const tag = await c.getTag('v1');
        const entry = tag?.entries[0] as { version: number } | undefined;
        if (entry) entry.version = 77;
        expect((await c.getTable('t1'))?.head).toBe(2);
        expect(await c.listFiles('t1')).toStrictEqual([fileRecord('f0', 't1'), fileRecord('f1', 't1')]);
        expect(await c.getTag('v1')).toStrictEqual(tagRecord('v1'));
      });
    });

    describe('apply expectations', () => {
      it('applies a batch whose expected heads match', async () => {
        const c = await makeCatalog();
        await populate(c);
        await c.apply({
          expect: [
            { tableId: 't1', head: 2 },
            { tableId: 't2', head: 0 },
          ],
          tables: [tableRecord('t1', 'sales', 3)],
        });
        expect((await c.getTable('t1'))?.head).toBe(3);
      });

      it('accepts head -1 for a table created without a version', async () => {
        const c = await makeCatalog();
        await c.apply({ tables: [tableRecord('t9', 'empty', -1)] });
        await c.apply({ expect: [{ tableId: 't9', head: -1 }], tables: [tableRecord('t9', 'empty', 0)] });
        expect((await c.getTable('t9'))?.head).toBe(0);
      });

      it('applies nothing, in any store, when an expected head moved; HeadMovedError has the heads', async () => {
        const c = await makeCatalog();
        await populate(c);
        const before = await snapshot(c);
        // The failing expectation comes last, after a passing one: every check precedes every write.
        const e = await rejection(
          c.apply({
            ...everythingBatch(),
            expect: [
              { tableId: 't2', head: 0 },
              { tableId: 't1', head: 1 },
            ],
          }),
        );
        expect(e).toBeInstanceOf(HeadMovedError);
        expect(e).toMatchObject({ name: 'HeadMovedError', tableId: 't1', expected: 1, actual: 2 });
        expect(await snapshot(c)).toEqual(before);
      });

      it('fails with actual undefined when the expected table does not exist', async () => {
        const c = await makeCatalog();
        await populate(c);
        const before = await snapshot(c);
        const e = await rejection(c.apply({ expect: [{ tableId: 'gone', head: 0 }], tags: [tagRecord('x')] }));
        expect(e).toBeInstanceOf(HeadMovedError);
        expect(e).toMatchObject({ tableId: 'gone', expected: 0, actual: undefined });
        expect(await snapshot(c)).toEqual(before);
      });

      it('checks expectNameFree against the tables in the catalog', async () => {
        const c = await makeCatalog();
        await populate(c);
        await c.apply({ expectNameFree: [{ name: 'fresh' }], tables: [tableRecord('t3', 'fresh')] });
        expect((await c.getTable('t3'))?.name).toBe('fresh');
        // Names compare exactly.
        await c.apply({ expectNameFree: [{ name: 'Sales' }, { name: 'sales ' }] });
      });

      it('fails with TABLE_EXISTS and applies nothing when another table has the name', async () => {
        const c = await makeCatalog();
        await populate(c);
        const before = await snapshot(c);
        const e = await rejection(
          c.apply({ ...everythingBatch(), expect: [{ tableId: 't1', head: 2 }], expectNameFree: [{ name: 'costs' }] }),
        );
        expect(e).toBeInstanceOf(StrataError);
        expect(e).toMatchObject({ code: 'TABLE_EXISTS', details: { name: 'costs', tableId: 't2' } });
        expect(await snapshot(c)).toEqual(before);
      });

      it('lets a table keep its own name with exceptTableId, but not take another table’s', async () => {
        const c = await makeCatalog();
        await populate(c);
        await c.apply({
          expectNameFree: [{ name: 'sales', exceptTableId: 't1' }],
          tables: [tableRecord('t1', 'sales', 2)],
        });
        const e = await rejection(c.apply({ expectNameFree: [{ name: 'sales', exceptTableId: 't2' }] }));
        expect(e).toMatchObject({ code: 'TABLE_EXISTS' });
      });

      it('frees the name of a deleted table', async () => {
        const c = await makeCatalog();
        await populate(c);
        await c.apply({ deleteTables: ['t2'] });
        await c.apply({ expectNameFree: [{ name: 'costs' }], tables: [tableRecord('t4', 'costs')] });
        expect((await c.getTable('t4'))?.name).toBe('costs');
      });

      it('checks against the state before the batch, not the batch’s own puts', async () => {
        const c = await makeCatalog();
        // The name is free before the batch, even though the batch itself puts a table with it.
        await c.apply({ expectNameFree: [{ name: 'n' }], tables: [tableRecord('a', 'n')] });
        expect((await rejection(c.apply({ expectNameFree: [{ name: 'n' }] }))) as StrataError).toMatchObject({
          code: 'TABLE_EXISTS',
        });
      });
    });

    describe('versions by number and time', () => {
      it('lists versions from ≤ version ≤ to, ascending, of one table only', async () => {
        const c = await makeCatalog();
        // Put out of order and interleaved with another table.
        const batch = [7, 2, 0, 9, 4, 1, 8, 3, 6, 5].flatMap((v) => [
          versionRecord('t1', v, 1000 + v * 10),
          versionRecord('t2', v, 1005 + v * 10),
        ]);
        await c.apply({ versions: batch });
        const numbers = async (from: number, to: number): Promise<number[]> =>
          (await c.listVersions('t1', from, to)).map((v) => {
            expect(v.tableId).toBe('t1');
            return v.version;
          });
        expect(await numbers(3, 6)).toEqual([3, 4, 5, 6]);
        expect(await numbers(0, 0)).toEqual([0]);
        expect(await numbers(9, 9)).toEqual([9]);
        expect(await numbers(8, 100)).toEqual([8, 9]);
        expect(await numbers(-5, 1)).toEqual([0, 1]);
        expect(await numbers(0, Number.MAX_SAFE_INTEGER)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await numbers(6, 3)).toEqual([]);
        expect(await numbers(10, 20)).toEqual([]);
        expect(await c.listVersions('t3', 0, 9)).toEqual([]);
        await c.apply({ deleteVersions: [['t1', 4]] });
        expect(await numbers(3, 6)).toEqual([3, 5, 6]);
      });

      it('finds the version with the greatest committedAt ≤ time, per table', async () => {
        const c = await makeCatalog();
        // Two tables with interleaved commit times, put out of order across batches.
        await c.apply({ versions: [versionRecord('a', 2, 300), versionRecord('b', 0, 150)] });
        await c.apply({
          versions: [versionRecord('a', 0, 100), versionRecord('b', 2, 350), versionRecord('a', 1, 200)],
        });
        await c.apply({ versions: [versionRecord('b', 1, 250)] });
        const at = async (table: string, time: number): Promise<number | undefined> =>
          (await c.findVersionAt(table, time))?.version;
        expect(await at('a', 99)).toBeUndefined(); // before the first
        expect(await at('a', 100)).toBe(0); // exact hit is inclusive
        expect(await at('a', 149)).toBe(0);
        expect(await at('a', 199.5)).toBe(0); // between
        expect(await at('a', 200)).toBe(1);
        expect(await at('a', 250)).toBe(1); // b's commit at 250 does not count for a
        expect(await at('a', 300)).toBe(2);
        expect(await at('a', 1e15)).toBe(2); // after the last
        expect(await at('a', Number.POSITIVE_INFINITY)).toBe(2);
        expect(await at('a', Number.NEGATIVE_INFINITY)).toBeUndefined();
        expect(await at('b', 149)).toBeUndefined();
        expect(await at('b', 200)).toBe(0);
        expect(await at('b', 250)).toBe(1);
        expect(await at('b', 349)).toBe(1);
        expect(await at('b', 350)).toBe(2);
        expect(await at('c', 1000)).toBeUndefined();
        expect(await c.findVersionAt('a', 250)).toStrictEqual(versionRecord('a', 1, 200));
      });

      it('finds versions among many (deep search) and after deletes and replacements', async () => {
        const c = await makeCatalog();
        const versions = Array.from({ length: 300 }, (_, v) => versionRecord('t', v, 10_000 + v * 7));
        await c.apply({ versions });
        for (const v of [0, 1, 150, 298, 299]) {
          expect((await c.findVersionAt('t', 10_000 + v * 7 + 3))?.version).toBe(v);
        }
        await c.apply({ deleteVersions: [['t', 150]] });
        expect((await c.findVersionAt('t', 10_000 + 150 * 7 + 3))?.version).toBe(149);
        const expired = { ...versionRecord('t', 149, 10_000 + 149 * 7), expiredAt: 1 };
        await c.apply({ versions: [expired] });
        expect(await c.findVersionAt('t', 10_000 + 150 * 7)).toStrictEqual(expired);
        expect(await c.listVersions('t', 148, 151)).toHaveLength(3);
      });

      it('rejects a NaN time with INVALID_ARGUMENT', async () => {
        const c = await makeCatalog();
        await c.apply({ versions: [versionRecord('t', 0, 1)] });
        expect(await rejection(c.findVersionAt('t', Number.NaN))).toMatchObject({ code: 'INVALID_ARGUMENT' });
      });
    });

    it('rejects calls after close with STORAGE_UNAVAILABLE', async () => {
      const c = await makeCatalog();
      await populate(c);
      c.close();
      expect(await rejection(c.getTable('t1'))).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(await rejection(c.listTables())).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      expect(await rejection(c.apply({ tags: [tagRecord('x')] }))).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    });
  });
}
