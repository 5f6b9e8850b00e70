/**
 * Loads data files, deletion vectors and patches, verifying each file's length and checksum against the catalog on
 * first load, and caches them. Files are immutable, so a cached file never goes stale: two versions that share a
 * file share its decoded form, which is what makes scrubbing and diffing cost what changed.
 */
import type { Table } from 'apache-arrow';
import { StrataError } from '../errors';
import { decodePositions, decodeTable } from '../io/ipc';
import type { FileId, FileRecord } from '../model/records';
import type { BlobStore, Catalog } from '../storage/ports';
import { crc32 } from '../util/crc32';
import { Lru } from '../util/lru';

export interface LoadedPatch {
  readonly table: Table;
  /** Data-file row position → patch row. */
  readonly rowOf: Map<number, number>;
}

const CACHE_BYTES = 768 * 1024 * 1024;

function tableBytes(table: Table): number {
  let n = 0;
  for (const b of table.batches) n += b.data.byteLength;
  return n || 1;
}

export class FileLoader {
  private readonly tables = new Lru<FileId, Table>(CACHE_BYTES, tableBytes);
  private readonly positions = new Lru<FileId, Int32Array>(64 * 1024 * 1024, (p) => p.byteLength || 1);
  private readonly patches = new Lru<FileId, LoadedPatch>(128 * 1024 * 1024, (p) => tableBytes(p.table));
  private readonly inflight = new Map<FileId, Promise<Uint8Array>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly catalog: Catalog,
  ) {}

  /** Reads and verifies a file's bytes. Concurrent loads of one file share one read. */
  private bytes(id: FileId): Promise<Uint8Array> {
    let p = this.inflight.get(id);
    if (!p) {
      p = this.readVerified(id).finally(() => this.inflight.delete(id));
      this.inflight.set(id, p);
    }
    return p;
  }

  private async readVerified(id: FileId): Promise<Uint8Array> {
    const record: FileRecord | undefined = await this.catalog.getFile(id);
    if (!record) throw new StrataError('MISSING_FILE', `File ${id} is not in the catalog`, { fileId: id });
    const bytes = await this.blobs.read(id);
    if (bytes.length !== record.bytes) {
      throw new StrataError(
        'CORRUPT_FILE',
        `File ${id} has ${bytes.length} bytes but ${record.bytes} were written (truncated or replaced)`,
        { fileId: id, expectedBytes: record.bytes, actualBytes: bytes.length },
      );
    }
    if (crc32(bytes) !== record.checksum) {
      throw new StrataError('CORRUPT_FILE', `File ${id} fails its checksum (its bytes were altered)`, { fileId: id });
    }
    return bytes;
  }

  async table(id: FileId): Promise<Table> {
    const cached = this.tables.get(id);
    if (cached) return cached;
    const table = decodeTable(await this.bytes(id), id);
    this.tables.set(id, table);
    return table;
  }

  async deletes(id: FileId): Promise<Int32Array> {
    const cached = this.positions.get(id);
    if (cached) return cached;
    const positions = decodePositions(await this.bytes(id), id);
    this.positions.set(id, positions);
    return positions;
  }

  async patch(id: FileId): Promise<LoadedPatch> {
    const cached = this.patches.get(id);
    if (cached) return cached;
    const table = decodeTable(await this.bytes(id), id);
    const pos = table.getChildAt(0)?.toArray() as Int32Array | undefined;
    if (!pos) throw new StrataError('CORRUPT_FILE', `Patch file ${id} has no positions`, { fileId: id });
    const rowOf = new Map<number, number>();
    for (let i = 0; i < pos.length; i++) rowOf.set(pos[i]!, i);
    const loaded = { table, rowOf };
    this.patches.set(id, loaded);
    return loaded;
  }

  /** Forget a file (after GC deleted it, or when a test damages it). */
  evict(id: FileId): void {
    this.tables.delete(id);
    this.positions.delete(id);
    this.patches.delete(id);
  }

  clear(): void {
    this.tables.clear();
    this.positions.clear();
    this.patches.clear();
  }
}
