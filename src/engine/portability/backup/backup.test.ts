import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StrataEngine } from '../../engine';
import { StrataError } from '../../errors';
import { FaultPlan, faultyBlobStore } from '../../storage/faulty';
import { createMemoryStorage } from '../../storage/memory';
import type { EngineStorage } from '../../storage/ports';
import { readRows, rows } from '../../testing/fixtures';
import { collectingSink, concat, FakeClock, openEngine, snapshotStore, sourceOf, ts } from '../test-support';
import { ZipWriter } from '../zip/write';
import { readZip } from '../zip/read';
import { backupStore } from './backup';
import { restoreBackup } from './restore';

const T = 'id:int64,name:string?,at:timestamp?';

/** A store with history worth backing up: every operation, schema evolution, tags, an expired version. */
async function richStore(storage: EngineStorage = createMemoryStorage()) {
  const clock = new FakeClock(ts('2024-03-01 09:00:00'));
  const engine = await openEngine(storage, clock);
  const a = await engine.createFromData(
    'trades',
    rows(T, [
      [1n, 'a', ts('2024-03-01 08:00:00')],
      [2n, 'b', null],
      [3n, 'c', ts('2024-03-01 08:30:00')],
      [4n, 'd', null],
    ]),
    { message: 'first load' },
  );
  const id = a.tableId;
  clock.set('2024-03-02T09:00:00Z');
  await engine.append(id, rows(T, [[5n, 'e', null]]));
  clock.set('2024-03-03T09:00:00Z');
  await engine.createTag('month-end', { message: 'closing' });
  await engine.upsert(id, rows(T, [[2n, 'B', ts('2024-03-03 10:00:00')]]), { key: ['id'] });
  clock.set('2024-03-04T09:00:00Z');
  await engine.deleteRows(id, { keys: { column: 'id', values: [3n] } });
  await engine.append(id, rows(`${T},qty:float64?`, [[6n, 'f', null, 1.5]]), { allowNewColumns: true });
  await engine.compact(id);
  await engine.restore(id, 1, { message: 'back to v1' });
  const b = await engine.createFromData('prices', rows('day:date,px:float64', [[ts('2024-03-01'), 10.5]]));
  clock.set('2024-03-05T09:00:00Z');
  await engine.overwrite(b.tableId, rows('day:date,px:float64', [[ts('2024-03-02'), 11]]));
  await engine.createTable('empty', { fields: [{ name: 'x', type: 'int64', nullable: true }] });
  await engine.createTag('all-heads');
  clock.set('2024-04-30T09:00:00Z');
  await engine.expire({ tableId: b.tableId, keepLast: 1 }); // prices v0 expired, its file collected
  return { engine, storage, clock, tradesId: id, pricesId: b.tableId };
}

async function backupBytes(engine: StrataEngine): Promise<Uint8Array> {
  const out = collectingSink();
  await backupStore(engine, out.sink);
  return out.bytes();
}

/** SHA-256 of every live version's rows, by "table@version": the content hashes a round trip must keep. */
async function contentHashes(engine: StrataEngine): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await engine.listTables()) {
    for (const v of (await engine.history(t.id)).versions) {
      if (v.expiredAt !== undefined) continue;
      const data = JSON.stringify(await readRows(engine, t.id, { version: v.version }), (_k, x) =>
        typeof x === 'bigint' ? `${x}n` : x,
      );
      out[`${t.name}@${v.version}`] = createHash('sha256').update(data).digest('hex');
    }
  }
  return out;
}

async function storeState(engine: StrataEngine) {
  return {
    snapshot: await snapshotStore(engine),
    blobs: await engine.ctx.storage.blobs.list(),
    staging: await engine.ctx.catalog.listStaging(),
    tables: (await engine.listTables()).map((t) => [t.id, t.name, t.head]),
  };
}

/** Flips one byte in the middle of the archive's copy of a data file. */
function flipInside(archive: Uint8Array, data: Uint8Array): Uint8Array {
  const copy = archive.slice();
  const at = Buffer.from(copy).indexOf(Buffer.from(data));
  if (at < 0) throw new Error('data file not found in archive');
  const i = at + (data.length >> 1);
  copy[i] = copy[i]! ^ 0x20;
  return copy;
}

