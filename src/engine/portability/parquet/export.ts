/**
 * "Export a version to Parquet": one Parquet file holding exactly the rows of one version, in order, with the
 * logical types of schema.ts. `exportParquetStream` streams row group by row group to a sink (any size);
 * `exportParquet` returns the bytes (for versions that fit in memory).
 */
import type { AsOf, StrataEngine } from '../../engine';
import type { Field } from '../../model/schema';
import type { ByteSink, LongRunningOptions } from '../source';
import { forEachWindow } from '../rows';
import { ParquetStreamWriter } from './writer';

export interface ParquetExportReport {
  readonly tableName: string;
  readonly version: number;
  readonly rows: number;
  readonly bytes: number;
}

export interface ParquetExportOptions extends LongRunningOptions {
  /** Rows per row group (default 131,072): the most rows held in memory at once. */
  readonly rowGroupRows?: number;
}

export async function exportParquetStream(
  engine: StrataEngine,
  tableId: string,
  asOf: AsOf | undefined,
  sink: ByteSink,
  opts: ParquetExportOptions = {},
): Promise<ParquetExportReport> {
  const table = await engine.table(tableId);
  let writer: ParquetStreamWriter | undefined;
  const record = await forEachWindow(
    engine,
    tableId,
    asOf,
    async (columns, start, view) => {
      writer ??= newWriter(view.schema.fields, table.name, view.record.version, view.record.committedAt, sink);
      await writer.write(columns);
      opts.onProgress?.({ phase: 'writing', done: start + columns[0]!.length, total: view.totalRows, unit: 'rows' });
    },
    { signal: opts.signal, windowRows: opts.rowGroupRows },
  );
  // An empty version has no window: still write a valid file with its schema.
  writer ??= newWriter(record.schema.fields, table.name, record.version, record.committedAt, sink);
  await writer.finish();
  return { tableName: table.name, version: record.version, rows: writer.rowCount, bytes: writer.bytesWritten };
}

/** The whole Parquet file of a version as bytes. */
export async function exportParquet(
  engine: StrataEngine,
  tableId: string,
  asOf?: AsOf,
  opts: ParquetExportOptions = {},
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const report = await exportParquetStream(engine, tableId, asOf, (c) => void parts.push(c), opts);
  const out = new Uint8Array(report.bytes);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function newWriter(
  fields: readonly Field[],
  tableName: string,
  version: number,
  committedAt: number,
  sink: ByteSink,
): ParquetStreamWriter {
  return new ParquetStreamWriter(
    {
      fields,
      metadata: {
        'strata.table': tableName,
        'strata.version': String(version),
        'strata.committed-at': new Date(committedAt).toISOString(),
      },
    },
    sink,
  );
}
