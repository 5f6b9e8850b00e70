import { StrataError } from '../errors';
import type { FileId } from '../model/records';
import { assertFileId } from './file-id';
import type { BlobStore } from './ports';

/** Options of {@link MemoryBlobStore}. */
export interface MemoryBlobStoreOptions {
  /** Total bytes the store may hold; a write that would exceed it fails with QUOTA_EXCEEDED. Unlimited by default. */
  readonly capacityBytes?: number;
}

/**
 * An in-memory {@link BlobStore} for unit tests. Bytes are copied on the way in and out, so neither the writer nor a
 * reader can change stored data by mutating its buffer (as with a real file).
 */
export class MemoryBlobStore implements BlobStore {
  private readonly files = new Map<FileId, Uint8Array>();
  private readonly capacityBytes: number;

  constructor(options: MemoryBlobStoreOptions = {}) {
    this.capacityBytes = options.capacityBytes ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes currently stored. */
  get usedBytes(): number {
    let total = 0;
    for (const bytes of this.files.values()) total += bytes.byteLength;
    return total;
  }

  write(id: FileId, bytes: Uint8Array): Promise<void> {
    return run(() => {
      assertFileId(id);
      // A rewrite replaces the old content, so the old size does not count against the capacity.
      const after = this.usedBytes - (this.files.get(id)?.byteLength ?? 0) + bytes.byteLength;
      if (after > this.capacityBytes) {
        throw new StrataError('QUOTA_EXCEEDED', `Not enough storage to write file ${id}`, {
          fileId: id,
          neededBytes: bytes.byteLength,
        });
      }
      this.files.set(id, bytes.slice());
    });
  }

  read(id: FileId): Promise<Uint8Array> {
    return run(() => {
      assertFileId(id);
      const bytes = this.files.get(id);
      if (bytes === undefined) throw new StrataError('MISSING_FILE', `File ${id} is missing`, { fileId: id });
      return bytes.slice();
    });
  }

  size(id: FileId): Promise<number | undefined> {
    return run(() => {
      assertFileId(id);
      return this.files.get(id)?.byteLength;
    });
  }

  delete(id: FileId): Promise<void> {
    return run(() => {
      assertFileId(id);
      this.files.delete(id);
    });
  }

  list(): Promise<FileId[]> {
    return run(() => [...this.files.keys()].sort());
  }
}

/** Runs `fn` and turns a synchronous throw into a rejected promise, as an async backend would. */
function run<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
