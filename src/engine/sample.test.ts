import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { loadSample, SAMPLE_TAG } from './sample';
import { createMemoryStorage } from './storage/memory';
import { readRows } from './testing/fixtures';

describe('Load sample', () => {
  it('commits the ArcticDB blog flow with its dates, so as-of times and the snapshot tag work as in the blog', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const head = await loadSample(engine);
    expect(head.version).toBe(4);
    const { versions } = await engine.history(head.tableId);
    expect(versions.map((v) => v.operation).reverse()).toEqual(['create', 'append', 'append', 'update', 'append']);
    expect((await engine.resolve(head.tableId, { time: Date.parse('2024-01-03T18:00:00Z') })).version).toBe(2);
    expect((await engine.resolve(head.tableId, { tag: SAMPLE_TAG })).version).toBe(2);
    expect((await readRows(engine, head.tableId, { version: 2 }))[2]![1]).toBe(0.543514);
    expect((await readRows(engine, head.tableId))[2]![1]).toBe(0.726245);
    await expect(loadSample(engine)).rejects.toMatchObject({ code: 'TABLE_EXISTS' });
  });
});
