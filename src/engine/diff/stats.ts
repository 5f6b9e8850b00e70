/**
 * Per-version bars for the change chart: rows added / removed / total, straight from the version records' summaries
 * (no data is read).
 */
import type { StrataEngine } from '../engine';
import type { Operation } from '../model/records';

export interface VersionStat {
  readonly version: number;
  readonly committedAt: number;
  readonly operation: Operation;
  readonly message: string | null;
  readonly rowsAdded: number;
  readonly rowsRemoved: number;
  readonly totalRows: number;
  /** Expired versions keep their numbers (and a bar), but cannot be shown. */
  readonly expired: boolean;
}

/** Every version of a table, oldest first. */
export async function versionStats(engine: StrataEngine, tableId: string): Promise<VersionStat[]> {
  const { versions } = await engine.history(tableId);
  return versions.reverse().map((v) => ({
    version: v.version,
    committedAt: v.committedAt,
    operation: v.operation,
    message: v.message ?? null,
    rowsAdded: v.summary.rowsAdded,
    rowsRemoved: v.summary.rowsRemoved,
    totalRows: v.summary.totalRows,
    expired: v.expiredAt !== undefined,
  }));
}