/** Rewrites an archive's manifest (to prove the manifest's own checks, not only the ZIP CRCs). */
async function withManifest(archive: Uint8Array, edit: (m: Record<string, unknown>) => void): Promise<Uint8Array> {
  const out = collectingSink();
  const zip = new ZipWriter(out.sink);
  for await (const e of readZip(sourceOf(archive).stream(), { label: 'x' })) {
    if (e.name === 'manifest.json') {
      const m = JSON.parse(new TextDecoder().decode(e.bytes)) as Record<string, unknown>;
      edit(m);
      await zip.add(e.name, new TextEncoder().encode(JSON.stringify(m)));
    } else await zip.add(e.name, e.bytes);
  }
  await zip.end();
  return out.bytes();
}

describe('backupStore → restoreBackup', () => {
  it('round-trips a whole store into a fresh one: every version identical (content hashes), ids, times, tags', async () => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const fresh = await openEngine();
    const report = await restoreBackup(fresh, sourceOf(archive), { onClash: 'rename' });
    expect(report.tables.map((t) => [t.name, t.outcome]).sort()).toEqual([
      ['empty', 'restored'],
      ['prices', 'restored'],
      ['trades', 'restored'],
    ]);
    expect(await contentHashes(fresh)).toEqual(await contentHashes(engine));
    expect(await snapshotStore(fresh)).toEqual(await snapshotStore(engine));
    expect(await fresh.listTables()).toEqual(await engine.listTables());
    expect(await fresh.listTags()).toEqual(await engine.listTags());
    const prices = (await fresh.listTables()).find((t) => t.name === 'prices')!;
    const history = (await fresh.history(prices.id)).versions;
    expect(history.map((v) => [v.version, v.expiredAt !== undefined])).toEqual([
      [1, false],
      [0, true],
    ]);
    expect((await fresh.verify()).ok).toBe(true);
    expect(await fresh.ctx.storage.blobs.list()).toEqual(await engine.ctx.storage.blobs.list());
    expect(await fresh.gc()).toMatchObject({ filesDeleted: 0 });
  });

  it('restored tables keep working: writes, time travel by time and tag, retention', async () => {
    const { engine, tradesId } = await richStore();
    const fresh = await openEngine();
    await restoreBackup(fresh, sourceOf(await backupBytes(engine)), { onClash: 'rename' });
    await fresh.append(tradesId, rows(T, [[9n, 'z', null]]));
    expect((await readRows(fresh, tradesId)).at(-1)).toEqual([9n, 'z', null]);
    const at = await fresh.resolve(tradesId, { time: ts('2024-03-02 12:00:00') });
    expect(at.version).toBe(1);
    expect(await readRows(fresh, tradesId, { tag: 'month-end' })).toEqual(
      await readRows(engine, tradesId, { tag: 'month-end' }),
    );
  });

  it('merges into a store with a clashing name: rename gives "name (restored)", then "(restored 2)"', async () => {
    const { engine, tradesId } = await richStore();
    const archive = await backupBytes(engine);
    const target = await openEngine();
    const mine = await target.createFromData('trades', rows('x:int64', [[42n]]));
    await target.createTag('month-end');
    const first = await restoreBackup(target, sourceOf(archive), { onClash: 'rename' });
    expect(first.tables.find((t) => t.name === 'trades')).toMatchObject({
      restoredAs: 'trades (restored)',
      outcome: 'renamed',
    });
    expect(first.tags.find((t) => t.name === 'month-end')).toMatchObject({ restoredAs: 'month-end (restored)' });
    const second = await restoreBackup(target, sourceOf(archive), { onClash: 'rename' });
    expect(second.tables.map((t) => t.restoredAs).sort()).toEqual([
      'empty (restored)',
      'prices (restored)',
      'trades (restored 2)',
    ]);
    expect(await readRows(target, mine.tableId)).toEqual([[42n]]);
    const copy = (await target.listTables()).find((t) => t.name === 'trades (restored 2)')!;
    expect(await readRows(target, copy.id, { version: 2 })).toEqual(await readRows(engine, tradesId, { version: 2 }));
    expect(await readRows(target, copy.id, { tag: 'month-end (restored 2)' })).toEqual(
      await readRows(engine, tradesId, { tag: 'month-end' }),
    );
    expect((await target.verify()).ok).toBe(true);
  });

  it('restoring next to the store it came from gives the copy its own ids, so the two never share files', async () => {
    const { engine, tradesId } = await richStore();
    const before = await readRows(engine, tradesId, { version: 3 });
    await restoreBackup(engine, sourceOf(await backupBytes(engine)), { onClash: 'rename' });
    const copy = (await engine.listTables()).find((t) => t.name === 'trades (restored)')!;
    expect(copy.id).not.toBe(tradesId);
    const ids = (await engine.history(copy.id)).versions.map((v) => v.id);
    const originalIds = (await engine.history(tradesId)).versions.map((v) => v.id);
    expect(ids.filter((id) => originalIds.includes(id))).toEqual([]);
    await engine.deleteTable(tradesId);
    await engine.gc();
    expect(await readRows(engine, copy.id, { version: 3 })).toEqual(before);
    expect((await engine.verify()).ok).toBe(true);
  });

  it('skip leaves clashing tables (and tags) alone and restores the rest', async () => {
    const { engine } = await richStore();
    const target = await openEngine();
    await target.createFromData('trades', rows('x:int64', [[42n]]));
    await target.createTag('all-heads');
    const report = await restoreBackup(target, sourceOf(await backupBytes(engine)), { onClash: 'skip' });
    expect(report.tables.map((t) => [t.name, t.outcome]).sort()).toEqual([
      ['empty', 'restored'],
      ['prices', 'restored'],
      ['trades', 'skipped'],
    ]);
    expect(report.tags.map((t) => [t.name, t.outcome]).sort()).toEqual([
      ['all-heads', 'skipped'],
      ['month-end', 'skipped'], // it only holds trades, which was skipped
    ]);
    expect((await target.listTables()).map((t) => t.name).sort()).toEqual(['empty', 'prices', 'trades']);
    expect((await target.verify()).ok).toBe(true);
    expect(await target.gc()).toMatchObject({ filesDeleted: 0 });
  });

  it('refuses a backup with one byte flipped in a data entry, naming it, and changes nothing', async () => {
    const { engine, tradesId } = await richStore();
    const archive = await backupBytes(engine);
    const fileId = [...(await engine.filesOfVersion(tradesId, 0))][0]!;
    const damaged = flipInside(archive, await engine.ctx.storage.blobs.read(fileId));
    const target = await openEngine();
    await target.createFromData('other', rows('x:int64', [[1n]]));
    const before = await storeState(target);
    const err = await restoreBackup(target, sourceOf(damaged), { onClash: 'rename' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrataError);
    expect(err).toMatchObject({ code: 'CORRUPT_FILE', details: { entry: `files/${fileId}.arrow` } });
    expect((err as Error).message).toMatch(/damaged.*Nothing was changed/);
    expect(await storeState(target)).toEqual(before);
    await target.gc();
    expect(await storeState(target)).toEqual(before);
  });

  it.each([
    ['in the manifest', 200],
    ['in a data entry', 0.6],
    ['in the central directory', -40],
    ['one byte short', -1],
  ])('refuses a truncated backup (%s) and changes nothing', async (_where, cut) => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const end = cut < 0 ? archive.length + cut : cut < 1 ? Math.floor(archive.length * cut) : cut;
    const target = await openEngine();
    await target.createFromData('other', rows('x:int64', [[1n]]));
    const before = await storeState(target);
    await expect(restoreBackup(target, sourceOf(archive.subarray(0, end)), { onClash: 'rename' })).rejects.toSatisfy(
      (e) => e instanceof StrataError && e.code === 'CORRUPT_FILE' && /truncated/.test(e.message),
    );
    expect(await storeState(target)).toEqual(before);
  });

  it("checks the manifest's own checksums and consistency, not only the ZIP's", async () => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const target = await openEngine();
    const before = await storeState(target);
    const wrongCrc = await withManifest(archive, (m) => {
      const e = (m['entries'] as { crc32: number }[])[0]!;
      e.crc32 = (e.crc32 + 1) >>> 0;
    });
    await expect(restoreBackup(target, sourceOf(wrongCrc), { onClash: 'rename' })).rejects.toThrow(/disagrees/);
    const lostFile = await withManifest(archive, (m) => {
      const t = (m['tables'] as { files: unknown[] }[])[0]!;
      t.files.pop();
    });
    await expect(restoreBackup(target, sourceOf(lostFile), { onClash: 'rename' })).rejects.toThrow(
      /lacks file|no table/,
    );
    const newer = await withManifest(archive, (m) => void (m['version'] = 99));
    await expect(restoreBackup(target, sourceOf(newer), { onClash: 'rename' })).rejects.toMatchObject({
      code: 'FORMAT_TOO_NEW',
    });
    expect(await storeState(target)).toEqual(before);
  });

  it('backs up and restores an empty store', async () => {
    const empty = await openEngine();
    const target = await openEngine();
    const report = await restoreBackup(target, sourceOf(await backupBytes(empty)), { onClash: 'rename' });
    expect(report).toMatchObject({ tables: [], tags: [], versions: 0, files: 0 });
    expect(await target.ctx.catalog.listStaging()).toEqual([]);
  });

  it('refuses a tag that names a version the backup lacks', async () => {
    const { engine } = await richStore();
    const bad = await withManifest(await backupBytes(engine), (m) => {
      const tag = (m['tags'] as { entries: { version: number }[] }[])[0]!;
      tag.entries[0]!.version = 999;
    });
    await expect(restoreBackup(await openEngine(), sourceOf(bad), { onClash: 'rename' })).rejects.toThrow(
      /naming a version it lacks/,
    );
  });

  it('refuses what is not a Strata backup', async () => {
    const target = await openEngine();
    const out = collectingSink();
    const zip = new ZipWriter(out.sink);
    await zip.add('hello.txt', new TextEncoder().encode('hi'));
    await zip.end();
    await expect(restoreBackup(target, sourceOf(out.bytes()), { onClash: 'rename' })).rejects.toThrow(
      /does not start with manifest.json/,
    );
  });

  it('fails cleanly when the N-th blob write fails, for every N, and a retry then succeeds', async () => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const expected = await contentHashes(engine);
    for (let n = 1; ; n++) {
      const inner = createMemoryStorage();
      const plan = new FaultPlan().failAt(n, 'persistent');
      const storage = { ...inner, blobs: faultyBlobStore(inner.blobs, plan) };
      const target = await openEngine(storage);
      const before = await storeState(target);
      const result = await restoreBackup(target, sourceOf(archive), { onClash: 'rename' }).catch((e: unknown) => e);
      if (!(result instanceof Error)) {
        expect(await contentHashes(target)).toEqual(expected);
        break;
      }
      expect(result).toMatchObject({ code: 'IO_ERROR' });
      const healthy = await openEngine(inner);
      expect((await storeState(healthy)).tables).toEqual(before.tables);
      expect(await inner.catalog.listStaging()).toEqual([]);
      await healthy.gc(); // the failed deletes left orphans: GC reclaims them (no staging record, no catalog record)
      expect(await inner.blobs.list()).toEqual([]);
      await restoreBackup(healthy, sourceOf(archive), { onClash: 'rename' });
      expect(await contentHashes(healthy)).toEqual(expected);
    }
  });

  it('can be cancelled, leaving nothing behind', async () => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const target = await openEngine();
    const before = await storeState(target);
    const abort = new AbortController();
    const result = restoreBackup(target, sourceOf(archive, 512), {
      onClash: 'rename',
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done > archive.length / 2) abort.abort();
      },
    });
    await expect(result).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await storeState(target)).toEqual(before);
  });

  it('streams: many chunks, progress to the total, and never the whole store in one chunk', async () => {
    const { engine } = await richStore();
    const out = collectingSink();
    const seen: number[] = [];
    const report = await backupStore(engine, out.sink, { onProgress: (p) => seen.push(p.done) });
    expect(out.chunks).toBeGreaterThan(10);
    expect(report.archiveBytes).toBe(out.bytes().length);
    expect(seen.at(-1)).toBe(report.dataBytes);
    expect(report).toMatchObject({ tables: 3 });
  });

  it('refuses to back up a store whose data file is damaged, naming table and file', async () => {
    const { engine, tradesId } = await richStore();
    const fileId = [...(await engine.filesOfVersion(tradesId, 0))][0]!;
    const bytes = await engine.ctx.storage.blobs.read(fileId);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 1;
    await engine.ctx.storage.blobs.write(fileId, bytes);
    await expect(backupBytes(engine)).rejects.toMatchObject({ code: 'CORRUPT_FILE', details: { fileId } });
  });

  it('writes an archive standard tools read (manifest first, stored data entries)', async () => {
    const { engine } = await richStore();
    const archive = await backupBytes(engine);
    const names: string[] = [];
    for await (const e of readZip(sourceOf(archive).stream(), { label: 'x' })) names.push(e.name);
    expect(names[0]).toBe('manifest.json');
    expect(names.slice(1).every((n) => /^files\/[0-9a-f]{32}\.arrow$/.test(n))).toBe(true);
    const { unzipSync } = await import('fflate');
    expect(Object.keys(unzipSync(archive))).toEqual(names);
    expect(concat([archive]).length).toBe(archive.length);
  });
});
