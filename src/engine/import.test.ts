import { describe, expect, it } from 'vitest';
import { sniffCsv } from './csv';
import { StrataEngine } from './engine';
import { importCsv, type ImportOptions } from './import';
import { createMemoryStorage } from './storage/memory';
import { readRows } from './testing/fixtures';

const blob = (text: string) => new Blob([text]);

async function importText(engine: StrataEngine, text: string, opts: Partial<ImportOptions> & { tableName: string }) {
  const source = blob(text);
  const preview = await sniffCsv(source);
  return importCsv(engine, {
    source,
    fileName: `${opts.tableName}.csv`,
    mode: 'create',
    schema: { fields: preview.columns.map(({ name, type, nullable }) => ({ name, type, nullable })) },
    ...opts,
  });
}

const DAYS = `datetime,open,close
2024-01-01 08:00:00,0.758089,0.339878
2024-01-01 16:29:00,0.221275,0.773076
2024-01-02 08:00:00,0.543514,0.121713
2024-01-02 16:29:00,0.363511,0.506118
2024-01-03 08:00:00,0.054882,0.319868
`;

describe('CSV import into versions', () => {
  it('creates, appends, restates a range and upserts, each one version', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    const v0 = await importText(engine, DAYS, { tableName: 'AAPL' });
    expect([v0.version, v0.operation, v0.summary.totalRows]).toEqual([0, 'create', 5]);
    const v1 = await importText(engine, 'datetime,open,close\n2024-01-04 08:00:00,0.8,0.5\n', {
      tableName: 'AAPL',
      mode: 'append',
    });
    expect(v1.version).toBe(1);
    const v2 = await importText(
      engine,
      'datetime,open,close\n2024-01-02 08:00:00,0.726245,0.209358\n2024-01-02 16:29:00,0.91218,0.31721\n',
      { tableName: 'AAPL', mode: 'updateRange', rangeColumn: 'datetime' },
    );
    expect(v2.operation).toBe('update');
    const rowsNow = await readRows(engine, v0.tableId);
    expect(rowsNow.map((r) => r[1])).toEqual([0.758089, 0.221275, 0.726245, 0.91218, 0.054882, 0.8]);
    expect((await readRows(engine, v0.tableId, { version: 1 })).map((r) => r[1])[2]).toBe(0.543514);
  });

  it('a bad value fails naming file, line, column and value, and commits nothing', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    await importText(engine, 'id,x\n1,2\n', { tableName: 't' });
    const err = await importText(engine, 'id,x\n3,4\n5,abc\n', {
      tableName: 't',
      mode: 'append',
      schema: {
        fields: [
          { name: 'id', type: 'int64', nullable: false },
          { name: 'x', type: 'int64', nullable: false },
        ],
      },
    }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/t\.csv.*line 3.*"x".*abc/);
    expect((await engine.listTables())[0]!.head).toBe(0);
    expect(await engine.ctx.catalog.listStaging()).toEqual([]);
    await engine.gc();
    expect((await engine.ctx.storage.blobs.list()).length).toBe(1);
  });

  it('a cancelled import leaves no version and no staged file', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 1000 });
    const big = 'id,name\n' + Array.from({ length: 200_000 }, (_, i) => `${i},name ${i}`).join('\n');
    const controller = new AbortController();
    const err = await importText(engine, big, {
      tableName: 'big',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rows > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ABORTED' });
    expect(await engine.listTables()).toEqual([]);
    expect(await engine.ctx.catalog.listStaging()).toEqual([]);
    expect(await engine.ctx.storage.blobs.list()).toEqual([]);
  });

  it('refuses to create over an existing name and to append to a missing table', async () => {
    const engine = new StrataEngine(createMemoryStorage());
    await importText(engine, 'a\n1\n', { tableName: 'x' });
    await expect(importText(engine, 'a\n1\n', { tableName: 'x' })).rejects.toMatchObject({ code: 'TABLE_EXISTS' });
    await expect(importText(engine, 'a\n1\n', { tableName: 'y', mode: 'append' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('an import overtaken by a background compaction reads its file again and commits every row', async () => {
    const engine = new StrataEngine(createMemoryStorage(), { segmentRows: 4 });
    await importText(engine, 'id,name\n1,a\n', { tableName: 't' });
    await importText(engine, 'id,name\n2,b\n', { tableName: 't', mode: 'append' });
    const table = (await engine.tableByName('t'))!;
    const file = blob('id,name\n7,x\n8,y\n');
    let reads = 0;
    // The first read of the file lets a compaction land while the overwrite is being prepared.
    const source = {
      size: file.size,
      stream: () => {
        reads++;
        if (reads > 1) return file.stream();
        const inner = file.stream().getReader();
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            await engine.compact(table.id);
            const { done, value } = await inner.read();
            if (done) controller.close();
            else controller.enqueue(value);
          },
        });
      },
    };
    const info = await importCsv(engine, {
      source,
      fileName: 't.csv',
      tableName: 't',
      mode: 'overwrite',
      schema: { fields: [...table.schema.fields] },
    });
    expect(reads).toBeGreaterThan(1);
    expect(info.operation).toBe('overwrite');
    expect((await readRows(engine, table.id)).map((r) => r[1])).toEqual(['x', 'y']);
    const { versions } = await engine.history(table.id);
    expect(versions.map((v) => v.operation).slice(0, 2)).toEqual(['overwrite', 'compact']);
  });
});
