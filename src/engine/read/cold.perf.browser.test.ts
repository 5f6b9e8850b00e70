/**
 * What a cold read of a 1M-row version costs in Chromium, piece by piece: reading its data files from OPFS, verifying
 * their CRC-32, decoding the Arrow IPC (skipped unless VITE_COLD_PERF=1; timing is printed, never asserted):
 *
 *   VITE_COLD_PERF=1 npx vitest run --project browser src/engine/read/cold.perf.browser.test.ts
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { StrataEngine } from '../engine';
import type { Schema } from '../model/schema';
import { openBrowserStorage } from '../storage/browser';
import { crc32 } from '../util/crc32';
import { tableFromValues } from './gather';
import type { Value } from './values';

const schema: Schema = {
  fields: [
    { name: 'id', type: 'int64', nullable: false },
    { name: 'ts', type: 'timestamp', nullable: false },
    { name: 'symbol', type: 'string', nullable: false },
    { name: 'open', type: 'float64', nullable: false },
    { name: 'high', type: 'float64', nullable: false },
    { name: 'low', type: 'float64', nullable: false },
    { name: 'close', type: 'float64', nullable: false },
    { name: 'volume', type: 'int64', nullable: false },
  ],
};

describe.skipIf(import.meta.env['VITE_COLD_PERF'] !== '1')('cold read', () => {
  it('reads, checks and decodes the data files of a 1M-row version', { timeout: 600_000 }, async () => {
    const n = 1_000_000;
    const cols: Value[][] = schema.fields.map(() => new Array<Value>(n));
    for (let id = 0; id < n; id++) {
      cols[0]![id] = BigInt(id * 3);
      cols[1]![id] = 1_704_067_200_000 + id * 60_000;
      cols[2]![id] = `S${id % 500}`;
      cols[3]![id] = 100 + (id % 1000) / 10.3;
      cols[4]![id] = 101 + (id % 1000) / 10.7;
      cols[5]![id] = 99 + (id % 1000) / 10.1;
      cols[6]![id] = 100 + (id % 997) / 7;
      cols[7]![id] = BigInt(1000 + (id % 7919));
    }
    const storage = await openBrowserStorage({ dbName: 'cold-perf', dataDir: 'cold-perf' });
    const engine = new StrataEngine(storage);
    await engine.open();
    const { tableId } = await engine.createFromData(`t${Date.now()}`, tableFromValues(schema, cols, n));
    const list = await engine.ctx.list(await engine.resolve(tableId, { version: 0 }));
    for (let round = 1; round <= 3; round++) {
      let bytes = 0;
      let checksumMs = 0;
      let decodeMs = 0;
      const t0 = performance.now();
      const files = [];
      for (const ref of list) files.push(await storage.blobs.read(ref.file));
      const readMs = performance.now() - t0;
      for (const b of files) {
        bytes += b.length;
        const c = performance.now();
        crc32(b);
        checksumMs += performance.now() - c;
        const d = performance.now();
        expect(tableFromIPC(b).numRows).toBeGreaterThan(0);
        decodeMs += performance.now() - d;
      }
      console.log(
        `cold read, round ${round}: ${list.length} files, ${(bytes / 1e6).toFixed(1)} MB: read ${readMs.toFixed(0)} ms, ` +
          `CRC-32 ${checksumMs.toFixed(0)} ms, IPC decode ${decodeMs.toFixed(0)} ms`,
      );
    }
    await engine.deleteTable(tableId);
  });
});
