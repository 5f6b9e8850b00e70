import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { createMemoryStorage } from './storage/memory';
import { readRows, rows } from './testing/fixtures';

const S = 'id:int64,s:string';

describe('compaction', () => {
  it('runs in the background once small segments pile up, content unchanged', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 100, autoCompactSegments: 8 });
    const { tableId } = await engine.createFromData('t', rows(S, [[0n, 'r0']]));
    for (let i = 1; i < 10; i++) await engine.append(tableId, rows(S, [[BigInt(i), `r${i}`]]));
    let compacted = false;
    for (let i = 0; i < 100 && !compacted; i++) {
      const { versions } = await engine.history(tableId, { limit: 3 });
      compacted = versions.some((v) => v.operation === 'compact');
      if (!compacted) await new Promise((r) => setTimeout(r, 10));
    }
    expect(compacted).toBe(true);
    const rowsNow = await readRows(engine, tableId);
    expect(rowsNow.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
    const head = (await engine.table(tableId)).head;
    expect((await engine.filesOfVersion(tableId, head)).size).toBe(1);
  });

  it('a delete chosen on a version that only a compaction overtook still deletes the rows the user saw', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 2 });
    const { tableId } = await engine.createFromData(
      't',
      rows(S, [
        [1n, 'a'],
        [2n, 'b'],
        [3n, 'c'],
      ]),
    );
    await engine.append(tableId, rows(S, [[4n, 'd']]));
    const shown = (await engine.table(tableId)).head;
    await engine.compact(tableId);
    const info = await engine.deleteRows(tableId, { positions: [1, 3] }, { base: shown });
    expect(info.version).toBe(shown + 2);
    expect((await readRows(engine, tableId)).map((r) => r[1])).toEqual(['a', 'c']);
  });

  it('a delete overtaken by a real change still conflicts', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const { tableId } = await engine.createFromData(
      't',
      rows(S, [
        [1n, 'a'],
        [2n, 'b'],
      ]),
    );
    await engine.append(tableId, rows(S, [[3n, 'c']]));
    await expect(engine.deleteRows(tableId, { positions: [0] }, { base: 0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
