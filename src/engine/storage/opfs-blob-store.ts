import { StrataError } from '../errors';
import type { FileId } from '../model/records';
import { errorMessage, errorName, isNotFoundError, isQuotaError } from './dom-errors';
import { assertFileId, FILE_ID_PATTERN } from './file-id';
import type { BlobStore } from './ports';

/** Suffix of complete files. */
const FINAL_SUFFIX = '.bin';
/** Suffix of files being written; never listed or read. */
const TEMP_SUFFIX = '.tmp';
/** Bytes per write call: the returned count is checked after each one, and one huge call is not needed. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The parts of OPFS that TypeScript's DOM lib lacks (sync handles are typed only for workers, `move` not at all). */
interface SyncAccessHandle {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
interface OpfsFileHandle extends FileSystemFileHandle {
  createSyncAccessHandle?: () => Promise<SyncAccessHandle>;
  move?: (newName: string) => Promise<void>;
}

/**
 * `move()` renames a file in place (Chrome ≥ 110 for OPFS). Checked on the prototype once: it is a property of the
 * platform, not of a file.
 */
function canMove(): boolean {
  const ctor = (globalThis as { FileSystemFileHandle?: { prototype: object } }).FileSystemFileHandle;
  return ctor !== undefined && typeof (ctor.prototype as { move?: unknown }).move === 'function';
}

/**
 * Opens (creating) the directory `dirName` of the origin private file system. Rejects with STORAGE_UNAVAILABLE when
 * OPFS is missing or refused (private mode in some browsers, storage disabled).
 */
export async function openOpfsBlobStore(dirName = 'strata-data'): Promise<OpfsBlobStore> {
  const storage = (globalThis as { navigator?: { storage?: Partial<StorageManager> } }).navigator?.storage;
  if (typeof storage?.getDirectory !== 'function') {
    throw new StrataError('STORAGE_UNAVAILABLE', 'The origin private file system is not available in this context', {
      dirName,
    });
  }
  try {
    const root = await storage.getDirectory();
    return new OpfsBlobStore(await root.getDirectoryHandle(dirName, { create: true }));
  } catch (e) {
    throw new StrataError(
      'STORAGE_UNAVAILABLE',
      `The origin private file system could not be opened (storage disabled or private mode?): ${errorMessage(e)}`,
      { dirName, cause: errorName(e) },
    );
  }
}

/**
 * A {@link BlobStore} over one OPFS directory: file `<id>.bin` per blob. Writes go to `<id>.tmp` and are renamed when
 * complete, so `<id>.bin` only ever names a complete file even if the tab dies mid-write; a leftover `.tmp` is garbage
 * that `list()` does not report.
 */
export class OpfsBlobStore implements BlobStore {
  constructor(readonly dir: FileSystemDirectoryHandle) {}

  async write(id: FileId, bytes: Uint8Array): Promise<void> {
    assertFileId(id);
    // Without move() there is no rename in OPFS; copying tmp → final would double the I/O. So we write straight to the
    // final name. That stays safe: createWritable() writes to a swap file and only replaces the target on close(), a
    // failed write is removed below, and a file left by a crash mid-write is never referenced by a committed catalog
    // record (commits write files first, then the catalog), so it is garbage for GC, not a corrupt table.
    const move = canMove();
    const name = id + (move ? TEMP_SUFFIX : FINAL_SUFFIX);
    try {
      const handle = (await this.dir.getFileHandle(name, { create: true })) as OpfsFileHandle;
      await writeAll(handle, id, bytes);
      if (move) await handle.move?.(id + FINAL_SUFFIX);
    } catch (e) {
      // Remove the partial file (tmp, or final without move): a failed write leaves no file.
      await removeSoon(this.dir, name);
      throw toWriteError(e, id, bytes.byteLength);
    }
  }

  async read(id: FileId): Promise<Uint8Array> {
    assertFileId(id);
    try {
      // getFile() is a snapshot read: no exclusive access handle, so reads never contend with other tabs' handles.
      const file = await (await this.dir.getFileHandle(id + FINAL_SUFFIX)).getFile();
      return new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      if (isNotFoundError(e)) throw new StrataError('MISSING_FILE', `File ${id} is missing`, { fileId: id });
      throw ioError(e, id, 'read');
    }
  }

