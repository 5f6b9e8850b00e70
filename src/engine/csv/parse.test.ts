import { Bool, DateDay, Float64, Int64, TimeUnit, Timestamp, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../model/schema';
import { CsvError } from './errors';
import { parseText, rowsOf, schemaOf } from './test-support';

const CHUNK_SIZES = [1, 2, 3, 7, 64, 65536] as const;

const TYPED_SCHEMA: Schema = {
  fields: [
    { name: 'flag', type: 'bool', nullable: true },
    { name: 'id', type: 'int64', nullable: false },
    { name: 'price', type: 'float64', nullable: true },
    { name: 'day', type: 'date', nullable: true },
    { name: 'at', type: 'timestamp', nullable: true },
    { name: 'label', type: 'string', nullable: true },
  ],
};

const TYPED_TEXT = [
  'flag,id,price,day,at,label',
  'true,1,1.5,2024-01-02,2024-01-02 03:04:05,plain',
  'FALSE,-9223372036854775808,-0.25,1969-12-31,2024-01-02T03:04:05.678+01:00,"quoted, with comma"',
  ',9007199254740993,,,,',
  '"true","42","1e3","2000-02-29","2000-02-29",""',
  'false,0,NaN,1970-01-01,1970-01-01T00:00:00Z,"multi\nline ""quoted"""',
].join('\r\n');

const TYPED_ROWS = [
  [true, 1n, 1.5, Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 2, 3, 4, 5), 'plain'],
  [
    false,
    -9223372036854775808n,
    -0.25,
    Date.UTC(1969, 11, 31),
    Date.UTC(2024, 0, 2, 2, 4, 5, 678),
    'quoted, with comma',
  ],
  [null, 9007199254740993n, null, null, null, null],
  [true, 42n, 1000, Date.UTC(2000, 1, 29), Date.UTC(2000, 1, 29), ''],
  [false, 0n, NaN, 0, 0, 'multi\nline "quoted"'],
];

