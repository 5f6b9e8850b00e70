/**
 * TEST ONLY: an Iceberg reader that shares no code with the exporter — fflate's unzipSync for the archive, avsc for
 * the Avro manifests, hyparquet for the Parquet data files — implementing the spec's scan: snapshot → manifest list →
 * manifests → live entries (status ≠ 2) → data files, columns matched by field id. Used by iceberg.test.ts to check
 * that each snapshot reads as the Strata version it came from.
 */
import avsc from 'avsc';
import { unzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { Readable } from 'node:stream';

export interface AvroFileRead {
  readonly meta: Record<string, string>;
  readonly schema: { fields: { name: string; 'field-id'?: number; type: unknown }[] };
  readonly records: Record<string, unknown>[];
}

/** avsc compiles a codec per schema (slow): one per distinct schema. */
const types = new Map<string, avsc.Type>();
function typeOf(schema: avsc.Schema): avsc.Type {
  const key = JSON.stringify(schema);
  let t = types.get(key);
  if (!t) types.set(key, (t = avsc.Type.forSchema(schema, { wrapUnions: false })));
  return t;
}

export async function readAvroWithAvsc(bytes: Uint8Array): Promise<AvroFileRead> {
  const decoder = new avsc.streams.BlockDecoder({ parseHook: typeOf });
  const meta: Record<string, string> = {};
  decoder.on('metadata', (_t: unknown, _c: unknown, header: { meta: Record<string, Buffer> }) => {
    for (const [k, v] of Object.entries(header.meta)) meta[k] = v.toString();
  });
  const records: Record<string, unknown>[] = [];
  Readable.from([Buffer.from(bytes)]).pipe(decoder);
  for await (const r of decoder) records.push(r as Record<string, unknown>);
  return { meta, schema: JSON.parse(meta['avro.schema']!) as AvroFileRead['schema'], records };
}

/** Parsed metadata JSON, navigated freely by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only reader of untyped JSON
type Json = any;

export class IndependentIcebergReader {
  readonly files: Record<string, Uint8Array>;
  readonly metadata: Json;
  readonly root: string;

  constructor(archive: Uint8Array) {
    this.files = unzipSync(archive);
    const hint = Object.keys(this.files).find((n) => n.endsWith('metadata/version-hint.text'))!;
    this.root = hint.slice(0, -'metadata/version-hint.text'.length);
    const v = new TextDecoder().decode(this.files[hint]).trim();
    this.metadata = JSON.parse(new TextDecoder().decode(this.files[`${this.root}metadata/v${v}.metadata.json`]));
  }

  /** An absolute path from the metadata → the archive entry's bytes. */
  bytesOf(path: string): Uint8Array {
    const location: string = this.metadata['location'];
    if (!path.startsWith(`${location}/`)) throw new Error(`${path} is not under ${location}`);
    const bytes = this.files[this.root + path.slice(location.length + 1)];
    if (!bytes) throw new Error(`archive lacks ${path}`);
    return bytes;
  }

  snapshot(id: number): Json {
    const s = this.metadata['snapshots'].find((x: { 'snapshot-id': number }) => x['snapshot-id'] === id);
    if (!s) throw new Error(`no snapshot ${id}`);
    return s;
  }

  /** Snapshot id at a time: the latest snapshot-log entry at or before it (what time travel by timestamp does). */
  snapshotAt(ms: number): number | undefined {
    const log: { 'timestamp-ms': number; 'snapshot-id': number }[] = this.metadata['snapshot-log'];
    return log.filter((e) => e['timestamp-ms'] <= ms).at(-1)?.['snapshot-id'];
  }

  async manifests(snapshotId: number) {
    const list = await readAvroWithAvsc(this.bytesOf(this.snapshot(snapshotId)['manifest-list']));
    return Promise.all(
      list.records.map(async (m) => ({
        list: m,
        manifest: await readAvroWithAvsc(this.bytesOf(m['manifest_path'] as string)),
        listMeta: list.meta,
      })),
    );
  }

  /** Rows of a snapshot as arrays in its schema's field order (values as hyparquet gives them). */
  async rows(snapshotId: number): Promise<unknown[][]> {
    const schema = this.metadata['schemas'].find(
      (s: { 'schema-id': number }) => s['schema-id'] === this.snapshot(snapshotId)['schema-id'],
    );
    const out: unknown[][] = [];
    for (const { manifest } of await this.manifests(snapshotId)) {
      for (const e of manifest.records) {
        if (e['status'] === 2) continue;
        const df = e['data_file'] as { file_path: string; record_count: number };
        const bytes = this.bytesOf(df.file_path);
        const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
        const meta = parquetMetadata(file);
        const byId = new Map(meta.schema.slice(1).map((el) => [el.field_id, el.name]));
        const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
        if (rows.length !== df.record_count)
          throw new Error(`${df.file_path}: record_count ${df.record_count}, ${rows.length} rows`);
        for (const r of rows) {
          out.push(schema.fields.map((f: { id: number }) => (byId.has(f.id) ? r[byId.get(f.id)!] : null)));
        }
      }
    }
    return out;
  }
}
