/**
 * Streaming Parquet writing on hyparquet-writer: rows arrive as windows of column values, each window becomes a row
 * group, and the bytes of each finished row group go to the sink at once, so memory holds one window (plus the
 * footer's small per-row-group metadata) whatever the file's size.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Field } from '../../model/schema';
import type { Value } from '../../read/values';
import type { ByteSink } from '../source';
import { parquetSchema } from './schema';
import { parquetColumn } from './values';

/** A ByteWriter whose `flush` (called by ParquetWriter after each row group) moves the buffered bytes out. */
class DrainingWriter extends ByteWriter {
  private readonly pending: Uint8Array[] = [];

  flush(): void {
    if (this.index) this.pending.push(this.getBytes().slice());
    this.index = 0;
  }

  take(): Uint8Array[] {
    this.flush();
    return this.pending.splice(0);
  }
}

export interface ParquetFileOptions {
  readonly fields: readonly Field[];
  /** Iceberg field ids, one per field (Iceberg data files); absent for a plain export. */
  readonly fieldIds?: readonly number[];
  /** Key-value metadata in the footer. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export class ParquetStreamWriter {
  private readonly out = new DrainingWriter(1 << 16);
  private readonly writer: ParquetWriter;
  private rows = 0;

  constructor(
    private readonly opts: ParquetFileOptions,
    private readonly sink: ByteSink,
  ) {
    this.writer = new ParquetWriter({
      writer: this.out,
      schema: parquetSchema(opts.fields, opts.fieldIds),
      createdBy: 'Strata (hyparquet-writer)',
      kvMetadata: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
    });
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Bytes handed to the sink so far (the whole file's size after finish). */
  get bytesWritten(): number {
    return this.out.offset;
  }

  /** Writes one window of rows (one column-value array per field, all the same length) as one row group. */
  async write(columns: readonly (readonly Value[])[]): Promise<void> {
    const n = columns[0]?.length ?? 0;
    if (n === 0) return;
    await this.writer.write({
      columnData: this.opts.fields.map((f, i) => ({ name: f.name, data: parquetColumn(f, columns[i] ?? []) })),
      rowGroupSize: n,
    });
    this.rows += n;
    await this.drain();
  }

  /** Writes the footer. An empty file (no row group) is valid Parquet and reads as zero rows of the schema. */
  async finish(): Promise<void> {
    await this.writer.finish();
    await this.drain();
  }

  private async drain(): Promise<void> {
    for (const chunk of this.out.take()) await this.sink(chunk);
  }
}

/** A whole Parquet file in memory (for small files: Iceberg data files, tests). */
export async function parquetBytes(opts: ParquetFileOptions, windows: Iterable<readonly (readonly Value[])[]>) {
  const parts: Uint8Array[] = [];
  const w = new ParquetStreamWriter(opts, (c) => void parts.push(c));
  for (const columns of windows) await w.write(columns);
  await w.finish();
  const out = new Uint8Array(w.bytesWritten);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
