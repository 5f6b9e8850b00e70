/**
 * The backup file format. A backup is one ZIP archive (see zip/format.ts) holding, in this order:
 *
 *   manifest.json          the catalog: every table, every version record (expired ones too, so their markers come
 *                          back), every file record a live version needs, every tag; and the list of data entries
 *                          with their byte length and CRC-32
 *   files/<fileId>.arrow   each data file (Arrow IPC: data, deletion vector or patch) a live version references,
 *                          stored uncompressed (already compact columnar data)
 *
 * The manifest comes first so a restore knows every name clash, every id and every checksum before it writes
 * anything. Persisted in users' files: DO NOT CHANGE the names here; add optional fields, and bump BACKUP_VERSION
 * with a reader for the old layout when a change is not additive.
 */
import type { FileRecord, TableRecord, TagRecord, VersionRecord } from '../../model/records';

export const BACKUP_FORMAT = 'strata-backup';
/** Version of this layout. A restore refuses a greater one (FORMAT_TOO_NEW). */
export const BACKUP_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

export function fileEntryName(fileId: string): string {
  return `files/${fileId}.arrow`;
}

export interface BackupTable {
  readonly table: TableRecord;
  /** Versions 0..head, in order, expired ones included. */
  readonly versions: readonly VersionRecord[];
  /** The file records of every file some live version references. */
  readonly files: readonly FileRecord[];
}

export interface BackupEntry {
  readonly entry: string;
  readonly fileId: string;
  readonly bytes: number;
  readonly crc32: number;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  /** CATALOG_FORMAT of the records inside. */
  readonly catalogFormat: number;
  readonly storeId: string;
  readonly createdAt: number;
  readonly tables: readonly BackupTable[];
  readonly tags: readonly TagRecord[];
  /** The data entries in archive order. */
  readonly entries: readonly BackupEntry[];
}
