/**
 * The portability half of the worker's API: backup and restore, Parquet and Iceberg (the engine does the work; see
 * src/engine/portability). Outputs stream into a temporary OPFS file whose name goes back to the page, which
 * downloads it from disk and deletes it (src/client/download.ts); inputs are the user's Files, streamed.
 */
import type { StrataEngine } from '../engine/engine';
import { StrataError, throwIfAborted } from '../engine/errors';
import {
  backupStore,
  exportIceberg,
  exportParquetStream,
  importIceberg,
  restoreBackup,
  type ByteSink,
  type Progress,
} from '../engine/portability';
import { MANIFEST_ENTRY } from '../engine/portability/backup/format';
import { parseManifest } from '../engine/portability/backup/validate';
import { readZip } from '../engine/portability/zip/read';
import { createExportFile, openExportDirectory, sweepExportFiles } from '../engine/storage/opfs-export';
import { randomId } from '../engine/util/id';
import type { StrataApi, TransferProgressCallback } from '../protocol/api';
import { EXPORT_DIRECTORY, type ExportFile } from '../protocol/dto';

/** Where one output goes while it is produced. */
export interface ExportOutput {
  readonly sink: ByteSink;
  /** The output is complete: what the page needs to download it. */
  finish(meta: { readonly fileName: string; readonly mimeType: string }): Promise<ExportFile>;
  /** Removes what was written (failure, cancel). */
  discard(): Promise<void>;
}
export type OpenOutput = (extension: string) => Promise<ExportOutput>;

