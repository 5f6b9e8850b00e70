/**
 * Temporary files for downloads, in their own OPFS directory beside the data directory (so the blob store, its
 * listing and GC never see them). A backup or an export streams into one chunk by chunk, so a multi-gigabyte output
 * never sits in memory; the page then reads it as a disk-backed `File`, hands it to the browser's download, and
 * deletes it. Names come from generated ids only (never from table names).
 */
import { StrataError } from '../errors';
import { errorMessage, errorName, isQuotaError } from './dom-errors';

/** A generated id, optionally with an extension: `3f2c…-9a1b.zip`. Nothing a user typed. */
export const EXPORT_NAME_PATTERN = /^[A-Za-z0-9_-]{8,64}(\.[a-z0-9]{1,10})?$/;

/** The parts of OPFS that TypeScript's DOM lib types only for workers. */
interface SyncAccessHandle {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  flush(): void;
  close(): void;
}
interface ExportFileHandle extends FileSystemFileHandle {
  createSyncAccessHandle?: () => Promise<SyncAccessHandle>;
}

/** A file being written; `write` is a ByteSink (await it when it returns a promise). */
export interface ExportFileWriter {
  readonly name: string;
  readonly bytesWritten: number;
  write(chunk: Uint8Array): Promise<void> | void;
  /** Flushes and closes: the file is complete. Returns its size. */
  finish(): Promise<number>;
  /** Closes and removes the file (after a failure or a cancel). Never throws. */
  discard(): Promise<void>;
}

/** Opens (creating) the export directory. STORAGE_UNAVAILABLE when OPFS is missing or refused. */
export async function openExportDirectory(dirName: string): Promise<FileSystemDirectoryHandle> {
  const storage = (globalThis as { navigator?: { storage?: Partial<StorageManager> } }).navigator?.storage;
  if (typeof storage?.getDirectory !== 'function') {
    throw new StrataError('STORAGE_UNAVAILABLE', 'The origin private file system is not available in this context');
  }
  try {
    return await (await storage.getDirectory()).getDirectoryHandle(dirName, { create: true });
  } catch (e) {
    throw new StrataError(
      'STORAGE_UNAVAILABLE',
      `The export directory could not be opened in the origin private file system: ${errorMessage(e)}`,
      { dirName, cause: errorName(e) },
    );
  }
}

function exportError(e: unknown, name: string, bytesWritten: number): StrataError {
  if (e instanceof StrataError) return e;
  if (isQuotaError(e)) return quotaError(name, bytesWritten);
  return new StrataError('IO_ERROR', `Could not write the export file ${name}: ${errorMessage(e)}`, {
    name,
    cause: errorName(e),
  });
}

function quotaError(name: string, bytesWritten: number): StrataError {
  return new StrataError(
    'QUOTA_EXCEEDED',
    `Not enough storage for the export: the disk or the browser's quota ran out after ${bytesWritten} bytes. Free some space (or expire old versions) and try again.`,
    { name, bytesWritten },
  );
}

/**
 * Creates `name` in `dir` for writing. A dedicated worker writes through a sync access handle (fast; exclusive
 * origin-wide, held until finish/discard); elsewhere (tests on the main thread) through a writable stream. Every
 * sync write's returned count is compared, because at quota Chrome may report a short write instead of throwing.
 */
export async function createExportFile(dir: FileSystemDirectoryHandle, name: string): Promise<ExportFileWriter> {
  if (!EXPORT_NAME_PATTERN.test(name)) {
    throw new StrataError('INVALID_ARGUMENT', `Not a generated export file name: ${JSON.stringify(name)}`);
  }
  let handle: ExportFileHandle;
  try {
    handle = (await dir.getFileHandle(name, { create: true })) as ExportFileHandle;
  } catch (e) {
    throw exportError(e, name, 0);
  }
  const remove = () => dir.removeEntry(name).catch(() => undefined);
  if (typeof handle.createSyncAccessHandle === 'function') {
    const access = await handle.createSyncAccessHandle().catch(async (e: unknown) => {
      await remove();
      throw exportError(e, name, 0);
    });
    return syncWriter(name, access, remove);
  }
  const writable = await handle.createWritable({ keepExistingData: false }).catch(async (e: unknown) => {
    await remove();
    throw exportError(e, name, 0);
  });
  return streamWriter(name, handle, writable, remove);
}

function syncWriter(name: string, access: SyncAccessHandle, remove: () => Promise<void>): ExportFileWriter {
  let at = 0;
  let open = true;
  const close = () => {
    if (open) {
      open = false;
      access.close();
    }
  };
  return {
    name,
    get bytesWritten() {
      return at;
    },
    write(chunk) {
      let written: number;
      try {
        written = access.write(chunk, { at });
      } catch (e) {
        throw exportError(e, name, at);
      }
      if (written !== chunk.byteLength) throw quotaError(name, at + Math.max(0, written));
      at += written;
    },
    async finish() {
      try {
        access.flush();
      } catch (e) {
        throw exportError(e, name, at);
      } finally {
        close();
      }
      return at;
    },
    async discard() {
      try {
        close();
      } catch {
        // Closing a handle whose file failed is best effort; the removal below is what matters.
      }
      await remove();
    },
  };
}

function streamWriter(
  name: string,
  handle: FileSystemFileHandle,
  writable: FileSystemWritableFileStream,
  remove: () => Promise<void>,
): ExportFileWriter {
  let at = 0;
  let open = true;
  return {
    name,
    get bytesWritten() {
      return at;
    },
    async write(chunk) {
      try {
        // A Uint8Array<ArrayBufferLike> is not a BufferSource (TS 5.7+): copy into a plain ArrayBuffer-backed view.
        await writable.write(chunk.slice());
      } catch (e) {
        throw exportError(e, name, at);
      }
      at += chunk.byteLength;
    },
    async finish() {
      open = false;
      try {
        await writable.close();
      } catch (e) {
        throw exportError(e, name, at);
      }
      if ((await handle.getFile()).size !== at) throw quotaError(name, at);
      return at;
    },
    async discard() {
      if (open) {
        open = false;
        await writable.abort().catch(() => undefined);
      }
      await remove();
    },
  };
}

/**
 * Deletes export files last modified before `olderThan` (UTC ms): downloads long finished whose page closed before
 * it could delete them. A file still being written (by another tab's worker) is locked and skipped. Returns the
 * names removed.
 */
export async function sweepExportFiles(dir: FileSystemDirectoryHandle, olderThan: number): Promise<string[]> {
  const removed: string[] = [];
  for await (const [name, entry] of dir.entries()) {
    if (entry.kind !== 'file' || !EXPORT_NAME_PATTERN.test(name)) continue;
    try {
      const file = await (entry as FileSystemFileHandle).getFile();
      if (file.lastModified >= olderThan) continue;
      await dir.removeEntry(name);
      removed.push(name);
    } catch {
      // Locked by a writer (NoModificationAllowedError: not stale) or already gone: nothing to do.
    }
  }
  return removed.sort();
}
