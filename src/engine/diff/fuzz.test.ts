/**
 * Seeded fuzz: random operations through the engine, then the diff of random version pairs equals a naive diff of
 * the two versions read in full.
 * - Unique ids: the keyed diff equals the naive keyed diff.
 * - Repeating values (no unique column): whatever key inference picks, the diff refines the multiset diff (removed
 *   and old forms of changed rows = rows only in `from`; added and new forms = rows only in `to`); in multiset mode
 *   it equals it.
 */
import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import type { Value } from '../read/values';
import { createMemoryStorage } from '../storage/memory';
import { rows, toRows } from '../testing/fixtures';
import { diffVersions } from './diff';
import { asNaive, keyText, naiveDiff } from './test-support';
import type { DiffResult } from './types';

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** The diff as a multiset difference of whole rows (texts), read from its window. */
function multisetOf(d: DiffResult): { added: string[]; removed: string[] } {
  const t = d.window(0, 1e9).rows;
  const names = t.schema.fields.map((f) => f.name);
  const col = (n: string) => names.indexOf(n);
  const added: string[] = [];
  const removed: string[] = [];
  const norm = (v: Value) => (typeof v === 'bigint' ? Number(v) : v);
  for (const r of toRows(t)) {
    const shown = d.columns.map((c) => norm(r[col(c.valueColumn)] ?? null));
    const kind = r[col(d.windowColumns.change)];
    if (kind === 'added') added.push(keyText(shown));
    else if (kind === 'removed') removed.push(keyText(shown));
    else {
      added.push(keyText(shown));
      removed.push(keyText(d.columns.map((c, i) => (c.oldColumn ? norm(r[col(c.oldColumn)] ?? null) : shown[i]!))));
    }
  }
  return { added: added.sort(), removed: removed.sort() };
}

const pairsOf = (versions: number, pick: (n: number) => number) => [
  ...Array.from({ length: versions - 1 }, (_, v) => [v, v + 1] as const),
  ...Array.from({ length: 12 }, () => [pick(versions), pick(versions)] as const),
];

describe.each(Array.from({ length: 10 }, (_, i) => i + 1))('diff fuzz seed %i', (seed) => {
  it('keyed diffs of random version pairs equal the naive diff', async () => {
    const random = rng(seed);
    const pick = (n: number) => Math.floor(random() * n);
    const S = 'id:int64,v:float64?,s:string?';
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 1 + pick(5) });
    let nextId = 0n;
    const fresh = (n: number) =>
      Array.from({ length: n }, () => [
        (nextId += 1n + BigInt(pick(3))),
        random() < 0.2 ? null : pick(20),
        random() < 0.2 ? null : `s${pick(5)}`,
      ]);
    let ids: bigint[] = [];
    const { tableId } = await engine.createFromData('fuzz', rows(S, fresh(8)));
    const live = async () => (ids = (await engine.readAll(tableId)).getChild('id')!.toArray() as unknown as bigint[]);
    await live();
    for (let step = 0; step < 25; step++) {
      const kind = pick(8);
      if (kind <= 1 || ids.length === 0) {
        await engine.append(tableId, rows(S, fresh(1 + pick(4))));
      } else if (kind === 2) {
        const existing = [...ids].filter(() => random() < 0.3).map((id) => [id, pick(20), random() < 0.5 ? 'u' : null]);
        if (!existing.length) continue;
        await engine.upsert(tableId, rows(S, [...existing, ...fresh(pick(2))]), { key: ['id'] });
      } else if (kind === 3) {
        const gone = [...ids].filter(() => random() < 0.25).map(Number);
        if (!gone.length) continue;
        await engine.deleteRows(tableId, { keys: { column: 'id', values: gone } });
      } else if (kind === 4) {
        const a = ids[pick(ids.length)]!;
        if (nextId < a + 1n) nextId = a + 1n;
        await engine.updateRange(
          tableId,
          rows(S, [
            [a, -1, 'r'],
            [a + 1n, pick(3) === 0 ? null : -2, null],
          ]),
          { column: 'id' },
        );
      } else if (kind === 5) {
        await engine.restore(tableId, pick((await engine.table(tableId)).head + 1));
      } else if (kind === 6) {
        await engine.compact(tableId);
      } else {
        await engine.overwrite(tableId, rows(S, fresh(1 + pick(6))));
      }
      await live();
    }
    const versions = (await engine.table(tableId)).head + 1;
    for (const [a, b] of pairsOf(versions, pick)) {
      const d = await diffVersions(engine, tableId, a, b, { key: ['id'] });
      expect(asNaive(d), `diff ${a} → ${b}`).toEqual(await naiveDiff(engine, tableId, a, b, ['id']));
      const inferred = await diffVersions(engine, tableId, a, b);
      const naive = await naiveDiff(engine, tableId, a, b, null);
      expect(multisetOf(inferred), `inferred diff ${a} → ${b}`).toEqual({ added: naive.added, removed: naive.removed });
    }
  });

  it('unkeyed diffs of tables with repeated rows refine the naive multiset diff', async () => {
    const random = rng(seed * 7919);
    const pick = (n: number) => Math.floor(random() * n);
    const S = 'g:int64,v:float64?';
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 1 + pick(4) });
    const fresh = (n: number) => Array.from({ length: n }, () => [BigInt(pick(4)), random() < 0.2 ? null : pick(3)]);
    const { tableId } = await engine.createFromData('dups', rows(S, fresh(8)));
    for (let step = 0; step < 20; step++) {
      const kind = pick(6);
      if (kind <= 1) await engine.append(tableId, rows(S, fresh(1 + pick(4))));
      else if (kind === 2) await engine.deleteRows(tableId, { predicate: { column: 'v', op: 'eq', value: pick(3) } });
      else if (kind === 3) {
        const g = BigInt(pick(4));
        await engine.updateRange(tableId, rows(S, [[g, pick(3)]]), { column: 'g' });
      } else if (kind === 4) await engine.restore(tableId, pick((await engine.table(tableId)).head + 1));
      else await engine.overwrite(tableId, rows(S, fresh(1 + pick(8))));
    }
    const versions = (await engine.table(tableId)).head + 1;
    for (const [a, b] of pairsOf(versions, pick)) {
      const d = await diffVersions(engine, tableId, a, b);
      const naive = await naiveDiff(engine, tableId, a, b, null);
      expect(multisetOf(d), `diff ${a} → ${b} (${d.mode})`).toEqual({ added: naive.added, removed: naive.removed });
      if (d.mode === 'multiset') expect(asNaive(d)).toEqual(naive);
    }
  });
});
