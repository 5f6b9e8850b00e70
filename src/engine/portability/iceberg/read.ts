/**
 * Reading an Iceberg table from a ZIP archive, for the import: the first pass over the archive keeps the metadata
 * files (JSON, Avro, version hint) and notes the data files; then the current lineage (main's snapshot and its
 * parents) is resolved into, per snapshot, its Strata schema and its live data files in manifest order. Fields are
 * found by Iceberg field id, so manifests from other writers (Java, PyIceberg, DuckDB) read too. Refused with a clear
 * error: partitioned specs are fine (the data files are read whole), but delete files, non-Parquet data and column
 * types Strata has no equivalent of are not imported.
 */
import { StrataError, throwIfAborted } from '../../errors';
import type { Field } from '../../model/schema';
import { readAvroFile } from '../avro/container';
import type { AvroValue } from '../avro/datum';
import type { ResolvedSchema } from '../avro/schema';
import type { ByteSource, LongRunningOptions } from '../source';
import { readZip } from '../zip/read';
import { ENTRY_STATUS } from './avro-schemas';
import { columnTypeOfIceberg } from './schema';

export const ICEBERG_LABEL = 'The Iceberg archive';

export interface ScannedArchive {
  /** Metadata JSON, Avro and text entries, by archive name. */
  readonly small: ReadonlyMap<string, Uint8Array>;
  /** Every other entry (data files) by archive name → size. */
  readonly large: ReadonlyMap<string, number>;
}

export interface ImportSnapshot {
  readonly snapshotId: number;
  readonly timestampMs: number;
  readonly summary: Readonly<Record<string, string>>;
  readonly fields: readonly Field[];
  /** Iceberg field id of each field. */
  readonly fieldIds: readonly number[];
  /** Archive entries of the live data files, in manifest order. */
  readonly files: readonly string[];
}

export interface ImportTable {
  readonly name: string | undefined;
  readonly createdAt: number | undefined;
  readonly snapshots: readonly ImportSnapshot[];
  /** Iceberg tag name → snapshot id. */
  readonly tags: Readonly<Record<string, number>>;
}

function bad(what: string, entry?: string): StrataError {
  return new StrataError('INVALID_ARGUMENT', `${ICEBERG_LABEL} cannot be imported: ${what}.`, { entry });
}

export async function scanArchive(source: ByteSource, opts: LongRunningOptions): Promise<ScannedArchive> {
  const small = new Map<string, Uint8Array>();
  const large = new Map<string, number>();
  let read = 0;
  for await (const e of readZip(source.stream(), {
    label: ICEBERG_LABEL,
    signal: opts.signal,
    onBytes: (n) => opts.onProgress?.({ phase: 'reading', done: (read += n), total: source.size * 2, unit: 'bytes' }),
  })) {
    throwIfAborted(opts.signal);
    if (/\.(json|avro|text)$/i.test(e.name)) small.set(e.name, e.bytes);
    else if (!e.name.endsWith('/')) large.set(e.name, e.bytes.length);
  }
  return { small, large };
}

const decoder = new TextDecoder();

