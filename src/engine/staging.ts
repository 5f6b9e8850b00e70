/**
 * Staged writes. Before a data file is written, the staging record (owned by a Web Lock the writer holds for the
 * whole import) lists it, so GC never mistakes an import in progress for garbage, and a crash leaves a record that
 * the next start reports and GC reclaims.
 */
import type { Table } from 'apache-arrow';
import type { EngineContext } from './context';
import { lockNames } from './context';
import type { NewFile } from './commit';
import { StrataError } from './errors';
import { encodePatch, encodePositions, encodeTable } from './io/ipc';
import type { FileId, FileKind, StagingRecord } from './model/records';
import { crc32 } from './util/crc32';

export class Stager {
  readonly id: string;
  readonly lockName: string;
  /** What error messages call the input (table or file name). */
  readonly label: string;
  private record: StagingRecord;
  readonly written: NewFile[] = [];

  constructor(
    private readonly ctx: EngineContext,
    tableName: string,
    tableId: string | undefined,
    description: string,
  ) {
    this.id = ctx.newId();
    this.lockName = lockNames.stage(this.id);
    this.label = tableName;
    this.record = {
      id: this.id,
      lockName: this.lockName,
      tableId,
      tableName,
      files: [],
      startedAt: ctx.clock(),
      description,
    };
  }

  private async write(kind: FileKind, bytes: Uint8Array, rows: number): Promise<NewFile> {
    const id: FileId = this.ctx.newId();
    this.record = { ...this.record, files: [...this.record.files, id] };
    await this.ctx.catalog.apply({ staging: [this.record] });
    await this.ctx.storage.blobs.write(id, bytes);
    const file: NewFile = { id, kind, bytes: bytes.length, checksum: crc32(bytes), rows };
    this.written.push(file);
    return file;
  }

  writeData(table: Table): Promise<NewFile> {
    return this.write('data', encodeTable(table), table.numRows);
  }

  writeDeletes(positions: Int32Array): Promise<NewFile> {
    return this.write('deletes', encodePositions(positions), positions.length);
  }

  writePatch(positions: Int32Array, rows: Table): Promise<NewFile> {
    return this.write('patch', encodePatch(positions, rows), positions.length);
  }

  /** Best-effort removal of everything written (cancel or failure); GC reclaims whatever this misses. */
  async discard(): Promise<void> {
    try {
      // A commit that landed cleared the record in its transaction: its files are the table's now, never delete them.
      const stillStaged = (await this.ctx.catalog.listStaging()).some((r) => r.id === this.id);
      if (!stillStaged) return;
      for (const f of this.record.files) await this.ctx.storage.blobs.delete(f);
      await this.ctx.catalog.apply({ deleteStaging: [this.id] });
    } catch {
      // Left for GC: the staging record outlives this lock and is reclaimed at the next start.
    }
  }
}

/**
 * Runs `fn` with a Stager whose lock is held throughout; on failure the staged files are discarded and the error
 * rethrown, so a failed or cancelled import leaves nothing behind.
 */
export async function withStaging<T>(
  ctx: EngineContext,
  tableName: string,
  tableId: string | undefined,
  description: string,
  fn: (stager: Stager) => Promise<T>,
): Promise<T> {
  const stager = new Stager(ctx, tableName, tableId, description);
  return ctx.storage.locks.request(stager.lockName, 'exclusive', async () => {
    try {
      return await fn(stager);
    } catch (e) {
      await stager.discard();
      throw e instanceof StrataError && e.code === 'QUOTA_EXCEEDED' ? explainQuota(e, tableName) : e;
    }
  });
}

/**
 * A full disk, restated for the person who asked: the storage layers name an internal file id or none at all, but
 * not what was being saved, how much did not fit, or that nothing changed (the files were just discarded).
 */
function explainQuota(e: StrataError, tableName: string): StrataError {
  const needed = typeof e.details.neededBytes === 'number' ? e.details.neededBytes : 0;
  const amount = needed > 0 ? `: the browser refused to store ${sizeText(needed)} more` : '';
  return new StrataError(
    'QUOTA_EXCEEDED',
    `Not enough storage to save the new version of "${tableName}"${amount}. Nothing was changed; free space (expire old versions or delete tables) or let the site use more storage, then try again.`,
    { ...e.details, neededBytes: needed },
  );
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
