/**
 * `<root>/strata-versions.csv`: which Iceberg snapshot each Strata version became, for people who think in version
 * numbers (`SELECT * FROM read_csv('…/strata-versions.csv')` in DuckDB). Iceberg readers ignore the file: nothing in
 * the metadata points to it. Cells go through the CSV export's formula guard, as the file may be opened in a
 * spreadsheet.
 */
import { formatCell } from '../../export/csv';
import type { VersionRecord } from '../../model/records';
import type { IcebergOperation } from './metadata';

export interface VersionRow {
  readonly record: VersionRecord;
  readonly snapshotId: number;
  readonly sequence: number;
  readonly operation: IcebergOperation;
  readonly rows: number;
}

export function versionsCsv(rows: readonly VersionRow[]): string {
  const header =
    'strata_version,snapshot_id,sequence_number,committed_at,strata_operation,iceberg_operation,rows,message';
  const lines = rows.map((r) =>
    [
      r.record.version,
      r.snapshotId,
      r.sequence,
      new Date(r.record.committedAt).toISOString(),
      r.record.operation,
      r.operation,
      r.rows,
      formatCell('string', r.record.message ?? ''),
    ].join(','),
  );
  return [header, ...lines].join('\r\n') + '\r\n';
}
