import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { prepareCompact } from './ops/maintain';
import { createMemoryStorage } from './storage/memory';
import { readRows, rows, schemaOf } from './testing/fixtures';

const S = 'id:int64,s:string';

describe('compaction', () => {
  it('runs in the background once tiny segments pile up, merging only them, content unchanged', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 100, autoCompactSegments: 8 });
    const full = Array.from({ length: 100 }, (_, i) => [BigInt(i), `r${i}`] as const);
    const { tableId } = await engine.createFromData('t', rows(S, full));
    const bigFiles = await engine.filesOfVersion(tableId, 0);
    for (let i = 100; i < 110; i++) await engine.append(tableId, rows(S, [[BigInt(i), `r${i}`]]));
    let compacted = false;
    for (let i = 0; i < 100 && !compacted; i++) {
      const { versions } = await engine.history(tableId, { limit: 3 });
      compacted = versions.some((v) => v.operation === 'compact');
      if (!compacted) await new Promise((r) => setTimeout(r, 10));
    }
    expect(compacted).toBe(true);
    const rowsNow = await readRows(engine, tableId);
    expect(rowsNow.map((r) => r[0])).toEqual(Array.from({ length: 110 }, (_, i) => BigInt(i)));
    const head = (await engine.table(tableId)).head;
    const files = await engine.filesOfVersion(tableId, head);
    // The full segment stays shared with version 0; the ten one-row files became at most three.
    for (const f of bigFiles) expect(files.has(f)).toBe(true);
    expect(files.size).toBeLessThanOrEqual(1 + 3);
  });

  it('manual compaction rewrites partial and messy segments and leaves full clean ones shared', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 4 });
    const eight = Array.from({ length: 8 }, (_, i) => [BigInt(i), `r${i}`] as const);
    const { tableId } = await engine.createFromData('t', rows(S, eight));
    const full = await engine.filesOfVersion(tableId, 0);
    expect(full.size).toBe(2);
    for (let i = 8; i < 11; i++) await engine.append(tableId, rows(S, [[BigInt(i), `r${i}`]]));
    const before = await readRows(engine, tableId);
    const info = await engine.compact(tableId);
    expect(await readRows(engine, tableId)).toEqual(before);
    const after = await engine.filesOfVersion(tableId, info!.version);
    for (const f of full) expect(after.has(f)).toBe(true);
    expect(after.size).toBe(3);
    expect(await engine.compact(tableId)).toBeNull();
  });

  it('a compaction overtaken by an append still commits, swapping its segments into the new head', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 4 });
    const { tableId } = await engine.createFromData('t', rows(S, [[0n, 'a']]));
    await engine.append(tableId, rows(S, [[1n, 'b']]));
    const prepared = await engine.stage(tableId, 'compact', (s) => prepareCompact(engine.ctx, s, tableId));
    await engine.append(tableId, rows(S, [[2n, 'c']]));
    const info = await engine.commit(prepared!);
    expect(info.operation).toBe('compact');
    expect((await readRows(engine, tableId)).map((r) => r[1])).toEqual(['a', 'b', 'c']);
    // The two one-row segments became one; the append's segment is kept as it is.
    expect((await engine.filesOfVersion(tableId, info.version)).size).toBe(2);
  });

  it('a compaction whose segments were edited meanwhile conflicts and changes nothing', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 4 });
    const { tableId } = await engine.createFromData('t', rows(S, [[0n, 'a']]));
    await engine.append(tableId, rows(S, [[1n, 'b']]));
    const prepared = await engine.stage(tableId, 'compact', (s) => prepareCompact(engine.ctx, s, tableId));
    await engine.deleteRows(tableId, { positions: [0] });
    const head = (await engine.table(tableId)).head;
    await expect(engine.commit(prepared!)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await engine.table(tableId)).head).toBe(head);
    expect((await readRows(engine, tableId)).map((r) => r[1])).toEqual(['b']);
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

  it('a streamed write overtaken by a compaction is refused, not committed from its spent stream', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 4 });
    const { tableId } = await engine.createFromData('t', rows(S, [[0n, 'a']]));
    await engine.append(tableId, rows(S, [[1n, 'b']]));
    async function* stream() {
      await engine.compact(tableId); // lands while the overwrite reads its rows
      yield rows(S, [
        [7n, 'x'],
        [8n, 'y'],
      ]);
    }
    await expect(engine.overwrite(tableId, stream(), { schema: schemaOf(S) })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { onlyCompactions: true },
    });
    const { versions } = await engine.history(tableId);
    expect(versions[0]!.operation).toBe('compact');
    expect((await readRows(engine, tableId)).map((r) => r[1])).toEqual(['a', 'b']);
  });
});
