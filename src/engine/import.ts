/**
 * CSV import: streams a file through the CSV parser straight into a commit of the chosen mode. Parsing and writing
 * happen before the table's write lock is taken (only validate-and-commit holds it), and memory stays bounded by
 * a batch for create, append and overwrite. A failed or cancelled import leaves every version as it was.
 */
import type { RecordBatch } from 'apache-arrow';
import type { CommitInfo } from './commit';
import { parseCsv, type ByteSource, type CsvDelimiter, type CsvEncoding, type RaggedPolicy } from './csv';
import type { StrataEngine } from './engine';
import { abortError, ConflictError, StrataError } from './errors';
import type { Schema } from './model/schema';

export const IMPORT_MODES = ['create', 'append', 'overwrite', 'updateKey', 'updateRange'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportOptions {
  readonly source: ByteSource;
  readonly fileName: string;
  readonly tableName: string;
  readonly mode: ImportMode;
  readonly schema: Schema;
  readonly key?: readonly string[] | undefined;
  readonly rangeColumn?: string | undefined;
  readonly message?: string | undefined;
  readonly delimiter?: CsvDelimiter | undefined;
  readonly encoding?: CsvEncoding | undefined;
  readonly ragged?: RaggedPolicy | undefined;
  readonly allowNewColumns?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: { bytes: number; totalBytes: number; rows: number }) => void) | undefined;
}

export async function importCsv(engine: StrataEngine, opts: ImportOptions): Promise<CommitInfo> {
  try {
    try {
      return await runImport(engine, opts);
    } catch (e) {
      // A background compaction overtook the import, whose stream of rows is spent: read the file again.
      if (!(e instanceof ConflictError && e.details['onlyCompactions'] === true)) throw e;
      return await runImport(engine, opts);
    }
  } catch (e) {
    // The parser and lock requests abort with a DOMException; the engine's callers get one typed error.
    if (e instanceof Error && e.name === 'AbortError') throw abortError();
    throw e;
  }
}

async function runImport(engine: StrataEngine, opts: ImportOptions): Promise<CommitInfo> {
  const batches = (): AsyncGenerator<RecordBatch> =>
    parseCsv(opts.source, {
      schema: opts.schema,
      dialect: { delimiter: opts.delimiter, encoding: opts.encoding },
      ragged: opts.ragged,
      signal: opts.signal,
      onProgress: opts.onProgress,
      fileName: opts.fileName,
    });
  const common = {
    schema: opts.schema,
    message: opts.message,
    allowNewColumns: opts.allowNewColumns,
    signal: opts.signal,
  };
  if (opts.mode === 'create') {
    if (await engine.tableByName(opts.tableName)) {
      throw new StrataError(
        'TABLE_EXISTS',
        `A table named "${opts.tableName}" already exists: choose Append, Overwrite or Update, or another name`,
        { tableName: opts.tableName },
      );
    }
    return engine.createFromData(opts.tableName, batches(), common);
  }
  const table = await engine.tableByName(opts.tableName);
  if (!table) {
    throw new StrataError(
      'NOT_FOUND',
      `There is no table named "${opts.tableName}" to ${opts.mode === 'append' ? 'append to' : 'update'}`,
      {
        tableName: opts.tableName,
      },
    );
  }
  switch (opts.mode) {
    case 'append':
      return engine.append(table.id, batches(), common);
    case 'overwrite':
      return engine.overwrite(table.id, batches(), common);
    case 'updateKey':
      if (!opts.key?.length) throw new StrataError('INVALID_ARGUMENT', 'Update by key needs a key column');
      return engine.upsert(table.id, batches(), {
        ...common,
        key: opts.key,
        // Lines as a text editor counts them, assuming one line per record (the header is line 1).
        rowLabel: (i) => `${opts.fileName} line ${i + 2}`,
      });
    case 'updateRange':
      if (!opts.rangeColumn) throw new StrataError('INVALID_ARGUMENT', 'Update range needs a range column');
      return engine.updateRange(table.id, batches(), { ...common, column: opts.rangeColumn });
  }
}
