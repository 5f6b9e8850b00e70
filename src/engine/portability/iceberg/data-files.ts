/**
 * Writes rows of a version as Iceberg data files: Parquet (parquet/schema.ts types) whose columns carry the Iceberg
 * field ids, at most `rowsPerFile` rows each, with the per-column value and null counts the manifest records. Each
 * file is built in memory (its size goes in the ZIP header before its bytes), one at a time.
 */
import { throwIfAborted } from '../../errors';
import type { VersionView } from '../../read/view';
import { ParquetStreamWriter } from '../parquet/writer';
import { windowOf, WINDOW_ROWS } from '../rows';
import type { ZipWriter } from '../zip/write';
import type { DataFile } from './manifest';
import type { IcebergSchema } from './schema';

export interface DataFileTarget {
  readonly zip: ZipWriter;
  /** The table location (URI) and its folder inside the archive. */
  readonly location: string;
  readonly root: string;
  readonly schema: IcebergSchema;
  readonly snapshotId: number;
  readonly sequence: number;
  readonly rowsPerFile: number;
  readonly signal?: AbortSignal | undefined;
}

/** Rows [from, to) of the view as data files; at least one file when `atLeastOne` (an empty snapshot). */
export async function writeDataFiles(
  view: VersionView,
  from: number,
  to: number,
  target: DataFileTarget,
  atLeastOne: boolean,
): Promise<DataFile[]> {
  const files: DataFile[] = [];
  const ids = target.schema.fields.map((f) => f.id);
  for (let start = from; start < to || (atLeastOne && files.length === 0); start += target.rowsPerFile) {
    const end = Math.min(to, start + target.rowsPerFile);
    const parts: Uint8Array[] = [];
    const writer = new ParquetStreamWriter(
      { fields: view.schema.fields, fieldIds: ids, metadata: { 'iceberg.schema': JSON.stringify(target.schema) } },
      (c) => void parts.push(c),
    );
    const nulls = ids.map(() => 0);
    for (let s = start; s < end; s += WINDOW_ROWS) {
      throwIfAborted(target.signal);
      const columns = windowOf(view, s, Math.min(end, s + WINDOW_ROWS));
      columns.forEach((values, c) => {
        for (const v of values) if (v === null) nulls[c]!++;
      });
      await writer.write(columns);
    }
    await writer.finish();
    const bytes = new Uint8Array(writer.bytesWritten);
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const name = `data/${String(target.sequence).padStart(5, '0')}-${String(files.length).padStart(3, '0')}-${target.snapshotId}.parquet`;
    await target.zip.add(target.root + name, bytes);
    const rows = Math.max(0, end - start);
    files.push({
      path: `${target.location}/${name}`,
      records: rows,
      bytes: bytes.length,
      valueCounts: new Map(ids.map((id) => [id, rows])),
      nullCounts: new Map(ids.map((id, c) => [id, nulls[c]!])),
      addedSnapshotId: target.snapshotId,
      sequence: target.sequence,
    });
    if (end >= to) break;
  }
  return files;
}
