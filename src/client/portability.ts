/**
 * Backup, restore, Parquet and Iceberg for the UI: each runs as a cancellable worker task with progress, and each
 * output is downloaded from its temporary OPFS file (download.ts). The UI never touches comlink or OPFS itself.
 */
import { proxy } from 'comlink';
import type {
  BackupPreview,
  ClashChoice,
  IcebergImportSummary,
  RestoreSummary,
  TransferProgress,
} from '../protocol/dto';
import { getClient } from './client';
import { saveExport } from './download';

export interface TransferOptions {
  /** Aborting it cancels the task in the worker (its promise rejects with ABORTED). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TransferProgress) => void;
}

function run<T>(
  task: (requestId: string, onProgress: ((p: TransferProgress) => void) | undefined) => Promise<T>,
  { signal, onProgress }: TransferOptions,
): Promise<T> {
  const client = getClient();
  return client.task((requestId) => task(requestId, onProgress && proxy(onProgress)), signal ? { signal } : {});
}

/** "Back up store": downloads `strata-backup-YYYY-MM-DD.zip`. */
export async function backUpStore(opts: TransferOptions = {}) {
  const api = getClient().api;
  const file = await run((requestId, onProgress) => api.backupStore({ requestId }, onProgress), opts);
  await saveExport(file);
  return { fileName: file.fileName, tables: file.tables, versions: file.versions, bytes: file.bytes };
}

/** What a backup holds and which of its names the store already uses (reads only its manifest). */
export function previewBackup(file: File): Promise<BackupPreview> {
  return getClient().api.previewBackup({ file });
}

export function restoreBackup(file: File, onClash: ClashChoice, opts: TransferOptions = {}): Promise<RestoreSummary> {
  const api = getClient().api;
  return run((requestId, onProgress) => api.restoreBackup({ requestId, file, onClash }, onProgress), opts);
}

/** Downloads version `version` as `<table>@v<N>.parquet`; returns the file name. */
export async function exportParquet(tableId: string, version: number, opts: TransferOptions = {}): Promise<string> {
  const api = getClient().api;
  const file = await run(
    (requestId, onProgress) => api.exportParquet({ requestId, tableId, asOf: { version } }, onProgress),
    opts,
  );
  await saveExport(file);
  return file.fileName;
}

/** Downloads the table's whole history as `<table>-iceberg.zip`; returns the file name. */
export async function exportIceberg(tableId: string, opts: TransferOptions = {}): Promise<string> {
  const api = getClient().api;
  const file = await run((requestId, onProgress) => api.exportIceberg({ requestId, tableId }, onProgress), opts);
  await saveExport(file);
  return file.fileName;
}

export function importIceberg(file: File, opts: TransferOptions = {}): Promise<IcebergImportSummary> {
  const api = getClient().api;
  return run((requestId, onProgress) => api.importIceberg({ requestId, file }, onProgress), opts);
}