export interface PortabilityDeps {
  readonly engine: () => Promise<StrataEngine>;
  readonly cancellable: <T>(requestId: string | undefined, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  readonly notify: (event: { kind: string; tableId?: string | undefined }) => void;
  readonly openOutput: OpenOutput;
  /** For the backup's file name (the local date). */
  readonly now?: () => Date;
}

export type PortabilityApi = Pick<
  StrataApi,
  'backupStore' | 'previewBackup' | 'restoreBackup' | 'exportParquet' | 'exportIceberg' | 'importIceberg'
>;

/** Export files older than this are leftovers of a page that closed before deleting them. */
const STALE_EXPORT_MS = 60 * 60_000;
/** How long an export may run without letting messages (a cancel) in. */
const YIELD_EVERY_MS = 50;
/** Each progress report is a message to the page: at most one per interval, plus every phase change and the end. */
const PROGRESS_INTERVAL_MS = 100;

export function throttleProgress(
  onProgress: TransferProgressCallback | undefined,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): ((p: Progress) => void) | undefined {
  if (!onProgress) return undefined;
  let last = -Infinity;
  let phase: string | undefined;
  return (p) => {
    const t = now();
    if (p.phase === phase && p.done < p.total && t - last < intervalMs) return;
    last = t;
    phase = p.phase;
    void Promise.resolve(onProgress({ phase: p.phase, done: p.done, total: p.total, unit: p.unit })).catch(() => {
      // The page went away or the proxy was released: progress is advisory.
    });
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `strata-backup-2024-05-03.zip`, by the local date. */
export function backupFileName(date: Date): string {
  return `strata-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}

export function portabilityApi(deps: PortabilityDeps): PortabilityApi {
  const { cancellable, notify } = deps;

  /**
   * Runs `write` into a new output; on any failure the partial output is removed. The engine's encoding loops await
   * only microtasks, and a cancel arrives as a message (a macrotask), so the sink yields to the event loop now and
   * then and checks `signal` on every chunk: a cancel lands at the next chunk written.
   */
  async function produce<T>(
    extension: string,
    signal: AbortSignal,
    write: (sink: ByteSink) => Promise<T>,
    meta: (result: T) => Promise<{ fileName: string; mimeType: string }> | { fileName: string; mimeType: string },
  ): Promise<{ file: ExportFile; result: T }> {
    const out = await deps.openOutput(extension);
    try {
      let yielded = Date.now();
      const result = await write(async (chunk) => {
        if (Date.now() - yielded > YIELD_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          yielded = Date.now();
        }
        throwIfAborted(signal);
        await out.sink(chunk);
      });
      return { file: await out.finish(await meta(result)), result };
    } catch (e) {
      await out.discard();
      throw e;
    }
  }

  return {
    async backupStore({ requestId }, onProgress) {
      const e = await deps.engine();
      return cancellable(requestId, async (signal) => {
        const { file, result } = await produce(
          'zip',
          signal,
          (sink) => backupStore(e, sink, { signal, onProgress: throttleProgress(onProgress) }),
          () => ({ fileName: backupFileName(deps.now?.() ?? new Date()), mimeType: 'application/zip' }),
        );
        return { ...file, tables: result.tables, versions: result.versions };
      });
    },

    async previewBackup({ file }) {
      const e = await deps.engine();
      const entries = readZip(file.stream(), { label: 'The backup' });
      try {
        const first = await entries.next();
        if (first.done || first.value.name !== MANIFEST_ENTRY) {
          throw new StrataError(
            'CORRUPT_FILE',
            `The backup is damaged: it does not start with ${MANIFEST_ENTRY} (is it a Strata backup?). Nothing was changed.`,
            { entry: MANIFEST_ENTRY },
          );
        }
        const manifest = parseManifest(first.value.bytes);
        const tableNames = new Set((await e.listTables()).map((t) => t.name));
        const tagNames = new Set((await e.listTagInfos()).map((t) => t.name));
        return {
          createdAt: manifest.createdAt,
          tables: manifest.tables.map((t) => ({
            name: t.table.name,
            versions: t.versions.filter((v) => v.expiredAt === undefined).length,
            clash: tableNames.has(t.table.name),
          })),
          tags: manifest.tags.map((t) => ({ name: t.name, clash: tagNames.has(t.name) })),
        };
      } finally {
        await entries.return(undefined);
      }
    },

    async restoreBackup({ requestId, file, onClash }, onProgress) {
      const e = await deps.engine();
      return cancellable(requestId, async (signal) => {
        const report = await restoreBackup(e, file, { onClash, signal, onProgress: throttleProgress(onProgress) });
        // The engine publishes to other tabs; this tab's UI hears it from here.
        notify({ kind: 'tables' });
        if (report.tags.some((t) => t.outcome !== 'skipped')) notify({ kind: 'tags' });
        const ids = new Map((await e.listTables()).map((t) => [t.name, t.id]));
        return {
          ...report,
          tables: report.tables.map((t) => ({
            ...t,
            tableId: t.outcome === 'skipped' ? null : (ids.get(t.restoredAs) ?? null),
          })),
        };
      });
    },

    async exportParquet({ requestId, tableId, asOf }, onProgress) {
      const e = await deps.engine();
      return cancellable(requestId, async (signal) => {
        const { file } = await produce(
          'parquet',
          signal,
          (sink) => exportParquetStream(e, tableId, asOf, sink, { signal, onProgress: throttleProgress(onProgress) }),
          (r) => ({ fileName: `${r.tableName}@v${r.version}.parquet`, mimeType: 'application/vnd.apache.parquet' }),
        );
        return file;
      });
    },

    async exportIceberg({ requestId, tableId }, onProgress) {
      const e = await deps.engine();
      return cancellable(requestId, async (signal) => {
        const { name } = await e.table(tableId);
        const { file } = await produce(
          'zip',
          signal,
          (sink) => exportIceberg(e, tableId, sink, { signal, onProgress: throttleProgress(onProgress) }),
          () => ({ fileName: `${name}-iceberg.zip`, mimeType: 'application/zip' }),
        );
        return file;
      });
    },

    async importIceberg({ requestId, file }, onProgress) {
      const e = await deps.engine();
      return cancellable(requestId, async (signal) => {
        const report = await importIceberg(e, file, { signal, onProgress: throttleProgress(onProgress) });
        notify({ kind: 'tables', tableId: report.tableId });
        if (report.tags.some((t) => t.outcome === 'created')) notify({ kind: 'tags' });
        return { tableId: report.tableId, name: report.name, versions: report.versions.length, tags: report.tags };
      });
    },
  };
}

/** Collects the output in memory, as a Blob: the fallback when OPFS is unavailable (the app runs on memory then). */
export function blobOutput(): ExportOutput {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  return {
    sink: (chunk) => {
      parts.push(chunk.slice() as Uint8Array<ArrayBuffer>); // the producer may reuse its buffer
      bytes += chunk.byteLength;
    },
    finish: async (meta) => ({ ...meta, bytes, blob: new Blob(parts, { type: meta.mimeType }) }),
    discard: async () => {
      parts.length = 0;
    },
  };
}

/**
 * Outputs as temporary files in OPFS `strata-exports/`, named by generated ids. The directory is opened (and stale
 * leftovers swept) on first use; when it cannot be, outputs fall back to memory.
 */
export function opfsOutputs(dirName: string = EXPORT_DIRECTORY): OpenOutput {
  let dir: Promise<FileSystemDirectoryHandle | null> | undefined;
  return async (extension) => {
    dir ??= openExportDirectory(dirName).then(
      async (d) => {
        await sweepExportFiles(d, Date.now() - STALE_EXPORT_MS).catch(() => []);
        return d;
      },
      () => null,
    );
    const d = await dir;
    if (!d) return blobOutput();
    const writer = await createExportFile(d, `${randomId()}.${extension}`);
    return {
      sink: (chunk) => writer.write(chunk),
      finish: async (meta) => ({ ...meta, bytes: await writer.finish(), opfsName: writer.name }),
      discard: () => writer.discard(),
    };
  };
}
