/**
 * Iceberg manifests and manifest lists as Avro container files, with the key-value metadata the spec requires.
 *
 * A manifest lists data files with a status (added / existing / deleted) and the sequence numbers of the snapshot
 * that added them (written explicitly, not inherited). A manifest list lists a snapshot's manifests with their
 * counts. Appends reuse the previous snapshot's manifests and add one (Iceberg's "fast append").
 */
import { syncMarker, writeAvroFile } from '../avro/container';
import { ENTRY_STATUS, MANIFEST_ENTRY_SCHEMA, MANIFEST_FILE_SCHEMA } from './avro-schemas';
import type { IcebergSchema } from './schema';

export interface DataFile {
  /** Absolute URI (under the table location). */
  readonly path: string;
  readonly records: number;
  readonly bytes: number;
  /** Per field id: values (nulls included) and nulls. */
  readonly valueCounts: ReadonlyMap<number, number>;
  readonly nullCounts: ReadonlyMap<number, number>;
  /** The snapshot that added the file, and its sequence number (the file's data and file sequence number). */
  readonly addedSnapshotId: number;
  readonly sequence: number;
}

export type EntryStatus = (typeof ENTRY_STATUS)[keyof typeof ENTRY_STATUS];

export interface ManifestEntry {
  readonly status: EntryStatus;
  /** Snapshot that added (status added/existing) or deleted (status deleted) the file. */
  readonly snapshotId: number;
  readonly file: DataFile;
}

/** A manifest as its manifest-list record describes it (and the files it keeps live, for the next snapshot). */
export interface ManifestFile {
  readonly path: string;
  readonly length: number;
  readonly sequenceNumber: number;
  readonly minSequenceNumber: number;
  readonly addedSnapshotId: number;
  readonly added: { readonly files: number; readonly rows: number };
  readonly existing: { readonly files: number; readonly rows: number };
  readonly deleted: { readonly files: number; readonly rows: number };
  /** Files this manifest holds as added or existing, in order. */
  readonly liveFiles: readonly DataFile[];
}

const counts = (m: ReadonlyMap<number, number>) => [...m].map(([key, value]) => ({ key, value: BigInt(value) }));

export function writeManifest(opts: {
  readonly path: string;
  readonly entries: readonly ManifestEntry[];
  readonly schema: IcebergSchema;
  readonly snapshotId: number;
  readonly sequence: number;
}): { bytes: Uint8Array; manifest: ManifestFile } {
  const records = opts.entries.map((e) => ({
    status: e.status,
    snapshot_id: BigInt(e.snapshotId),
    sequence_number: BigInt(e.file.sequence),
    file_sequence_number: BigInt(e.file.sequence),
    data_file: {
      content: 0,
      file_path: e.file.path,
      file_format: 'PARQUET',
      partition: {},
      record_count: BigInt(e.file.records),
      file_size_in_bytes: BigInt(e.file.bytes),
      column_sizes: null,
      value_counts: counts(e.file.valueCounts),
      null_value_counts: counts(e.file.nullCounts),
      nan_value_counts: null,
      lower_bounds: null,
      upper_bounds: null,
      key_metadata: null,
      split_offsets: null,
      equality_ids: null,
      sort_order_id: null,
    },
  }));
  const bytes = writeAvroFile({
    schema: MANIFEST_ENTRY_SCHEMA,
    records,
    metadata: {
      schema: JSON.stringify(opts.schema),
      'schema-id': String(opts.schema['schema-id']),
      'partition-spec': '[]',
      'partition-spec-id': '0',
      'format-version': '2',
      content: 'data',
    },
    sync: syncMarker(opts.path),
  });
  const tally = (status: EntryStatus) => {
    const of = opts.entries.filter((e) => e.status === status);
    return { files: of.length, rows: of.reduce((n, e) => n + e.file.records, 0) };
  };
  const live = opts.entries.filter((e) => e.status !== ENTRY_STATUS.deleted);
  return {
    bytes,
    manifest: {
      path: opts.path,
      length: bytes.length,
      sequenceNumber: opts.sequence,
      minSequenceNumber: Math.min(...opts.entries.map((e) => e.file.sequence)),
      addedSnapshotId: opts.snapshotId,
      added: tally(ENTRY_STATUS.added),
      existing: tally(ENTRY_STATUS.existing),
      deleted: tally(ENTRY_STATUS.deleted),
      liveFiles: live.map((e) => e.file),
    },
  };
}

export function writeManifestList(opts: {
  readonly path: string;
  readonly manifests: readonly ManifestFile[];
  readonly snapshotId: number;
  readonly parentSnapshotId: number | null;
  readonly sequence: number;
}): Uint8Array {
  return writeAvroFile({
    schema: MANIFEST_FILE_SCHEMA,
    records: opts.manifests.map((m) => ({
      manifest_path: m.path,
      manifest_length: BigInt(m.length),
      partition_spec_id: 0,
      content: 0,
      sequence_number: BigInt(m.sequenceNumber),
      min_sequence_number: BigInt(m.minSequenceNumber),
      added_snapshot_id: BigInt(m.addedSnapshotId),
      added_files_count: m.added.files,
      existing_files_count: m.existing.files,
      deleted_files_count: m.deleted.files,
      added_rows_count: BigInt(m.added.rows),
      existing_rows_count: BigInt(m.existing.rows),
      deleted_rows_count: BigInt(m.deleted.rows),
      partitions: [],
      key_metadata: null,
    })),
    metadata: {
      'snapshot-id': String(opts.snapshotId),
      ...(opts.parentSnapshotId === null ? {} : { 'parent-snapshot-id': String(opts.parentSnapshotId) }),
      'sequence-number': String(opts.sequence),
      'format-version': '2',
    },
    sync: syncMarker(opts.path),
  });
}
