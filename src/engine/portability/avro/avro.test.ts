import avsc from 'avsc';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAvroFile, syncMarker, writeAvroFile } from './container';
import type { AvroSchema } from './schema';

/** Every type the codec supports, in one record (Iceberg's manifests use a subset). */
const schema: AvroSchema = {
  type: 'record',
  name: 'everything',
  fields: [
    { name: 'b', type: 'boolean' },
    { name: 'i', type: 'int', 'field-id': 1 },
    { name: 'l', type: 'long' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 'bytes', type: 'bytes' },
    { name: 's', type: 'string' },
    { name: 'opt', type: ['null', 'long'], default: null },
    { name: 'e', type: { type: 'enum', name: 'color', symbols: ['red', 'green'] } },
    { name: 'fx', type: { type: 'fixed', name: 'four', size: 4 } },
    { name: 'm', type: { type: 'map', values: 'int' } },
    {
      name: 'kv',
      type: [
        'null',
        {
          type: 'array',
          logicalType: 'map',
          items: {
            type: 'record',
            name: 'k1_v2',
            fields: [
              { name: 'key', type: 'int' },
              { name: 'value', type: 'long' },
            ],
          },
        },
      ],
    },
    { name: 'empty', type: { type: 'record', name: 'r102', fields: [] } },
    { name: 'again', type: 'four' },
  ],
};

function record(k: number) {
  return {
    b: k % 2 === 0,
    i: 1 - k,
    l: k % 3 === 0 ? 2n ** 62n + BigInt(k) : BigInt(-k * 1000),
    f: 1.5,
    d: k / 7,
    bytes: new Uint8Array([k & 0xff, 1, 2]),
    s: `row ${k} — ünïcödé`,
    opt: k % 2 === 0 ? null : BigInt(k),
    e: k % 2 === 0 ? 'red' : 'green',
    fx: new Uint8Array([1, 2, 3, k & 0xff]),
    m: { a: k, b: -1 },
    kv: k % 4 === 0 ? null : [{ key: k, value: BigInt(k) * 10n }],
    empty: {},
    again: new Uint8Array([9, 9, 9, 9]),
  };
}

const records = Array.from({ length: 2500 }, (_, k) => record(k)); // three blocks

async function decodeWithAvsc(bytes: Uint8Array): Promise<{ meta: Record<string, string>; records: unknown[] }> {
  const decoder = new avsc.streams.BlockDecoder({ parseHook: (s) => avsc.Type.forSchema(s, { wrapUnions: false }) });
  const meta: Record<string, string> = {};
  decoder.on('metadata', (_t: unknown, _c: unknown, header: { meta: Record<string, Buffer> }) => {
    for (const [k, v] of Object.entries(header.meta)) meta[k] = v.toString();
  });
  const out: unknown[] = [];
  Readable.from([Buffer.from(bytes)]).pipe(decoder);
  for await (const r of decoder) out.push(r);
  return { meta, records: out };
}

describe('Avro object container files', () => {
  it('round-trips every supported type through our writer and reader (bigint longs exact)', () => {
    const bytes = writeAvroFile({ schema, records, metadata: { 'format-version': '2' }, sync: syncMarker('t') });
    const file = readAvroFile(bytes);
    expect(file.metadata['format-version']).toBe('2');
    expect(file.schema).toEqual(schema);
    expect(file.records).toEqual(records.map((r) => ({ ...r, opt: r.opt, kv: r.kv })));
  });

  it('is read by avsc (an independent implementation), header metadata included', async () => {
    const small = records.slice(0, 1200).map((r) => ({ ...r, l: r.l % 2n ** 40n })); // avsc longs are JS numbers
    const bytes = writeAvroFile({ schema, records: small, metadata: { content: 'data' }, sync: syncMarker('t') });
    const { meta, records: got } = await decodeWithAvsc(bytes);
    expect(meta['content']).toBe('data');
    expect(meta['avro.codec']).toBe('null');
    expect(got).toHaveLength(1200);
    const first = got[1] as Record<string, unknown>;
    expect(first['s']).toBe('row 1 — ünïcödé');
    expect(first['l']).toBe(-1000);
    expect(first['i']).toBe(0);
    expect(first['opt']).toBe(1);
    expect(first['kv']).toEqual([{ key: 1, value: 10 }]);
    expect(first['m']).toEqual({ a: 1, b: -1 });
    expect(first['e']).toBe('green');
  });

  it('reads files avsc writes, deflate codec and custom metadata included', async () => {
    const type = avsc.Type.forSchema(schema as avsc.Schema, { wrapUnions: false });
    const encoder = new avsc.streams.BlockEncoder(type, {
      codec: 'deflate',
      metadata: { schema: Buffer.from('{"type":"struct"}') },
    } as Partial<avsc.EncoderOptions>);
    const chunks: Buffer[] = [];
    encoder.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => encoder.on('end', r));
    const small = records.slice(0, 50).map((r) => ({ ...r, l: Number(r.l % 2n ** 40n), opt: r.opt && Number(r.opt) }));
    const toAvsc = (r: (typeof small)[number]) => ({
      ...r,
      bytes: Buffer.from(r.bytes),
      fx: Buffer.from(r.fx),
      again: Buffer.from(r.again),
      kv: r.kv && r.kv.map((e) => ({ key: e.key, value: Number(e.value) })),
    });
    for (const r of small) encoder.write(toAvsc(r));
    encoder.end();
    await done;
    const file = readAvroFile(new Uint8Array(Buffer.concat(chunks)));
    expect(file.metadata['schema']).toBe('{"type":"struct"}');
    expect(file.metadata['avro.codec']).toBe('deflate');
    expect(file.records).toEqual(
      small.map((r) => ({
        ...r,
        l: BigInt(r.l),
        opt: r.opt === null ? null : BigInt(r.opt),
        kv: r.kv && r.kv.map((e) => ({ key: e.key, value: BigInt(e.value) })),
      })),
    );
  });

  it('names the field when a value does not fit its type', () => {
    const bad = { ...record(1), i: 1.5 };
    expect(() => writeAvroFile({ schema, records: [bad], sync: syncMarker('t') })).toThrow(/record 0\.i .*int/);
  });

  it('refuses bad magic, a wrong sync marker and trailing garbage', () => {
    const bytes = writeAvroFile({ schema, records: records.slice(0, 3), sync: syncMarker('t') });
    expect(() => readAvroFile(bytes.slice(1))).toThrow(/magic/);
    const broken = bytes.slice();
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 1;
    expect(() => readAvroFile(broken)).toThrow(/sync/);
    expect(() => readAvroFile(bytes.subarray(0, bytes.length - 20))).toThrow();
  });

  it('writes the same bytes for the same input (deterministic sync marker)', () => {
    const a = writeAvroFile({ schema, records: records.slice(0, 5), sync: syncMarker('snap-1') });
    const b = writeAvroFile({ schema, records: records.slice(0, 5), sync: syncMarker('snap-1') });
    expect(a).toEqual(b);
    expect(syncMarker('snap-1')).not.toEqual(syncMarker('snap-2'));
  });
});
