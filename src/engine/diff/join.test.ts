/** The merge join (radix-sorted when needed) and the hash join agree, on keys of every kind and order. */
import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../model/schema';
import type { Value } from '../read/values';
import { compareCell } from './cells';
import { hashJoin, joinKeys, matchRows } from './join';
import type { Mat } from './mat';
import { matOf } from './mat';
import { keyOrder, mergeJoin, sortKeys } from './merge-join';

/** A mat of many values, concatenated from one-value mats (test only). */
function matOfValues(type: ColumnType, values: readonly Value[]): Mat {
  const cells = values.map((v) => matOf(type, v));
  const n = values.length;
  const first = cells[0] ?? matOf(type, null);
  const words = first.words.length;
  const out = {
    kind: first.kind,
    n,
    valid: new Uint8Array(n),
    words: new Int32Array(words * n),
    f64: new Float64Array(first.f64.length * n),
    offsets: new Int32Array(first.kind === 'str' ? n + 1 : 0),
    bytes: new Uint8Array(cells.reduce((s, c) => s + c.bytes.length, 0)),
  };
  let at = 0;
  cells.forEach((c, i) => {
    out.valid[i] = c.valid[0]!;
    out.words.set(c.words, i * words);
    if (c.f64.length) out.f64[i] = c.f64[0]!;
    if (out.kind === 'str') {
      out.bytes.set(c.bytes, at);
      at += c.bytes.length;
      out.offsets[i + 1] = at;
    }
  });
  return out;
}

function rng(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const generators: Record<string, (r: () => number) => Value> = {
  int64: (r) => BigInt(Math.floor((r() - 0.5) * 2 ** 40)) * (r() < 0.5 ? 1n : 1_000_003n),
  float64: (r) => [0, -0, NaN, Infinity, -Infinity][Math.floor(r() * 40)] ?? (r() - 0.5) * 1e6,
  date: (r) => Math.floor((r() - 0.5) * 1e5) * 86_400_000,
  timestamp: (r) => Math.floor((r() - 0.5) * 2 ** 45),
  string: (r) => `k${Math.floor(r() * 1e6)}é`,
};

describe.each(Object.keys(generators))('joins on %s keys', (type) => {
  it.each([1, 2, 3, 4, 5])('merge join = hash join (seed %i)', (seed) => {
    const r = rng(seed * 7 + type.length);
    const unique = new Map<string, Value>();
    while (unique.size < 3000) {
      const v = generators[type]!(r);
      unique.set(String(typeof v === 'number' && Object.is(v, -0) ? 0 : v), v);
    }
    const pool = [...unique.values()];
    const pick = (share: number) => pool.filter(() => r() < share).sort(() => r() - 0.5);
    const a = matOfValues(type as ColumnType, pick(0.6));
    const b = matOfValues(type as ColumnType, pick(0.6));
    const hash = hashJoin([a], [b], a.n, b.n);
    expect(hash.duplicate).toBeNull();
    expect(joinKeys([a], [b], a.n, b.n)).toEqual(hash);
    const ka = sortKeys(a);
    if (type === 'string') expect(ka).toBeNull();
    else {
      expect(mergeJoin(ka!, sortKeys(b)!)).toEqual(hash);
      const order = keyOrder(ka!)!;
      for (let i = 1; i < order.length; i++) expect(compareCell(a, order[i - 1]!, a, order[i]!)).toBeLessThan(0);
    }
  });
});

describe('duplicates and nulls', () => {
  it('finds a repeated key on either side, by both joins', () => {
    const a = matOfValues('int64', [5n, 1n, 5n]);
    const b = matOfValues('int64', [1n, 2n]);
    expect(joinKeys([a], [b], 3, 2).duplicate).toEqual({ side: 'from', row: 2 });
    expect(hashJoin([a], [b], 3, 2).duplicate).toMatchObject({ side: 'from' });
    expect(joinKeys([b], [a], 2, 3).duplicate).toMatchObject({ side: 'to' });
  });

  it('joins null keys with the hash join (null matches null)', () => {
    const a = matOfValues('int64', [null, 1n]);
    const b = matOfValues('int64', [1n, null]);
    expect(sortKeys(a)).toBeNull();
    expect([...joinKeys([a], [b], 2, 2).pairA]).toEqual([1, 0]);
  });

  it('matches whole rows as multisets', () => {
    const a = [matOfValues('string', ['x', 'x', 'y']), matOfValues('float64', [1, 1, NaN])];
    const b = [matOfValues('string', ['x', 'y', 'z']), matOfValues('float64', [1, NaN, 1])];
    const { matchedA, matchedB } = matchRows(a, b, 3, 3);
    expect([...matchedA]).toEqual([1, 0, 1]);
    expect([...matchedB]).toEqual([1, 1, 0]);
  });
});
