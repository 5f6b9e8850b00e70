import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { StrataError } from '../../errors';
import { readRows, rows } from '../../testing/fixtures';
import { openEngine, ts } from '../test-support';
import { exportParquet, exportParquetStream } from './export';
import { readParquetColumns } from './read';

const SPEC = 'id:int64,flag:bool?,price:float64?,name:string?,day:date?,at:timestamp?,big:int64?';
const data = [
  [1n, true, 1.5, 'plain', ts('2024-02-29'), ts('2024-01-01 08:00:00.123'), 2n ** 63n - 1n],
  [2n, null, null, null, null, null, null],
  [3n, false, -0.25, 'ünïcödé, "quoted", with\nnewline', ts('1969-07-20'), ts('1969-07-20 20:17:40'), -(2n ** 63n)],
  [4n, true, Number.NaN, '', ts('1970-01-01'), 0, 2n ** 53n + 1n],
] as const;

async function sample() {
  const engine = await openEngine();
  const v = await engine.createFromData(
    'trades',
    rows(
      SPEC,
      data.map((r) => [...r]),
    ),
  );
  return { engine, tableId: v.tableId };
}

describe('exportParquet', () => {
  it('writes the logical types DuckDB, pyarrow and Spark expect', async () => {
    const { engine, tableId } = await sample();
    const bytes = await exportParquet(engine, tableId);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const byName = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, e]));
    expect(byName['id']).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED' });
    expect(byName['id']!.logical_type).toBeUndefined();
    expect(byName['flag']).toMatchObject({ type: 'BOOLEAN', repetition_type: 'OPTIONAL' });
    expect(byName['price']).toMatchObject({ type: 'DOUBLE' });
    expect(byName['name']).toMatchObject({
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
    });
    expect(byName['day']).toMatchObject({ type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } });
    expect(byName['at']).toMatchObject({
      type: 'INT64',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    });
    expect(meta.num_rows).toBe(4n);
    expect(meta.key_value_metadata).toContainEqual({ key: 'strata.table', value: 'trades' });
    expect(meta.key_value_metadata).toContainEqual({ key: 'strata.version', value: '0' });
  });

  it('reads back with hyparquet to the same values: nulls, int64 beyond 2^53, dates, UTC timestamps', async () => {
    const { engine, tableId } = await sample();
    const bytes = await exportParquet(engine, tableId);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    const raw = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(raw.map((r) => r['big'])).toEqual([2n ** 63n - 1n, null, -(2n ** 63n), 2n ** 53n + 1n]);
    expect(raw.map((r) => (r['at'] as Date | null)?.toISOString() ?? null)).toEqual([
      '2024-01-01T08:00:00.123Z',
      null,
      '1969-07-20T20:17:40.000Z',
      '1970-01-01T00:00:00.000Z',
    ]);
    expect(raw.map((r) => (r['day'] as Date | null)?.toISOString().slice(0, 10) ?? null)).toEqual([
      '2024-02-29',
      null,
      '1969-07-20',
      '1970-01-01',
    ]);
    expect(raw[2]!['name']).toBe('ünïcödé, "quoted", with\nnewline');
    expect(Number.isNaN(raw[3]!['price'])).toBe(true);
    // And exactly the engine's values through our reader (the Iceberg importer's path).
    const back = await readParquetColumns(bytes, 'x.parquet');
    const asRows = back.columns[0]!.map((_, r) => back.columns.map((c) => c[r]));
    expect(asRows).toEqual(await readRows(engine, tableId));
    expect(back.fields).toEqual((await engine.resolve(tableId)).schema.fields);
  });

  it('streams row group by row group and exports any version (as of a version or a time)', async () => {
    const engine = await openEngine();
    const v0 = await engine.createFromData('t', rows('n:int64', [[1n], [2n]]));
    await engine.append(v0.tableId, rows('n:int64', [[3n], [4n], [5n]]));
    const chunks: Uint8Array[] = [];
    const report = await exportParquetStream(engine, v0.tableId, { version: 1 }, (c) => void chunks.push(c), {
      rowGroupRows: 2,
    });
    expect(report).toMatchObject({ tableName: 't', version: 1, rows: 5 });
    expect(chunks.length).toBeGreaterThan(3);
    const bytes = new Uint8Array(Buffer.concat(chunks));
    expect(bytes.length).toBe(report.bytes);
    const meta = parquetMetadata(bytes.buffer as ArrayBuffer);
    expect(meta.row_groups.map((g) => g.num_rows)).toEqual([2n, 2n, 1n]);
    expect((await readParquetColumns(bytes, 'v1')).columns[0]).toEqual([1n, 2n, 3n, 4n, 5n]);
    const v0bytes = await exportParquet(engine, v0.tableId, { version: 0 });
    expect((await readParquetColumns(v0bytes, 'v0')).columns[0]).toEqual([1n, 2n]);
  });

  it('writes an empty version as a valid zero-row file with its schema', async () => {
    const engine = await openEngine();
    const v = await engine.createFromData('t', rows('n:int64,s:string?', [[1n, 'a']]));
    await engine.deleteRows(v.tableId, { positions: [0] });
    const back = await readParquetColumns(await exportParquet(engine, v.tableId), 'empty');
    expect(back.rows).toBe(0);
    expect(back.fields.map((f) => f.name)).toEqual(['n', 's']);
  });

  it('refuses an expired version with EXPIRED', async () => {
    const engine = await openEngine();
    const v = await engine.createFromData('t', rows('n:int64', [[1n]]));
    await engine.append(v.tableId, rows('n:int64', [[2n]]));
    await engine.prune(v.tableId);
    await expect(exportParquet(engine, v.tableId, { version: 0 })).rejects.toSatisfy(
      (e) => e instanceof StrataError && e.code === 'EXPIRED',
    );
  });
});
