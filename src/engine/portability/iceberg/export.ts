/**
 * "Export history as Iceberg": a table's live versions as an Apache Iceberg format v2 table, zipped and streamed to a
 * sink. One snapshot per live version (expired versions have no data left and are skipped), in this archive order:
 *
 *   <root>/data/<seq>-<n>-<snapshot>.parquet    data files (Parquet with field ids)
 *   <root>/metadata/<snapshot>-m0.avro          manifest of the files this snapshot added
 *   <root>/metadata/<snapshot>-m1.avro          manifest marking the previous files deleted (rewrites only)
 *   <root>/metadata/snap-<snapshot>-<seq>.avro  manifest list
 *   … for every snapshot, then:
 *   <root>/metadata/v1.metadata.json            table metadata; version-hint.text says "1"
 *   <root>/strata-versions.csv                  Strata version → snapshot id (not part of the Iceberg table)
 *
 * `<root>` is the last segment of the table location, so unzipping into the location's parent folder puts every
 * file at the path the metadata names. The mapping of versions to snapshots is in plan.ts; docs/iceberg.md has the
 * whole story and the DuckDB commands. The table's shared read lock is held throughout, so GC cannot take a file
 * mid-export; the export is byte-for-byte deterministic for the same history.
 */
import type { StrataEngine } from '../../engine';
import { lockNames } from '../../context';
import { StrataError, throwIfAborted } from '../../errors';
import type { VersionRecord } from '../../model/records';
import type { ByteSink, LongRunningOptions } from '../source';
import { ZipWriter } from '../zip/write';
import { ENTRY_STATUS } from './avro-schemas';
import { writeDataFiles } from './data-files';
import { snapshotIdOf, tableUuidOf } from './ids';
import { writeManifest, writeManifestList, type DataFile, type ManifestFile } from './manifest';
import { tableMetadata, type IcebergOperation, type IcebergSnapshot } from './metadata';
import { planSnapshot, type VersionShape } from './plan';
import { SchemaRegistry } from './schema';
import { summaryOf } from './summary';
import { versionsCsv, type VersionRow } from './versions-csv';

export interface IcebergExportOptions extends LongRunningOptions {
  /**
   * Where the table will live once unzipped, as an absolute URI (file:///…, s3://…) or path. The data and manifest
   * paths inside the metadata point there. Default `file:///tmp/strata-iceberg/<table name as a folder name>`.
   */
  readonly location?: string;
  /** Most rows per Parquet data file (default 1,000,000). */
  readonly rowsPerFile?: number;
}

export interface IcebergExportReport {
  readonly location: string;
  /** The metadata file's name inside the archive. */
  readonly metadataEntry: string;
  readonly snapshots: readonly {
    readonly version: number;
    readonly snapshotId: number;
    readonly sequenceNumber: number;
    readonly timestampMs: number;
    readonly operation: IcebergOperation;
    readonly records: number;
    readonly dataFiles: number;
  }[];
  readonly archiveBytes: number;
}

/** A table name as a folder name: letters, digits, `-`, `_` and `.` kept, anything else `_`. */
export function folderName(name: string): string {
  const s = name
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '');
  return s || 'table';
}

interface Exported {
  readonly shape: VersionShape;
  readonly snapshotId: number;
  readonly manifests: readonly ManifestFile[];
  readonly files: readonly DataFile[];
}

interface ExportContext {
  readonly engine: StrataEngine;
  readonly zip: ZipWriter;
  readonly location: string;
  readonly root: string;
  readonly registry: SchemaRegistry;
  readonly rowsPerFile: number;
  readonly signal?: AbortSignal | undefined;
}

