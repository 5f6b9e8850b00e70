/**
 * A snapshot's summary: the Iceberg operation, the standard file and record counts (as strings, per the spec), and
 * `strata.*` keys that keep what Iceberg has no field for — the version number and id, the Strata operation, its row
 * counts and message — so an import can restore them.
 */
import type { VersionRecord } from '../../model/records';
import type { DataFile } from './manifest';
import type { IcebergOperation } from './metadata';

const sum = (files: readonly DataFile[], of: (f: DataFile) => number) => String(files.reduce((n, f) => n + of(f), 0));

export function summaryOf(
  operation: IcebergOperation,
  record: VersionRecord,
  files: {
    readonly added: readonly DataFile[];
    readonly removed: readonly DataFile[];
    readonly live: readonly DataFile[];
  },
): { operation: IcebergOperation } & Record<string, string> {
  const { added, removed, live } = files;
  return {
    operation,
    'added-data-files': String(added.length),
    'added-records': sum(added, (f) => f.records),
    'added-files-size': sum(added, (f) => f.bytes),
    'deleted-data-files': String(removed.length),
    'deleted-records': sum(removed, (f) => f.records),
    'removed-files-size': sum(removed, (f) => f.bytes),
    'total-data-files': String(live.length),
    'total-records': sum(live, (f) => f.records),
    'total-files-size': sum(live, (f) => f.bytes),
    'total-delete-files': '0',
    'total-position-deletes': '0',
    'total-equality-deletes': '0',
    'strata.version': String(record.version),
    'strata.version-id': record.id,
    'strata.operation': record.operation,
    'strata.rows-added': String(record.summary.rowsAdded),
    'strata.rows-removed': String(record.summary.rowsRemoved),
    ...(record.message ? { 'strata.message': record.message } : {}),
  };
}