/** The metadata file to read: the one version-hint.text names, else the highest vN.metadata.json, else any. */
function metadataEntry(archive: ScannedArchive): string {
  const names = [...archive.small.keys()];
  for (const hint of names.filter((n) => n.endsWith('metadata/version-hint.text'))) {
    const dir = hint.slice(0, -'version-hint.text'.length);
    const v = decoder.decode(archive.small.get(hint)).trim();
    const named = names.find((n) => n === `${dir}v${v}.metadata.json` || n === `${dir}${v}.metadata.json`);
    if (named) return named;
  }
  const json = names.filter((n) => n.endsWith('.metadata.json'));
  const version = (n: string) => Number(/(?:^|\/)v?(\d+)[^/]*\.metadata\.json$/.exec(n)?.[1] ?? -1);
  const best = json.sort((a, b) => version(b) - version(a))[0];
  if (!best) throw bad('it holds no metadata/*.metadata.json (is it an Iceberg table?)');
  return best;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Name of the field with this Iceberg field id in an Avro record schema. */
function fieldName(schema: ResolvedSchema, id: number): string | undefined {
  return schema.kind === 'record' ? schema.fields.find((f) => f.fieldId === id)?.name : undefined;
}

function recordField(schema: ResolvedSchema, id: number): ResolvedSchema | undefined {
  if (schema.kind !== 'record') return undefined;
  const t = schema.fields.find((f) => f.fieldId === id)?.type;
  return t?.kind === 'union' ? t.branches.find((b) => b.kind === 'record') : t;
}

function get(record: AvroValue, schema: ResolvedSchema, id: number): AvroValue | undefined {
  const name = fieldName(schema, id);
  return name !== undefined && isObj(record) ? (record as Record<string, AvroValue>)[name] : undefined;
}

export function readTable(archive: ScannedArchive): ImportTable {
  const metaName = metadataEntry(archive);
  const dir = metaName.slice(0, metaName.lastIndexOf('metadata/'));
  let meta: Json;
  try {
    meta = JSON.parse(decoder.decode(archive.small.get(metaName))) as Json;
  } catch {
    throw new StrataError('CORRUPT_FILE', `${ICEBERG_LABEL} is damaged: ${metaName} is not JSON`, { entry: metaName });
  }
  const location = String(meta['location'] ?? '').replace(/\/+$/, '');
  /** An absolute path in the metadata → the archive entry (paths under the location, or under …/metadata|data/). */
  const entryOf = (path: string): string => {
    const rel = location && path.startsWith(`${location}/`) ? path.slice(location.length + 1) : undefined;
    const fallback = /(?:^|\/)((?:metadata|data)\/.*)$/.exec(path)?.[1];
    const found = [rel, fallback]
      .map((r) => r && dir + r)
      .find((n) => n && (archive.small.has(n) || archive.large.has(n)));
    if (!found) throw new StrataError('CORRUPT_FILE', `${ICEBERG_LABEL} lacks ${path}`, { entry: path });
    return found;
  };
  const schemas = new Map<number, Json>();
  for (const s of (meta['schemas'] as unknown[] | undefined) ?? [meta['schema']]) {
    if (isObj(s)) schemas.set(Number(s['schema-id'] ?? 0), s);
  }
  const snapshots = new Map<number, Json>();
  for (const s of (meta['snapshots'] as unknown[] | undefined) ?? [])
    if (isObj(s)) snapshots.set(Number(s['snapshot-id']), s);
  const refs = isObj(meta['refs']) ? meta['refs'] : {};
  const mainRef = isObj(refs['main']) ? Number(refs['main']['snapshot-id']) : Number(meta['current-snapshot-id'] ?? -1);
  const lineage: Json[] = [];
  const seen = new Set<number>(); // a malformed parent cycle must not loop forever
  for (let id: number | undefined = mainRef; id !== undefined && snapshots.has(id) && !seen.has(id);) {
    seen.add(id);
    const s: Json = snapshots.get(id)!;
    lineage.unshift(s);
    id = s['parent-snapshot-id'] === undefined ? undefined : Number(s['parent-snapshot-id']);
  }
  if (!lineage.length) throw bad('its metadata has no current snapshot');
  const currentSchema = Number(meta['current-schema-id'] ?? 0);
  const props = isObj(meta['properties']) ? meta['properties'] : {};
  const tags: Record<string, number> = {};
  for (const [name, r] of Object.entries(refs)) {
    if (isObj(r) && r['type'] === 'tag' && snapshots.has(Number(r['snapshot-id'])))
      tags[name] = Number(r['snapshot-id']);
  }
  return {
    name:
      typeof props['strata.table-name'] === 'string'
        ? props['strata.table-name']
        : dir.split('/').filter(Boolean).at(-1),
    createdAt: props['strata.table-created-at'] === undefined ? undefined : Number(props['strata.table-created-at']),
    tags,
    snapshots: lineage.map((s) => {
      const schema = schemas.get(s['schema-id'] === undefined ? currentSchema : Number(s['schema-id']));
      if (!schema) throw bad(`snapshot ${String(s['snapshot-id'])} names a schema the metadata lacks`);
      const { fields, fieldIds } = strataFields(schema);
      const listPath = s['manifest-list'];
      if (typeof listPath !== 'string')
        throw bad(`snapshot ${String(s['snapshot-id'])} has no manifest list (format v1)`);
      return {
        snapshotId: Number(s['snapshot-id']),
        timestampMs: Number(s['timestamp-ms']),
        summary: (isObj(s['summary']) ? s['summary'] : {}) as Record<string, string>,
        fields,
        fieldIds,
        files: liveFiles(archive, entryOf(listPath), entryOf),
      };
    }),
  };
}

function strataFields(schema: Json): { fields: Field[]; fieldIds: number[] } {
  const fields: Field[] = [];
  const fieldIds: number[] = [];
  for (const f of (schema['fields'] as unknown[] | undefined) ?? []) {
    if (!isObj(f)) continue;
    const type = columnTypeOfIceberg(f['type']);
    if (!type)
      throw bad(`column "${String(f['name'])}" has type ${JSON.stringify(f['type'])}, which Strata cannot hold`);
    fields.push({ name: String(f['name']), type, nullable: f['required'] !== true });
    fieldIds.push(Number(f['id']));
  }
  return { fields, fieldIds };
}

function avro(archive: ScannedArchive, entry: string) {
  try {
    return readAvroFile(archive.small.get(entry)!);
  } catch (e) {
    throw new StrataError('CORRUPT_FILE', `${ICEBERG_LABEL} is damaged: ${entry}: ${(e as Error).message}`, { entry });
  }
}

/** The data files a manifest list keeps live (added or existing), in order. */
function liveFiles(archive: ScannedArchive, listEntry: string, entryOf: (path: string) => string): string[] {
  const list = avro(archive, listEntry);
  const files: string[] = [];
  for (const m of list.records) {
    if (Number(get(m, list.resolved, 517) ?? 0) !== 0)
      throw bad('it uses delete files, which the import does not apply');
    const manifest = avro(archive, entryOf(String(get(m, list.resolved, 500))));
    const dataFile = recordField(manifest.resolved, 2);
    if (!dataFile) throw bad(`manifest ${String(get(m, list.resolved, 500))} has no data_file`);
    for (const e of manifest.records) {
      if (Number(get(e, manifest.resolved, 0)) === ENTRY_STATUS.deleted) continue;
      const df = get(e, manifest.resolved, 2) ?? null;
      if (Number(get(df, dataFile, 134) ?? 0) !== 0) throw bad('it uses delete files, which the import does not apply');
      const format = String(get(df, dataFile, 101)).toUpperCase();
      if (format !== 'PARQUET') throw bad(`it has ${format} data files; only Parquet is imported`);
      files.push(entryOf(String(get(df, dataFile, 100))));
    }
  }
  return files;
}