/** Writes one version's data files, manifests and manifest list; returns its snapshot. */
async function exportVersion(
  x: ExportContext,
  record: VersionRecord,
  sequence: number,
  snapshotId: number,
  prev: Exported | undefined,
): Promise<{ exported: Exported; snapshot: IcebergSnapshot; row: VersionRow }> {
  // The view loads without the read lock: the caller holds it (a nested request could queue behind GC's).
  const view = await x.engine.ctx.view(record);
  const schema = x.registry.schemaOf(record.schema);
  const shape: VersionShape = { record, list: await x.engine.ctx.list(record), totalRows: view.totalRows, schema };
  const plan = planSnapshot(prev?.shape, shape);
  const target = { ...x, schema, snapshotId, sequence };
  const from = plan.kind === 'append' ? plan.from : 0;
  const added = await writeDataFiles(view, from, view.totalRows, target, plan.kind === 'rewrite');
  const removed = plan.kind === 'rewrite' ? (prev?.files ?? []) : [];
  const manifests: ManifestFile[] = plan.kind === 'append' ? prev!.manifests.filter((m) => m.liveFiles.length) : [];
  for (const [suffix, files, status] of [
    ['m0', added, ENTRY_STATUS.added],
    ['m1', removed, ENTRY_STATUS.deleted],
  ] as const) {
    if (!files.length) continue; // an Avro file without records is refused by some readers (DuckDB)
    const name = `metadata/${snapshotId}-${suffix}.avro`;
    const entries = files.map((file) => ({ status, snapshotId, file }));
    const m = writeManifest({ path: `${x.location}/${name}`, entries, schema, snapshotId, sequence });
    await x.zip.add(x.root + name, m.bytes);
    manifests.push(m.manifest);
  }
  const listName = `metadata/snap-${snapshotId}-${sequence}.avro`;
  const parentSnapshotId = prev?.snapshotId ?? null;
  const list = writeManifestList({
    path: `${x.location}/${listName}`,
    manifests,
    snapshotId,
    parentSnapshotId,
    sequence,
  });
  await x.zip.add(x.root + listName, list);
  const files = plan.kind === 'append' ? [...prev!.files, ...added] : added;
  return {
    exported: { shape, snapshotId, manifests, files },
    snapshot: {
      'snapshot-id': snapshotId,
      ...(parentSnapshotId === null ? {} : { 'parent-snapshot-id': parentSnapshotId }),
      'sequence-number': sequence,
      'timestamp-ms': record.committedAt,
      'manifest-list': `${x.location}/${listName}`,
      summary: summaryOf(plan.operation, record, { added, removed, live: files }),
      'schema-id': schema['schema-id'],
    },
    row: { record, snapshotId, sequence, operation: plan.operation, rows: view.totalRows },
  };
}

export async function exportIceberg(
  engine: StrataEngine,
  tableId: string,
  sink: ByteSink,
  opts: IcebergExportOptions = {},
): Promise<IcebergExportReport> {
  const named = await engine.table(tableId);
  const location = (opts.location ?? `file:///tmp/strata-iceberg/${folderName(named.name)}`).replace(/\/+$/, '');
  const root = `${location.slice(location.lastIndexOf('/') + 1) || 'table'}/`;
  return engine.ctx.storage.locks.request(
    lockNames.read(tableId),
    'shared',
    async () => {
      const table = await engine.table(tableId);
      const versions = table.head >= 0 ? await engine.ctx.catalog.listVersions(tableId, 0, table.head) : [];
      const live = versions.filter((v) => v.expiredAt === undefined);
      if (!live.length) {
        throw new StrataError('INVALID_ARGUMENT', `${table.name} has no version to export`, { tableId });
      }
      const zip = new ZipWriter(sink, { modifiedAt: live.at(-1)!.committedAt });
      const x: ExportContext = {
        engine,
        zip,
        location,
        root,
        registry: new SchemaRegistry(),
        rowsPerFile: opts.rowsPerFile ?? 1_000_000,
        signal: opts.signal,
      };
      const taken = new Set<number>();
      const snapshots: IcebergSnapshot[] = [];
      const rows: VersionRow[] = [];
      let prev: Exported | undefined;
      for (const [k, record] of live.entries()) {
        throwIfAborted(opts.signal);
        const snapshotId = snapshotIdOf(record.id, taken);
        taken.add(snapshotId);
        const done = await exportVersion(x, record, k + 1, snapshotId, prev);
        snapshots.push(done.snapshot);
        rows.push(done.row);
        prev = done.exported;
        opts.onProgress?.({ phase: 'writing', done: k + 1, total: live.length, unit: 'versions' });
      }
      const bySnapshot = new Map(rows.map((r) => [r.record.version, r.snapshotId]));
      const tags: Record<string, number> = {};
      for (const tag of await engine.listTags()) {
        const entry = tag.entries.find((e) => e.tableId === tableId && bySnapshot.has(e.version));
        if (entry) tags[tag.name] = bySnapshot.get(entry.version)!;
      }
      const metadata = tableMetadata({
        uuid: tableUuidOf(tableId),
        location,
        schemas: x.registry.schemas,
        lastColumnId: x.registry.fieldIds.lastColumnId,
        snapshots,
        tags,
        properties: {
          'write.format.default': 'parquet',
          'write.parquet.compression-codec': 'snappy',
          'strata.table-name': table.name,
          'strata.table-id': table.id,
          'strata.table-created-at': String(table.createdAt),
        },
      });
      const text = new TextEncoder();
      const metadataEntry = `${root}metadata/v1.metadata.json`;
      await zip.add(metadataEntry, text.encode(JSON.stringify(metadata, null, 2)));
      await zip.add(`${root}metadata/version-hint.text`, text.encode('1'));
      await zip.add(`${root}strata-versions.csv`, text.encode(versionsCsv(rows)));
      await zip.end();
      return {
        location,
        metadataEntry,
        snapshots: rows.map((r, k) => ({
          version: r.record.version,
          snapshotId: r.snapshotId,
          sequenceNumber: r.sequence,
          timestampMs: r.record.committedAt,
          operation: r.operation,
          records: r.rows,
          dataFiles: Number(snapshots[k]!.summary['total-data-files']),
        })),
        archiveBytes: zip.bytesWritten,
      };
    },
    opts.signal,
  );
}
