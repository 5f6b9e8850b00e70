/**
 * The engine's contract suite, written as a function of a storage factory so one suite runs on every backend:
 * memory in Node (engine.test.ts) and real OPFS + IndexedDB + Web Locks in Chromium (engine.browser.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { ConflictError } from './errors';
import type { EngineStorage } from './storage/ports';
import { FakeClock, readRows, rows, ts } from './testing/fixtures';

const AAPL = 'datetime:timestamp,open:float64,close:float64,low:float64,high:float64,volume:float64,trades:int64';
const day1 = rows(AAPL, [
  [ts('2024-01-01 08:00:00'), 0.758089, 0.339878, 0.78104, 0.098037, 0.134402, 346n],
  [ts('2024-01-01 16:29:00'), 0.221275, 0.773076, 0.321803, 0.586879, 0.250758, 201n],
]);
const day2 = rows(AAPL, [
  [ts('2024-01-02 08:00:00'), 0.543514, 0.121713, 0.90851, 0.85953, 0.673515, 810n],
  [ts('2024-01-02 16:29:00'), 0.363511, 0.506118, 0.445974, 0.031269, 0.743444, 665n],
]);
const day3 = rows(AAPL, [
  [ts('2024-01-03 08:00:00'), 0.054882, 0.319868, 0.52063, 0.986617, 0.81231, 847n],
  [ts('2024-01-03 16:29:00'), 0.237748, 0.932168, 0.990305, 0.026718, 0.109527, 527n],
]);
const restated = rows(AAPL, [
  [ts('2024-01-02 08:00:00'), 0.726245, 0.209358, 0.382218, 0.652552, 0.060542, 452n],
  [ts('2024-01-02 16:29:00'), 0.91218, 0.31721, 0.460713, 0.581922, 0.330218, 642n],
]);
const day4 = rows(AAPL, [
  [ts('2024-01-04 08:00:00'), 0.813585, 0.571894, 0.813374, 0.598003, 0.542102, 184n],
  [ts('2024-01-04 16:29:00'), 0.808495, 0.375533, 0.665888, 0.84743, 0.885961, 245n],
]);

async function aaplFlow(makeStorage: () => Promise<EngineStorage>) {
  const clock = new FakeClock(ts('2024-01-01 17:30:00'));
  const engine = new StrataEngine(await makeStorage(), { clock: clock.fn });
  await engine.open();
  const v0 = await engine.createFromData('AAPL', day1);
  clock.set('2024-01-02T17:30:00Z');
  const v1 = await engine.append(v0.tableId, day2);
  clock.set('2024-01-03T17:30:00Z');
  const v2 = await engine.append(v0.tableId, day3);
  await engine.createTag('snapshot-2024-01-03');
  clock.set('2024-01-04T17:30:00Z');
  const v3 = await engine.updateRange(v0.tableId, restated, { column: 'datetime' });
  clock.set('2024-01-04T17:31:00Z');
  const v4 = await engine.append(v0.tableId, day4);
  return { engine, clock, tableId: v0.tableId, versions: [v0, v1, v2, v3, v4] };
}

export function describeEngineContract(backend: string, makeStorage: () => Promise<EngineStorage>): void {
  describe(`${backend}: ArcticDB AAPL restatement flow`, () => {
    it('numbers versions 0..4 with the blog operations', async () => {
      const { versions } = await aaplFlow(makeStorage);
      expect(versions.map((v) => [v.version, v.operation])).toEqual([
        [0, 'create'],
        [1, 'append'],
        [2, 'append'],
        [3, 'update'],
        [4, 'append'],
      ]);
    });

    it('reads the restated head, and version 2 exactly as it was', async () => {
      const { engine, tableId } = await aaplFlow(makeStorage);
      const head = await readRows(engine, tableId);
      expect(head.map((r) => [r[0], r[1]])).toEqual([
        [ts('2024-01-01 08:00:00'), 0.758089],
        [ts('2024-01-01 16:29:00'), 0.221275],
        [ts('2024-01-02 08:00:00'), 0.726245],
        [ts('2024-01-02 16:29:00'), 0.91218],
        [ts('2024-01-03 08:00:00'), 0.054882],
        [ts('2024-01-03 16:29:00'), 0.237748],
        [ts('2024-01-04 08:00:00'), 0.813585],
        [ts('2024-01-04 16:29:00'), 0.808495],
      ]);
      const v2 = await readRows(engine, tableId, { version: 2 });
      expect(v2).toHaveLength(6);
      expect(v2[2]).toEqual([ts('2024-01-02 08:00:00'), 0.543514, 0.121713, 0.90851, 0.85953, 0.673515, 810n]);
    });

    it('resolves as-of 2024-01-03T18:00 to version 2, and the tag to version 2', async () => {
      const { engine, tableId } = await aaplFlow(makeStorage);
      expect((await engine.resolve(tableId, { time: Date.parse('2024-01-03T18:00:00Z') })).version).toBe(2);
      expect((await engine.resolve(tableId, { tag: 'snapshot-2024-01-03' })).version).toBe(2);
      expect(await readRows(engine, tableId, { tag: 'snapshot-2024-01-03' })).toEqual(
        await readRows(engine, tableId, { version: 2 }),
      );
    });

    it('supports the bitemporal read: version 2 × 2024-01-02', async () => {
      const { engine, tableId } = await aaplFlow(makeStorage);
      const r = await engine.read(
        tableId,
        { version: 2 },
        {
          range: { column: 'datetime', min: ts('2024-01-02 00:00:00'), max: ts('2024-01-02 23:59:59') },
          columns: ['datetime', 'close'],
        },
      );
      expect(r.totalRows).toBe(2);
      expect(r.table.getChild('close')!.toArray()).toEqual(new Float64Array([0.121713, 0.506118]));
    });

    it('prune keeps the head and the tagged version', async () => {
      const { engine, tableId } = await aaplFlow(makeStorage);
      const report = await engine.prune(tableId);
      expect(report.versions.map((v) => v.version).sort()).toEqual([0, 1, 3]);
      await expect(engine.readAll(tableId, { version: 1 })).rejects.toMatchObject({ code: 'EXPIRED' });
      expect(await readRows(engine, tableId, { version: 2 })).toHaveLength(6);
      expect(await readRows(engine, tableId)).toHaveLength(8);
      expect((await engine.verify()).ok).toBe(true);
    });

    it('update writes only the new rows and a deletion vector, not the untouched segments', async () => {
      const { engine, tableId, versions } = await aaplFlow(makeStorage);
      expect(versions[3]!.summary).toMatchObject({ rowsAdded: 2, rowsRemoved: 2, totalRows: 6 });
      const before = await engine.filesOfVersion(tableId, 2);
      const after = await engine.filesOfVersion(tableId, 3);
      const shared = [...before].filter((f) => after.has(f));
      expect(shared.length).toBeGreaterThanOrEqual(2); // day 1 and day 3 segments are reused
    });
  });

  describe(`${backend}: datashard time-travel workflow`, () => {
    const WORKFLOW = 'step_id:int64,step_name:string,status:string,timestamp:int64';

    it('lists history, travels by version and by timestamp, expires old snapshots', async () => {
      const clock = new FakeClock(Date.parse('2024-03-01T10:00:00Z'));
      const engine = new StrataEngine(await makeStorage(), { clock: clock.fn });
      const table = await engine.createTable('workflow_history', {
        fields: [
          { name: 'step_id', type: 'int64', nullable: false },
          { name: 'step_name', type: 'string', nullable: false },
          { name: 'status', type: 'string', nullable: false },
          { name: 'timestamp', type: 'int64', nullable: false },
        ],
      });
      expect(table.head).toBe(-1);
      const s1 = await engine.append(table.id, rows(WORKFLOW, [[1n, 'init', 'completed', 1709287200000n]]));
      const afterFirst = clock.now;
      clock.now += 100;
      const s2 = await engine.append(table.id, rows(WORKFLOW, [[2n, 'process', 'completed', 1709287200100n]]));
      expect([s1.version, s2.version]).toEqual([0, 1]);
      expect(s1.operation).toBe('create');

      const { versions, total } = await engine.history(table.id);
      expect(total).toBe(2);
      expect(versions.map((v) => [v.version, v.operation, v.parent])).toEqual([
        [1, 'append', 0],
        [0, 'create', null],
      ]);
      expect(await readRows(engine, table.id, { version: 0 })).toEqual([[1n, 'init', 'completed', 1709287200000n]]);
      expect(await readRows(engine, table.id, { time: afterFirst })).toHaveLength(1);
      expect(await readRows(engine, table.id)).toHaveLength(2);
      await expect(engine.resolve(table.id, { time: afterFirst - 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

      clock.now += 8 * 24 * 3600 * 1000;
      const oneWeek = 7 * 24 * 3600 * 1000;
      const dry = await engine.expire({ olderThanMs: oneWeek, dryRun: true });
      expect(dry.versions.map((v) => v.version)).toEqual([0]);
      expect((await engine.resolve(table.id, { version: 0 })).version).toBe(0);
      await engine.expire({ olderThanMs: oneWeek });
      await expect(engine.readAll(table.id, { version: 0 })).rejects.toThrow(/expired on/);
      expect(await readRows(engine, table.id)).toHaveLength(2);
    });
  });

  describe(`${backend}: operations`, () => {
    const S = 'id:int64,name:string?,score:float64?';
    async function setup() {
      const clock = new FakeClock(Date.parse('2025-01-01T00:00:00Z'));
      const engine = new StrataEngine(await makeStorage(), { clock: clock.fn, segmentRows: 3 });
      const v0 = await engine.createFromData(
        'people',
        rows(S, [
          [1n, 'ann', 1.5],
          [2n, 'bob', null],
          [3n, 'cy', 3],
          [4n, 'di', 4],
          [5n, 'ed', 5],
        ]),
      );
      return { engine, clock, id: v0.tableId };
    }

    it('upserts by key in place and appends new keys at the end', async () => {
      const { engine, id } = await setup();
      const info = await engine.upsert(
        id,
        rows('id:int64,name:string?', [
          [2n, 'BOB'],
          [9n, 'new'],
        ]),
        { key: ['id'] },
      );
      expect(info.notices.join(' ')).toMatch(/"score" is missing/);
      expect(await readRows(engine, id)).toEqual([
        [1n, 'ann', 1.5],
        [2n, 'BOB', null],
        [3n, 'cy', 3],
        [4n, 'di', 4],
        [5n, 'ed', 5],
        [9n, 'new', null],
      ]);
      expect(await readRows(engine, id, { version: 0 })).toHaveLength(5);
    });

    it('rejects duplicate or empty keys in the input, naming the rows', async () => {
      const { engine, id } = await setup();
      await expect(
        engine.upsert(
          id,
          rows(S, [
            [7n, 'a', 1],
            [7n, 'b', 2],
          ]),
          { key: ['id'], rowLabel: (i) => `line ${i + 2}` },
        ),
      ).rejects.toThrow(/line 3 repeats the key of line 2/);
      expect((await engine.table(id)).head).toBe(0);
    });

    it('deletes by key, by range and by predicate as deletion vectors', async () => {
      const { engine, id } = await setup();
      await engine.deleteRows(id, { keys: { column: 'id', values: [2] } });
      await engine.deleteRows(id, { range: { column: 'score', min: 4, max: 4.5 } });
      await engine.deleteRows(id, {
        predicate: {
          or: [
            { column: 'name', op: 'eq', value: 'ed' },
            { column: 'id', op: 'eq', value: 99 },
          ],
        },
      });
      expect((await readRows(engine, id)).map((r) => r[0])).toEqual([1n, 3n]);
      expect((await readRows(engine, id, { version: 1 })).map((r) => r[0])).toEqual([1n, 3n, 4n, 5n]);
    });

    it('restores a version by writing no data files', async () => {
      const { engine, id } = await setup();
      await engine.overwrite(id, rows(S, [[42n, 'x', 0]]));
      const before = (await engine.ctx.storage.blobs.list()).length;
      const info = await engine.restore(id, 0);
      expect(info.operation).toBe('restore');
      expect((await engine.ctx.storage.blobs.list()).length).toBe(before);
      expect(await readRows(engine, id)).toEqual(await readRows(engine, id, { version: 0 }));
    });

    it('evolves the schema: new column added as nullable only when allowed, int64 widened to float64', async () => {
      const { engine, id } = await setup();
      const extra = rows('id:int64,name:string?,score:float64?,team:string', [[6n, 'fi', 6, 'red']]);
      await expect(engine.append(id, extra)).rejects.toMatchObject({ code: 'SCHEMA_MISMATCH' });
      await engine.append(id, extra, { allowNewColumns: true });
      const r = await engine.read(id);
      expect(r.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable}`)).toEqual([
        'id:int64:false',
        'name:string:true',
        'score:float64:true',
        'team:string:true',
      ]);
      expect((await readRows(engine, id))[0]).toEqual([1n, 'ann', 1.5, null]);
      await engine.append(id, rows('id:float64,name:string?', [[7.5, 'half']]));
      const widened = await engine.read(id);
      expect(widened.schema.fields[0]!.type).toBe('float64');
      expect((await readRows(engine, id)).map((x) => x[0])).toEqual([1, 2, 3, 4, 5, 6, 7.5]);
      expect((await engine.read(id, { version: 0 })).schema.fields[0]!.type).toBe('int64');
      await expect(engine.append(id, rows('id:string', [['x']]))).rejects.toThrow(/"id" of people is float64/);
    });

    it('reads windows sorted and filtered, with positions', async () => {
      const { engine, id } = await setup();
      const r = await engine.read(id, undefined, {
        sort: [{ column: 'score', descending: true }],
        filter: { column: 'name', op: 'contains', value: 'd' },
        offset: 0,
        limit: 10,
      });
      expect(r.totalRows).toBe(2);
      expect([...r.positions]).toEqual([4, 3]);
      expect(r.table.getChild('name')!.toArray()).toEqual(['ed', 'di']);
    });

    it('compacts into fewer files with identical content', async () => {
      const { engine, id } = await setup();
      for (let i = 0; i < 4; i++) await engine.append(id, rows(S, [[BigInt(10 + i), `n${i}`, i]]));
      await engine.deleteRows(id, { keys: { column: 'id', values: [3] } });
      const before = await readRows(engine, id);
      const info = await engine.compact(id);
      expect(info?.operation).toBe('compact');
      expect(await readRows(engine, id)).toEqual(before);
      expect((await engine.filesOfVersion(id, info!.version)).size).toBeLessThan(
        (await engine.filesOfVersion(id, info!.version - 1)).size,
      );
    });

    it('commit times strictly increase even when the clock goes back', async () => {
      const { engine, clock, id } = await setup();
      clock.now -= 60_000;
      await engine.append(id, rows(S, [[6n, 'f', 6]]));
      const { versions } = await engine.history(id);
      expect(versions[0]!.committedAt).toBe(versions[1]!.committedAt + 1);
    });
  });

  describe(`${backend}: conflicts (begin A, begin B, commit B, commit A)`, () => {
    const S = 'id:int64';
    async function two() {
      const engine = new StrataEngine(await makeStorage());
      const { tableId } = await engine.createFromData('t', rows(S, [[1n], [2n]]));
      return { engine, tableId };
    }

    it('an append is re-based onto an append that landed first', async () => {
      const { engine, tableId } = await two();
      const a = await engine.stage(tableId, 'A', async (s) => {
        const { prepareAppend } = await import('./ops/write');
        const prepared = await prepareAppend(engine.ctx, s, tableId, rows(S, [[3n]]));
        await engine.append(tableId, rows(S, [[4n]])); // B lands meanwhile
        return engine.commit(prepared);
      });
      expect(a.version).toBe(2);
      expect((await readRows(engine, tableId)).map((r) => r[0])).toEqual([1n, 2n, 4n, 3n]);
    });

    it('an overwrite fails with a ConflictError naming the version that landed, committing nothing', async () => {
      const { engine, tableId } = await two();
      const { prepareOverwrite } = await import('./ops/write');
      const err = await engine
        .stage(tableId, 'A', async (s) => {
          const prepared = await prepareOverwrite(engine.ctx, s, tableId, rows(S, [[9n]]));
          await engine.append(tableId, rows(S, [[4n]]));
          return engine.commit(prepared);
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect(err).toMatchObject({ code: 'CONFLICT', details: { landed: 1, base: 0 } });
      expect((await engine.table(tableId)).head).toBe(1);
      expect((await engine.ctx.catalog.listStaging()).length).toBe(0);
    });

    it('update and delete conflict the same way', async () => {
      const { engine, tableId } = await two();
      const { prepareDelete } = await import('./ops/maintain');
      const { prepareUpsert } = await import('./ops/update');
      for (const prep of [
        (s: never) => prepareDelete(engine.ctx, s, tableId, { positions: [0] }),
        (s: never) => prepareUpsert(engine.ctx, s, tableId, rows(S, [[1n]]), { key: ['id'] }),
      ]) {
        const head = (await engine.table(tableId)).head;
        const err = await engine
          .stage(tableId, 'A', async (s) => {
            const prepared = await prep(s as never);
            await engine.append(tableId, rows(S, [[100n + BigInt(head)]]));
            return engine.commit(prepared);
          })
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'CONFLICT', details: { landed: head + 1 } });
      }
    });
  });
}
