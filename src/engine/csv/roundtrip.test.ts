/**
 * Property test: random tables written as CSV (any delimiter, line end, quoting need) read back identically, whatever
 * the chunk size. Seeded, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import type { Schema } from '../model/schema';
import { parseText, rowsOf } from './test-support';
import { CSV_DELIMITERS } from './types';

function randomGenerator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', '"', ',', ';', '\t', '|', '\n', '\r', 'é', '€', '😀', 'x'];

function toCsv(header: string[], rows: (string | null)[][], delimiter: string, lineEnd: string): string {
  const quote = (value: string | null) => {
    if (value === null) return '';
    const needsQuotes = value === '' || /["\r\n]/.test(value) || value.includes(delimiter);
    return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
  };
  return [header, ...rows].map((row) => row.map(quote).join(delimiter)).join(lineEnd);
}

describe('round trip', () => {
  it('reads back random string tables exactly', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = randomGenerator(seed);
      const columns = 2 + random.below(4);
      const header = Array.from({ length: columns }, (_, c) => `c${c}`);
      const rows = Array.from({ length: random.below(12) }, () =>
        header.map(() => {
          if (random.below(6) === 0) return null;
          return Array.from({ length: random.below(6) }, () => random.pick(ALPHABET)).join('');
        }),
      );
      const delimiter = random.pick(CSV_DELIMITERS);
      const lineEnd = random.pick(['\n', '\r\n', '\r']);
      const trailing = random.pick(['', lineEnd, lineEnd + lineEnd]);
      const text = toCsv(header, rows, delimiter, lineEnd) + trailing;
      const schema: Schema = { fields: header.map((name) => ({ name, type: 'string', nullable: true })) };
      const chunkSize = random.pick([1, 2, 3, 5, 7, 16, 64, 4096]);
      const batches = await parseText(text, { schema, dialect: { delimiter, encoding: 'utf-8' } }, chunkSize);
      expect(rowsOf(batches), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(rows);
    }
  });

  it('reads back random typed tables exactly', async () => {
    const random = randomGenerator(99);
    const rows = Array.from({ length: 500 }, (_, i) => {
      const ms = Date.UTC(1900, 0, 1) + random.below(2 ** 30) * 4000 + random.below(1000);
      return [
        random.below(2) === 0,
        // Half within ±2^53 (word-writing fast path), half anywhere in int64 (BigInt path).
        BigInt.asIntN(
          64,
          BigInt(random.below(2 ** 31) - 2 ** 30) * BigInt(random.below(2 ** 31)) * (random.below(2) ? 1n : 2n ** 33n),
        ),
        (random.below(2 ** 31) - 2 ** 30) / 10 ** random.below(9),
        Math.floor(ms / 86_400_000) * 86_400_000,
        i % 7 === 0 ? null : ms,
      ] as const;
    });
    const text = [
      'flag,big,number,day,at',
      ...rows.map(([flag, big, number, day, at]) =>
        [
          flag ? 'True' : 'false',
          big.toString(),
          String(number),
          new Date(day).toISOString().slice(0, 10),
          at === null ? '' : new Date(at).toISOString().replace('T', random.pick(['T', ' '])),
        ].join(','),
      ),
    ].join('\n');
    const schema: Schema = {
      fields: [
        { name: 'flag', type: 'bool', nullable: false },
        { name: 'big', type: 'int64', nullable: false },
        { name: 'number', type: 'float64', nullable: false },
        { name: 'day', type: 'date', nullable: false },
        { name: 'at', type: 'timestamp', nullable: true },
      ],
    };
    for (const chunkSize of [3, 97, 65536]) {
      const batches = await parseText(text, { schema, batchRows: 128 }, chunkSize);
      expect(batches.map((b) => b.numRows)).toEqual([128, 128, 128, 116]);
      expect(rowsOf(batches)).toEqual(rows.map((row) => [...row]));
    }
  });
});
