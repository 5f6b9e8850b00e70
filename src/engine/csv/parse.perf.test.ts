/**
 * Throughput check, skipped unless CSV_PERF=1 (it prints figures and asserts correctness only, never timing):
 *   CSV_PERF=1 npx vitest run --project unit src/engine/csv/parse.perf.test.ts
 */
import { describe, expect, it } from 'vitest';
import type { Schema } from '../model/schema';
import { parseCsv } from './parse';
import { sniffCsv } from './sniff';
import { memorySource } from './test-support';
import type { ByteSource } from './types';

const ROWS = 1_000_000;
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA', 'META', 'TSLA', 'ARCT'] as const;

/** `id,ts,symbol,open,high,low,close,volume` with second timestamps and 6-decimal prices (about 84 MB). */
function generate(rows: number): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode('id,ts,symbol,open,high,low,close,volume\n')];
  const start = Date.UTC(2024, 0, 1);
  let price = 100;
  for (let from = 0; from < rows; from += 10_000) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(rows, from + 10_000); i++) {
      price = Math.max(1, price + ((i * 7919) % 2001) / 1000 - 1);
      const ts = new Date(start + i * 1000).toISOString().slice(0, 19).replace('T', ' ');
      const open = price.toFixed(6);
      const high = (price + 0.5).toFixed(6);
      const low = (price - 0.5).toFixed(6);
      const close = (price + 0.123456).toFixed(6);
      lines.push(`${i},${ts},${SYMBOLS[i % SYMBOLS.length]},${open},${high},${low},${close},${(i * 31) % 1_000_000}\n`);
    }
    parts.push(encoder.encode(lines.join('')));
  }
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

describe.skipIf(process.env.CSV_PERF !== '1')('parseCsv throughput', () => {
  it('parses 1M rows × 8 columns', { timeout: 120_000 }, async () => {
    const bytes = generate(ROWS);
    const file = new Blob([bytes]);
    const sniffStart = performance.now();
    const preview = await sniffCsv(file);
    const sniffMs = performance.now() - sniffStart;
    expect(preview.columns.map((c) => c.type)).toEqual([
      'int64',
      'timestamp',
      'string',
      'float64',
      'float64',
      'float64',
      'float64',
      'int64',
    ]);
    const schema: Schema = { fields: preview.columns.map(({ name, type, nullable }) => ({ name, type, nullable })) };

    /** Wall and process CPU time of N full parses, checking the row count and the last id. */
    const measure = async (source: ByteSource, runs: number) => {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      for (let run = 0; run < runs; run++) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        let rows = 0;
        let lastId = -1n;
        for await (const batch of parseCsv(source, { schema, dialect: preview.dialect })) {
          rows += batch.numRows;
          lastId = batch.getChildAt(0)!.get(batch.numRows - 1) as bigint;
        }
        times.push(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        expect(rows).toBe(ROWS);
        expect(lastId).toBe(BigInt(ROWS - 1));
      }
      return { times, cpuTimes };
    };
    // CPU time is printed too: on a shared machine it varies less than wall time.
    const report = (label: string, { times, cpuTimes }: { times: number[]; cpuTimes: number[] }) => {
      const best = Math.min(...times);
      const rowsPerSecond = Math.round(ROWS / (best / 1000)).toLocaleString('en-US');
      const megabytesPerSecond = (bytes.length / 1e6 / (best / 1000)).toFixed(0);
      console.log(
        `CSV perf (${label}): wall ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
          `CPU ${cpuTimes.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
          `best wall ${best.toFixed(0)} ms = ${rowsPerSecond} rows/s, ${megabytesPerSecond} MB/s`,
      );
    };

    console.log(
      `CSV perf: ${ROWS} rows × 8 columns, ${(bytes.length / 1e6).toFixed(1)} MB; sniff ${sniffMs.toFixed(0)} ms`,
    );
    // Node's Blob streams an in-memory blob as one chunk (the parser cuts it into 1 MiB pieces); browsers' File
    // streams come in chunks of tens of KiB, which the second source imitates.
    report('Blob', await measure(file, 5));
    report('64 KiB chunks', await measure(memorySource(bytes, 64 * 1024), 3));
  });
});
