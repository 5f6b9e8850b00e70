/**
 * Avro object container files (spec §"Object Container Files"): the magic `Obj\x01`, a metadata map (avro.schema,
 * avro.codec and the writer's own keys — Iceberg puts its schema, partition spec, format version and content there),
 * a 16-byte sync marker, then blocks of records each followed by the marker. Written with the `null` codec; read with
 * `null` or `deflate` (what Java Iceberg writes by default).
 */
import { inflateSync } from 'fflate';
import { AvroReader, AvroWriter } from './binary';
import { decodeDatum, encodeDatum, type AvroValue } from './datum';
import { resolveSchema, type AvroSchema, type ResolvedSchema } from './schema';

const MAGIC = [0x4f, 0x62, 0x6a, 0x01] as const;
const RECORDS_PER_BLOCK = 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface AvroFile {
  /** The writer's schema, as written in the header. */
  readonly schema: AvroSchema;
  readonly resolved: ResolvedSchema;
  /** The header's metadata, decoded as UTF-8 text. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly records: AvroValue[];
}

/** A deterministic 16-byte sync marker from a seed (FNV-1a), so the same content gives the same file. */
export function syncMarker(seed: string): Uint8Array {
  const out = new Uint8Array(16);
  let h = 0x811c9dc5;
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < seed.length; j++) h = Math.imul(h ^ seed.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ i, 0x01000193);
    out[i] = h >>> 24;
  }
  return out;
}

export function writeAvroFile(opts: {
  readonly schema: AvroSchema;
  readonly records: readonly unknown[];
  /** Extra header metadata (avro.schema and avro.codec are added). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly sync: Uint8Array;
}): Uint8Array {
  if (opts.sync.length !== 16) throw new RangeError('An Avro sync marker has 16 bytes');
  const resolved = resolveSchema(opts.schema);
  const w = new AvroWriter();
  w.raw(Uint8Array.from(MAGIC));
  const meta: [string, string][] = [
    ['avro.schema', JSON.stringify(opts.schema)],
    ['avro.codec', 'null'],
    ...Object.entries(opts.metadata ?? {}),
  ];
  w.long(meta.length);
  for (const [k, v] of meta) {
    w.string(k);
    w.bytes(encoder.encode(v));
  }
  w.long(0);
  w.raw(opts.sync);
  for (let i = 0; i < opts.records.length; i += RECORDS_PER_BLOCK) {
    const block = new AvroWriter();
    const slice = opts.records.slice(i, i + RECORDS_PER_BLOCK);
    slice.forEach((r, k) => encodeDatum(block, resolved, r, `record ${i + k}`));
    w.long(slice.length);
    w.long(block.length);
    w.raw(block.bytesView());
    w.raw(opts.sync);
  }
  return w.bytesView().slice();
}

/** Parses a whole container file. Throws Error (with a reason) on anything malformed. */
export function readAvroFile(bytes: Uint8Array): AvroFile {
  const r = new AvroReader(bytes);
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('not an Avro container file (bad magic)');
  r.raw(4);
  const metadata: Record<string, string> = {};
  for (;;) {
    let n = r.count();
    if (n === 0) break;
    if (n < 0) {
      n = -n;
      r.count();
    }
    for (let i = 0; i < n; i++) {
      const key = r.string();
      metadata[key] = decoder.decode(r.bytes());
    }
  }
  const sync = r.raw(16);
  const schemaText = metadata['avro.schema'];
  if (schemaText === undefined) throw new Error('Avro header has no avro.schema');
  const schema = JSON.parse(schemaText) as AvroSchema;
  const resolved = resolveSchema(schema);
  const codec = metadata['avro.codec'] ?? 'null';
  if (codec !== 'null' && codec !== 'deflate') throw new Error(`unsupported Avro codec ${codec}`);
  const records: AvroValue[] = [];
  while (r.remaining > 0) {
    const count = r.count();
    const size = r.count();
    if (count < 0 || size < 0) throw new Error('negative Avro block count or size');
    const raw = r.raw(size);
    const data = codec === 'deflate' ? inflateSync(raw) : raw;
    const marker = r.raw(16);
    if (!marker.every((b, i) => b === sync[i])) throw new Error('Avro block sync marker does not match');
    const block = new AvroReader(data);
    for (let i = 0; i < count; i++) records.push(decodeDatum(block, resolved));
    if (block.remaining !== 0) throw new Error('Avro block has trailing bytes');
  }
  return { schema, resolved, metadata, records };
}
