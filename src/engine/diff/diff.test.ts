import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import { createMemoryStorage } from '../storage/memory';
import { readRows, rows, toRows } from '../testing/fixtures';
import { diffVersions } from './diff';
import { asNaive, naiveDiff } from './test-support';

const S = 'id:int64,name:string?,score:float64?';

async function people(segmentRows = 3) {
  const engine = new StrataEngine(createMemoryStorage(), { segmentRows });
  const { tableId } = await engine.createFromData(
    'people',
    rows(S, [
      [1n, 'ann', 1.5],
      [2n, 'bob', null],
      [3n, 'cy', 3],
      [4n, 'di', 4],
      [5n, 'ed', 5],
    ]),
  );
  return { engine, tableId };
}

/** v1 upsert (2: name, 3: score), v2 delete 4, v3 append 6. */
async function edited() {
  const t = await people();
  await t.engine.upsert(
    t.tableId,
    rows(S, [
      [2n, 'BOB', null],
      [3n, 'cy', 30],
    ]),
    { key: ['id'] },
  );
  await t.engine.deleteRows(t.tableId, { keys: { column: 'id', values: [4] } });
  await t.engine.append(t.tableId, rows(S, [[6n, 'fi', 6]]));
  return t;
}

describe('keyed diff', () => {
  it('counts added, removed and changed rows and changed cells per column', async () => {
    const { engine, tableId } = await edited();
    const d = await diffVersions(engine, tableId, 0, 3, { key: ['id'] });
    expect(d).toMatchObject({ mode: 'keyed', keyUsed: ['id'], keySource: 'given', notice: null });
    expect([d.added, d.removed, d.changed]).toEqual([1, 1, 2]);
    expect(d.changedCells).toEqual({ name: 1, score: 1 });
    expect(d.schema.unchanged).toBe(true);
    expect([...d.positions.removed]).toEqual([3]);
    expect([...d.positions.added]).toEqual([4]);
    expect([...d.positions.changedTo]).toEqual([1, 2]);
    expect([...d.positions.changedFrom]).toEqual([1, 2]);
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 0, 3, ['id']));
  });

  it('lays out a window: change, positions, key, then value / old value / changed flag per column', async () => {
    const { engine, tableId } = await edited();
    const d = await diffVersions(engine, tableId, 0, 3, { key: ['id'] });
    const w = d.window(0, 10);
    expect(w.total).toBe(4);
    expect(w.rows.schema.fields.map((f) => f.name)).toEqual([
      '__change',
      '__from_row',
      '__to_row',
      'id',
      'name',
      'name__old',
      'name__changed',
      'score',
      'score__old',
      'score__changed',
    ]);
    expect(toRows(w.rows)).toEqual([
      ['changed', 1, 1, 2n, 'BOB', 'bob', true, null, null, false],
      ['changed', 2, 2, 3n, 'cy', 'cy', false, 30, 3, true],
      ['removed', 3, null, 4n, 'di', null, false, 4, null, false],
      ['added', null, 4, 6n, 'fi', null, false, 6, null, false],
    ]);
  });

  it('infers a unique non-null key, preferring id-like names', async () => {
    const { engine, tableId } = await edited();
    const d = await diffVersions(engine, tableId, 0, 3);
    expect(d).toMatchObject({ mode: 'keyed', keyUsed: ['id'], keySource: 'inferred' });
    expect([d.added, d.removed, d.changed]).toEqual([1, 1, 2]);
  });

  it('diffs backwards too', async () => {
    const { engine, tableId } = await edited();
    const d = await diffVersions(engine, tableId, 3, 0, { key: ['id'] });
    expect([d.added, d.removed, d.changed]).toEqual([1, 1, 2]);
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 3, 0, ['id']));
  });

  it('matches composite keys', async () => {
    const C = 'region:string,day:date,units:int64?';
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 2 });
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
    const { tableId } = await engine.createFromData(
      'sales',
      rows(C, [
        ['eu', day('2024-01-01'), 1n],
        ['eu', day('2024-01-02'), 2n],
        ['us', day('2024-01-01'), 3n],
        ['us', day('2024-01-02'), 4n],
      ]),
    );
    await engine.upsert(
      tableId,
      rows(C, [
        ['us', day('2024-01-01'), 30n],
        ['us', day('2024-01-03'), 5n],
      ]),
      { key: ['region', 'day'] },
    );
    const d = await diffVersions(engine, tableId, 0, 1, { key: ['region', 'day'] });
    expect([d.added, d.removed, d.changed]).toEqual([1, 0, 1]);
    expect(d.changedCells).toEqual({ units: 1 });
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 0, 1, ['region', 'day']));
    // Among the rows that differ (us rows only), `day` is unique: the time column is preferred.
    const auto = await diffVersions(engine, tableId, 0, 1);
    expect(auto).toMatchObject({ mode: 'keyed', keyUsed: ['day'], added: 1, changed: 1 });
  });

  it('treats null vs value as a change and null vs null as none', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await engine.createFromData(
      't',
      rows(S, [
        [1n, null, null],
        [2n, null, 2],
        [3n, 'c', null],
      ]),
    );
    await engine.upsert(
      tableId,
      rows(S, [
        [1n, null, null],
        [2n, 'b', 2],
        [3n, 'c', 3],
      ]),
      { key: ['id'] },
    );
    const d = await diffVersions(engine, tableId, 0, 1, { key: ['id'] });
    expect(d.changed).toBe(2);
    expect(d.changedCells).toEqual({ name: 1, score: 1 });
    expect(asNaive(d).changed).toEqual(
      new Map([
        ['n2', ['name']],
        ['n3', ['score']],
      ]),
    );
  });

  it('ignores float noise within an absolute or relative tolerance, and only for float columns', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const T = 'id:int64,x:float64,n:int64';
    const { tableId } = await engine.createFromData(
      't',
      rows(T, [
        [1n, 100, 1n],
        [2n, 0.1 + 0.2, 2n],
        [3n, 1e6, 3n],
        [4n, 5, 4n],
      ]),
    );
    await engine.overwrite(
      tableId,
      rows(T, [
        [1n, 100.5, 1n],
        [2n, 0.3, 3n],
        [3n, 1e6 + 50, 3n],
        [4n, 5, 4n],
      ]),
    );
    const exact = await diffVersions(engine, tableId, 0, 1, { key: ['id'] });
    expect(exact.changedCells).toEqual({ x: 3, n: 1 });
    const abs = await diffVersions(engine, tableId, 0, 1, { key: ['id'], tolerance: { absolute: 1e-9 } });
    expect(abs.changedCells).toEqual({ x: 2, n: 1 });
    const abs1 = await diffVersions(engine, tableId, 0, 1, { key: ['id'], tolerance: { absolute: 1 } });
    expect(abs1.changedCells).toEqual({ x: 1, n: 1 });
    const rel = await diffVersions(engine, tableId, 0, 1, { key: ['id'], tolerance: { relative: 1e-4 } });
    expect(rel.changedCells).toEqual({ x: 1, n: 1 }); // 1e6 + 50 is within 1e-4; 100.5 is not
    expect(rel.changed).toBe(2);
    await expect(diffVersions(engine, tableId, 0, 1, { tolerance: { absolute: -1 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  // 3000 rows, six diffs and their naive twins: seconds on a loaded CI machine.
  it(
    'joins keys in no particular order (negative, beyond 2^32) read straight from the segments',
    { timeout: 30_000 },
    async () => {
      const T = 'id:int64,day:date,v:float64';
      const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 500 });
      let x = 12345;
      const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2 ** 40;
      const ids = [...new Set(Array.from({ length: 3000 }, () => BigInt(Math.floor(next()))))];
      const day = (i: number) => (i % 5000) * 86_400_000;
      const { tableId } = await engine.createFromData(
        'shuffled',
        rows(
          T,
          ids.map((id, i) => [id, day(i), i]),
        ),
      );
      const kept = ids.filter((_, i) => i % 7 !== 0).reverse();
      await engine.overwrite(
        tableId,
        rows(T, [
          ...kept.map((id) => [id, day(ids.indexOf(id)), ids.indexOf(id) % 11 === 0 ? -1 : ids.indexOf(id)]),
          [7n, 0, 0],
        ]),
      );
      // v2: the same rows in a random order (pairs then follow no common order: copied, not read raw).
      const shuffled = await readRows(engine, tableId);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor((next() / 2 ** 40 + 0.5) * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      await engine.overwrite(tableId, rows(T, shuffled));
      for (const [from, to] of [
        [0, 1],
        [0, 2],
        [2, 1],
      ] as const) {
        for (const key of [['id'], ['day']]) {
          const d = await diffVersions(engine, tableId, from, to, { key });
          expect(asNaive(d), `${from} → ${to} by ${key[0]}`).toEqual(await naiveDiff(engine, tableId, from, to, key));
        }
      }
      expect((await diffVersions(engine, tableId, 1, 2)).changed).toBe(0);
    },
  );

  it('compares strings byte for byte: a prefix, a case change and an accent are changes', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const T = 'id:int64,s:string?';
    const { tableId } = await engine.createFromData(
      't',
      rows(T, [
        [1n, 'cy'],
        [2n, 'cyan'],
        [3n, 'Bob'],
        [4n, 'e'],
        [5n, ''],
        [6n, 'same'],
      ]),
    );
    await engine.overwrite(
      tableId,
      rows(T, [
        [1n, 'cyan'],
        [2n, 'cy'],
        [3n, 'bob'],
        [4n, 'é'],
        [5n, null],
        [6n, 'same'],
      ]),
    );
    const d = await diffVersions(engine, tableId, 0, 1, { key: ['id'] });
    expect([...d.positions.changedTo]).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects a key column missing from a version', async () => {
    const { engine, tableId } = await edited();
    await expect(diffVersions(engine, tableId, 0, 1, { key: ['nope'] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('unkeyed (multiset) diff', () => {
  it('compares whole rows, counting duplicates, and says so', async () => {
    const M = 'x:string,n:int64';
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await engine.createFromData(
      'm',
      rows(M, [
        ['a', 1n],
        ['a', 1n],
        ['a', 1n],
        ['b', 2n],
      ]),
    );
    await engine.overwrite(
      tableId,
      rows(M, [
        ['b', 2n],
        ['a', 1n],
        ['b', 2n],
        ['c', 1n],
      ]),
    );
    const d = await diffVersions(engine, tableId, 0, 1);
    expect(d).toMatchObject({ mode: 'multiset', keyUsed: null, keySource: null, changed: 0 });
    expect(d.notice).toMatch(/compares whole rows \(added\/removed only\)/);
    expect([d.added, d.removed]).toEqual([2, 2]);
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 0, 1, null));
    expect(d.window(0, 10).rows.schema.fields.map((f) => f.name)).toEqual([
      '__change',
      '__from_row',
      '__to_row',
      'x',
      'n',
    ]);
    // Ordered by every column, so a row's old and new forms sit together.
    expect(toRows(d.window(0, 10).rows).map((r) => [r[0], r[3], r[4]])).toEqual([
      ['removed', 'a', 1n],
      ['removed', 'a', 1n],
      ['added', 'b', 2n],
      ['added', 'c', 1n],
    ]);
  });

  it('falls back to whole rows when a given key repeats, naming it', async () => {
    const M = 'x:string,n:int64';
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await engine.createFromData(
      'm',
      rows(M, [
        ['a', 1n],
        ['a', 2n],
      ]),
    );
    await engine.overwrite(tableId, rows(M, [['a', 1n]]));
    const d = await diffVersions(engine, tableId, 0, 1, { key: ['x'] });
    expect(d.mode).toBe('multiset');
    expect(d.notice).toMatch(/The key \(x\) repeats in version 0 \(x = a\)/);
    expect([d.added, d.removed]).toEqual([0, 1]);
  });
});

describe('schema changes', () => {
  it('reports added, dropped and retyped columns, comparing a new column against null', async () => {
    const { engine, tableId } = await people();
    // v1: a new column, set on a new row and (by upsert) on row 2.
    await engine.append(tableId, rows(`${S},team:string?`, [[6n, 'fi', 6, 'red']]), { allowNewColumns: true });
    await engine.upsert(tableId, rows(`${S},team:string?`, [[2n, 'bob', null, 'blue']]), { key: ['id'] });
    const added = await diffVersions(engine, tableId, 0, 2, { key: ['id'] });
    expect(added.schema).toMatchObject({ added: [{ name: 'team', type: 'string' }], dropped: [], typeChanged: [] });
    expect([added.added, added.removed, added.changed]).toEqual([1, 0, 1]);
    expect(added.changedCells).toEqual({ name: 0, score: 0, team: 1 });
    expect(added.columns.find((c) => c.name === 'team')).toMatchObject({ status: 'added', fromType: null });
    expect(asNaive(added)).toEqual(await naiveDiff(engine, tableId, 0, 2, ['id']));

    // v3: id widened to float64 by an append; old segments still read as equal numbers.
    await engine.append(tableId, rows('id:float64,name:string?', [[7.5, 'half']]));
    const widened = await diffVersions(engine, tableId, 2, 3, { key: ['id'] });
    expect(widened.schema.typeChanged).toEqual([{ name: 'id', from: 'int64', to: 'float64' }]);
    expect([widened.added, widened.removed, widened.changed]).toEqual([1, 0, 0]);

    // v4: overwrite drops score and team, retypes name to int64.
    await engine.overwrite(
      tableId,
      rows('id:float64,name:int64', [
        [1, 1n],
        [2, 2n],
      ]),
    );
    const d = await diffVersions(engine, tableId, 3, 4, { key: ['id'] });
    expect(d.schema.dropped.map((f) => f.name)).toEqual(['score', 'team']);
    expect(d.schema.typeChanged).toEqual([{ name: 'name', from: 'string', to: 'int64' }]);
    expect(d.columns.map((c) => [c.name, c.status])).toEqual([
      ['id', 'same'],
      ['name', 'typeChanged'],
      ['score', 'dropped'],
      ['team', 'dropped'],
    ]);
    expect([d.added, d.removed, d.changed]).toEqual([0, 5, 2]);
    expect(d.changedCells).toEqual({ name: 2, score: 1, team: 1 });
    expect(asNaive(d)).toEqual(await naiveDiff(engine, tableId, 3, 4, ['id']));
  });
});

describe('paging', () => {
  it('pages in key order and filters by change type', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 7 });
    const T = 'id:int64,v:float64';
    const base = Array.from({ length: 50 }, (_, i) => [BigInt(i * 2), i] as [bigint, number]);
    const { tableId } = await engine.createFromData('p', rows(T, base));
    await engine.upsert(
      tableId,
      rows(
        T,
        base.filter((_, i) => i % 5 === 0).map(([id, v]) => [id, v + 0.5]),
      ),
      { key: ['id'] },
    );
    await engine.deleteRows(tableId, { keys: { column: 'id', values: [6, 16, 26] } });
    await engine.append(
      tableId,
      rows(T, [
        [-1n, 0],
        [3n, 0],
        [1001n, 0],
      ]),
    );
    const d = await diffVersions(engine, tableId, 0, 3, { key: ['id'] });
    expect([d.added, d.removed, d.changed]).toEqual([3, 3, 10]);
    const ids = (t: ReturnType<typeof d.window>) => toRows(t.rows).map((r) => r[3]);
    const all = d.window(0, 100);
    expect(ids(all)).toEqual([-1n, 0n, 3n, 6n, 10n, 16n, 20n, 26n, 30n, 40n, 50n, 60n, 70n, 80n, 90n, 1001n]);
    const page = d.window(4, 3);
    expect(page.total).toBe(16);
    expect(page.offset).toBe(4);
    expect(ids(page)).toEqual([10n, 16n, 20n]);
    const removed = d.window(0, 100, { change: ['removed'] });
    expect(removed.total).toBe(3);
    expect(ids(removed)).toEqual([6n, 16n, 26n]);
    const notChanged = d.window(1, 2, { change: ['added', 'removed'] });
    expect(notChanged.total).toBe(6);
    expect(ids(notChanged)).toEqual([3n, 6n]);
    expect(d.window(100, 5).rows.numRows).toBe(0);
    expect(await diffVersions(engine, tableId, 0, 3, { key: ['id'] })).toBe(d); // cached
  });
});