  async size(id: FileId): Promise<number | undefined> {
    assertFileId(id);
    try {
      return (await (await this.dir.getFileHandle(id + FINAL_SUFFIX)).getFile()).size;
    } catch (e) {
      if (isNotFoundError(e)) return undefined;
      throw ioError(e, id, 'stat');
    }
  }

  /**
   * Removes the file and any `<id>.tmp` a tab that died mid-write left behind: GC reclaims an abandoned import by
   * deleting the ids its staging record lists, and the one being written when the tab closed exists only as `.tmp`.
   */
  async delete(id: FileId): Promise<void> {
    assertFileId(id);
    for (const name of [id + FINAL_SUFFIX, id + TEMP_SUFFIX]) {
      try {
        await this.dir.removeEntry(name);
      } catch (e) {
        if (!isNotFoundError(e)) throw ioError(e, id, 'delete');
      }
    }
  }

  async list(): Promise<FileId[]> {
    const ids: FileId[] = [];
    try {
      for await (const [name, handle] of this.dir.entries()) {
        if (handle.kind !== 'file' || !name.endsWith(FINAL_SUFFIX)) continue;
        const id = name.slice(0, -FINAL_SUFFIX.length);
        if (FILE_ID_PATTERN.test(id)) ids.push(id);
      }
    } catch (e) {
      throw new StrataError('IO_ERROR', `Could not list the data files: ${errorMessage(e)}`, { cause: errorName(e) });
    }
    return ids.sort();
  }
}

/**
 * Writes and flushes `bytes` into the (new, empty) file. A dedicated worker has createSyncAccessHandle (fast, exclusive
 * origin-wide: held only for this call); the main thread only has createWritable. At quota Chrome may report a short
 * write instead of throwing, so every count is compared, and the writable path checks the final size.
 */
async function writeAll(handle: OpfsFileHandle, id: FileId, bytes: Uint8Array): Promise<void> {
  const shortWrite = (): StrataError => quotaExceeded(id, bytes.byteLength);
  if (typeof handle.createSyncAccessHandle === 'function') {
    const access = await handle.createSyncAccessHandle();
    try {
      access.truncate(0);
      for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
        const chunk = bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.byteLength));
        if (access.write(chunk, { at }) !== chunk.byteLength) throw shortWrite();
      }
      access.flush();
    } finally {
      access.close();
    }
    return;
  }
  const writable = await handle.createWritable({ keepExistingData: false });
  let closed = false;
  try {
    for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
      // Copy into a plain ArrayBuffer-backed view: a Uint8Array<ArrayBufferLike> is not a BufferSource (TS 5.7+), and a
      // SharedArrayBuffer view would be refused.
      await writable.write(bytes.slice(at, Math.min(at + CHUNK_BYTES, bytes.byteLength)));
    }
    // close() flushes and atomically replaces the file's content with what was written.
    closed = true;
    await writable.close();
  } finally {
    // On failure discard the swap file instead of committing a partial write.
    if (!closed) await writable.abort().catch(() => undefined);
  }
  if ((await handle.getFile()).size !== bytes.byteLength) throw shortWrite();
}

/**
 * Removes an entry, retrying briefly: right after a writable stream is aborted Chromium may still hold the file's
 * lock for a moment (removeEntry then throws NoModificationAllowedError), seen under load in CI.
 */
async function removeSoon(dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      await dir.removeEntry(name);
      return;
    } catch (e) {
      if (isNotFoundError(e)) return;
      await new Promise((r) => setTimeout(r, 25 * (attempt + 1)));
    }
  }
}

function quotaExceeded(id: FileId, neededBytes: number): StrataError {
  return new StrataError('QUOTA_EXCEEDED', `Not enough storage to write file ${id} (${neededBytes} bytes)`, {
    fileId: id,
    neededBytes,
  });
}

function toWriteError(e: unknown, id: FileId, neededBytes: number): StrataError {
  if (e instanceof StrataError) return e;
  if (isQuotaError(e)) return quotaExceeded(id, neededBytes);
  return ioError(e, id, 'write');
}

function ioError(e: unknown, id: FileId, action: string): StrataError {
  return new StrataError('IO_ERROR', `Could not ${action} file ${id}: ${errorMessage(e)}`, {
    fileId: id,
    cause: errorName(e),
  });
}
