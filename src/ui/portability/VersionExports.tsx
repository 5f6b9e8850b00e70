import './portability.css';
import { isAbort } from '../../client/client';
import { exportIceberg, exportParquet, type TransferOptions } from '../../client/portability';
import { messageOf } from '../common/format';
import type { ActionOutcome } from '../history/useAction';
import { TransferBar } from './TransferBar';
import { useTransfer } from './useTransfer';

export interface VersionExportsProps {
  readonly tableId: string;
  readonly version: number;
  /** Another action on the version is running. */
  readonly disabled: boolean;
  /** What came of an export, for the version bar's status line. */
  readonly onOutcome: (outcome: ActionOutcome) => void;
}

/**
 * "Export Parquet" (the version shown, `<table>@v<N>.parquet`) and "Export Iceberg" (the table's whole history,
 * `<table>-iceberg.zip`), beside the CSV and Arrow exports. Both are encoded in the worker and streamed to disk;
 * progress and Cancel show while one runs.
 */
export function VersionExports({ tableId, version, disabled, onOutcome }: VersionExportsProps) {
  const { running, run, cancel } = useTransfer();

  const go = async (label: string, task: (opts: TransferOptions) => Promise<string>) => {
    try {
      onOutcome({ kind: 'ok', text: `Exported ${await run(label, task)}` });
    } catch (e) {
      onOutcome(isAbort(e) ? { kind: 'ok', text: 'Export cancelled' } : { kind: 'error', text: messageOf(e) });
    }
  };

  const off = disabled || running !== null;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={off}
        title="This version as a Parquet file (DuckDB, pandas, Spark)"
        onClick={() => void go('Exporting Parquet', (opts) => exportParquet(tableId, version, opts))}
      >
        Export Parquet
      </button>
      <button
        type="button"
        className="button"
        disabled={off}
        title="The table's whole history as an Apache Iceberg table, zipped: every version a snapshot"
        onClick={() => void go('Exporting Iceberg', (opts) => exportIceberg(tableId, opts))}
      >
        Export Iceberg
      </button>
      {running && <TransferBar running={running} onCancel={cancel} />}
    </>
  );
}