describe('parseCsv typed columns', () => {
  it.each(CHUNK_SIZES)('reads every type into Arrow (chunk size %i)', async (chunkSize) => {
    const batches = await parseText(TYPED_TEXT, { schema: TYPED_SCHEMA }, chunkSize);
    expect(batches).toHaveLength(1);
    expect(rowsOf(batches)).toEqual(TYPED_ROWS);
  });

  it('builds the Arrow types of the model mapping, with validity only where nulls are', async () => {
    const [batch] = await parseText(TYPED_TEXT, { schema: TYPED_SCHEMA });
    const types = batch!.schema.fields.map((f) => f.type);
    expect(types[0]).toBeInstanceOf(Bool);
    expect(types[1]).toBeInstanceOf(Int64);
    expect(types[2]).toBeInstanceOf(Float64);
    expect(types[3]).toBeInstanceOf(DateDay);
    expect(types[4]).toBeInstanceOf(Timestamp);
    expect((types[4] as Timestamp).unit).toBe(TimeUnit.MILLISECOND);
    expect((types[4] as Timestamp).timezone).toBe('UTC');
    expect(types[5]).toBeInstanceOf(Utf8);
    expect(batch!.schema.fields.map((f) => f.nullable)).toEqual([true, false, true, true, true, true]);
    expect(batch!.getChildAt(1)!.nullCount).toBe(0);
    expect(batch!.getChildAt(2)!.nullCount).toBe(1);
    expect(batch!.getChildAt(5)!.nullCount).toBe(1);
  });

  it('keeps -0 in float64 columns', async () => {
    const [batch] = await parseText('x\n-0.0\n', { schema: schemaOf(['x'], 'float64') });
    expect(Object.is(batch!.getChildAt(0)!.get(0), -0)).toBe(true);
  });

  it('can read a numeric-looking column as string, keeping the text as written', async () => {
    const rows = rowsOf(await parseText('zip,n\n08123,1.50\n,2\n', { schema: schemaOf(['zip', 'n'], 'string') }));
    expect(rows).toEqual([
      ['08123', '1.50'],
      [null, '2'],
    ]);
  });

  it('names output columns after the schema', async () => {
    const schema = schemaOf(['first', 'second']);
    const [batch] = await parseText('a,a\n1,2\n', { schema });
    expect(batch!.schema.fields.map((f) => f.name)).toEqual(['first', 'second']);
  });

  it('keeps __proto__ and constructor columns intact', async () => {
    const schema = schemaOf(['__proto__', 'constructor', 'toString'], 'int64');
    const [batch] = await parseText('__proto__,constructor,toString\n1,2,3\n', { schema });
    expect(batch!.schema.fields.map((f) => f.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(rowsOf([batch!])).toEqual([[1n, 2n, 3n]]);
  });

  it('reads blank lines of a one-column file as nulls and skips them in wider files', async () => {
    expect(rowsOf(await parseText('v\n1\n\n2\n\n\n', { schema: schemaOf(['v'], 'int64') }))).toEqual([
      [1n],
      [null],
      [2n],
    ]);
    expect(rowsOf(await parseText('v,w\n1,2\n\n3,4\n', { schema: schemaOf(['v', 'w'], 'int64') }))).toEqual([
      [1n, 2n],
      [3n, 4n],
    ]);
  });
});

describe('parseCsv batches, dialects and encodings', () => {
  it('splits rows into batches of batchRows', async () => {
    const text = `n\n${Array.from({ length: 10 }, (_, i) => i).join('\n')}\n`;
    const batches = await parseText(text, { schema: schemaOf(['n'], 'int64'), batchRows: 4 }, 3);
    expect(batches.map((b) => b.numRows)).toEqual([4, 4, 2]);
    expect(rowsOf(batches).flat()).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
  });

  it('grows buffers past their initial capacity and starts each batch afresh', async () => {
    const count = 5000;
    const text = `n,s\n${Array.from({ length: count }, (_, i) => `${i},s${i}`).join('\n')}`;
    const schema: Schema = {
      fields: [
        { name: 'n', type: 'int64', nullable: false },
        { name: 's', type: 'string', nullable: false },
      ],
    };
    const batches = await parseText(text, { schema, batchRows: 3000 });
    expect(batches.map((b) => b.numRows)).toEqual([3000, 2000]);
    const rows = rowsOf(batches);
    expect(rows[2999]).toEqual([2999n, 's2999']);
    expect(rows[4999]).toEqual([4999n, 's4999']);
  });

  it('yields one empty batch with the schema for a header-only file', async () => {
    const batches = await parseText('a,b\n', { schema: schemaOf(['a', 'b'], 'int64') });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.numRows).toBe(0);
    expect(batches[0]!.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('detects the dialect when none is given and obeys one that is', async () => {
    const text = 'a;b\n1,5;2\n';
    expect(rowsOf(await parseText(text, { schema: schemaOf(['a', 'b']) }))).toEqual([['1,5', '2']]);
    const asComma = await parseText(text, {
      schema: schemaOf(['a;b']),
      dialect: { delimiter: ',', encoding: 'utf-8' },
    }).catch((error: Error) => error);
    expect(asComma).toBeInstanceOf(CsvError);
  });

  it('reads UTF-16 LE and BE files with a BOM', async () => {
    const text = 'name,price\ncafé,1.5\n😀,2\n';
    for (const littleEndian of [true, false]) {
      const units = `\ufeff${text}`;
      const bytes = new Uint8Array(units.length * 2);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
      const schema: Schema = {
        fields: [
          { name: 'name', type: 'string', nullable: false },
          { name: 'price', type: 'float64', nullable: false },
        ],
      };
      for (const chunkSize of [1, 3, 64]) {
        expect(rowsOf(await parseText(bytes, { schema }, chunkSize))).toEqual([
          ['café', 1.5],
          ['😀', 2],
        ]);
      }
    }
  });

  it('reads windows-1252, where 0xE9 is é and 0x80 is €', async () => {
    const bytes = Uint8Array.from([...'name,unit\ncaf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x2c, 0x80, 0x0a]));
    for (const chunkSize of [1, 64]) {
      expect(rowsOf(await parseText(bytes, { schema: schemaOf(['name', 'unit']) }, chunkSize))).toEqual([
        ['café', '€'],
      ]);
    }
  });

  it('strips a UTF-8 BOM split across chunks', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('n\n1\n')]);
    for (const chunkSize of [1, 2, 4]) {
      expect(rowsOf(await parseText(bytes, { schema: schemaOf(['n'], 'int64') }, chunkSize))).toEqual([[1n]]);
    }
  });
});
