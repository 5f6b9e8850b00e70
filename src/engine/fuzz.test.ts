/**
 * Seeded fuzz: random operations through the engine, each mirrored on a naive in-memory model; afterwards every
 * version reads back exactly as the model recorded it.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { createMemoryStorage } from './storage/memory';
import { readRows, rows } from './testing/fixtures';
import type { Value } from './read/values';

const S = 'id:int64,v:float64?,s:string?';
type Row = [bigint, number | null, string | null];

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe.each(Array.from({ length: 12 }, (_, i) => i + 1))('fuzz seed %i', (seed) => {
  it('every version equals the naive replay', async () => {
    const random = rng(seed);
    const pick = (n: number) => Math.floor(random() * n);
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 1 + pick(4) });
    let nextId = 0n;
    const fresh = (n: number): Row[] =>
      Array.from({ length: n }, () => [
        (nextId += 1n + BigInt(pick(3))),
        random() < 0.2 ? null : pick(100),
        random() < 0.2 ? null : `s${pick(9)}`,
      ]);
    let model: Row[] = fresh(5);
    const { tableId } = await engine.createFromData('fuzz', rows(S, model));
    const history: Row[][] = [model];
    for (let step = 0; step < 60; step++) {
      const kind = pick(7);
      if (kind === 0 || model.length === 0) {
        const add = fresh(1 + pick(4));
        await engine.append(tableId, rows(S, add));
        model = [...model, ...add];
      } else if (kind === 1) {
        const existing = model.filter(() => random() < 0.3).map((r): Row => [r[0], pick(100), 'u']);
        const add = fresh(pick(3));
        const incoming = [...existing, ...add];
        if (!incoming.length) continue;
        await engine.upsert(tableId, rows(S, incoming), { key: ['id'] });
        const byId = new Map(existing.map((r) => [r[0], r]));
        model = [...model.map((r) => byId.get(r[0]) ?? r), ...add];
      } else if (kind === 2) {
        const gone = new Set(model.filter(() => random() < 0.25).map((r) => r[0]));
        if (!gone.size) continue;
        await engine.deleteRows(tableId, { keys: { column: 'id', values: [...gone].map(Number) } });
        model = model.filter((r) => !gone.has(r[0]));
      } else if (kind === 3) {
        // Restate a range of ids (the table stays sorted by id: ids only grow).
        const a = model[pick(model.length)]![0];
        const incoming: Row[] = [
          [a, -1, 'r'],
          [a + 1n, -2, null],
        ];
        const [min, max] = [a, a + 1n];
        if (nextId < max) nextId = max;
        await engine.updateRange(tableId, rows(S, incoming), { column: 'id' });
        const inRange = (r: Row) => r[0] >= min && r[0] <= max;
        let cut = model.findIndex(inRange);
        if (cut < 0) cut = model.findIndex((r) => r[0] > max);
        if (cut < 0) cut = model.length;
        model = [...model.slice(0, cut), ...incoming, ...model.slice(cut).filter((r) => !inRange(r))];
      } else if (kind === 4) {
        const v = pick(history.length);
        await engine.restore(tableId, v);
        model = history[v]!;
      } else if (kind === 5) {
        await engine.compact(tableId);
      } else {
        const add = fresh(1 + pick(3));
        await engine.overwrite(tableId, rows(S, add));
        model = add;
      }
      const head = (await engine.table(tableId)).head;
      while (history.length <= head) history.push(model);
    }
    for (let v = 0; v < history.length; v++) {
      expect(await readRows(engine, tableId, { version: v }), `version ${v}`).toEqual(history[v] as Value[][]);
    }
    expect((await engine.verify()).ok).toBe(true);
  });
});
