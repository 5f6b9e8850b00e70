import { describe, expect, it } from 'vitest';
import { StrataEngine } from './engine';
import { countingBlobStore } from './storage/faulty';
import { createMemoryStorage } from './storage/memory';
import { readRows, rows } from './testing/fixtures';

describe('windowed reads', () => {
  it('the first screen of a version reads only the segments it overlaps', async () => {
    const base = createMemoryStorage();
    const blobs = countingBlobStore(base.blobs);
    const engine = new StrataEngine({ ...base, blobs }, { segmentRows: 10 });
    const data = Array.from({ length: 100 }, (_, i) => [BigInt(i), `r${i}`] as const);
    const { tableId } = await engine.createFromData(
      't',
      rows(
        'id:int64,s:string',
        data.map((r) => [...r]),
      ),
    );
    await engine.deleteRows(tableId, { keys: { column: 'id', values: [0, 1, 2, 15] } });
    engine.ctx.loader.clear();
    blobs.reads.clear();
    const r = await engine.read(tableId, undefined, { offset: 5, limit: 10 });
    expect(r.totalRows).toBe(96);
    expect([...r.positions]).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(r.table.getChild('id')!.toArray()).toEqual(
      new BigInt64Array([8n, 9n, 10n, 11n, 12n, 13n, 14n, 16n, 17n, 18n]),
    );
    // Two data files and their deletion vectors, out of ten segments.
    expect(blobs.reads.size).toBeLessThanOrEqual(4);
    expect((await readRows(engine, tableId)).length).toBe(96);
  });
});
