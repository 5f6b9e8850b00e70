/**
 * create / append / overwrite. Rows arrive as a stream of tables (a CSV import yields one per batch) and each is
 * written as a data file as it comes, so memory stays bounded by a batch. An append writes only the new rows and adds
 * their refs at the end of the head's list: it never conflicts, and is re-based onto whatever landed meanwhile.
 */
import { RecordBatch, Table } from 'apache-arrow';
import type { CommitPlan, HeadState, Prepared } from '../commit';
import { headState } from '../commit';
import type { EngineContext } from '../context';
import { conformTable, int64FitsFloat, resolveSchema, type SchemaResolution } from '../data/conform';
import { StrataError, throwIfAborted } from '../errors';
import { schemaOfArrow } from '../model/arrow';
import type { SegmentRef } from '../model/records';
import type { Schema } from '../model/schema';
import { rowCount } from '../model/segments';
import type { Stager } from '../staging';
import { writeSegments } from './refs';

export type RowSource = Table | RecordBatch | Iterable<Table | RecordBatch> | AsyncIterable<Table | RecordBatch>;

/** Whether a source yields its rows again when read a second time (a stream, once read, is spent). */
export function isReplayable(source: RowSource): boolean {
  return source instanceof Table || source instanceof RecordBatch || Array.isArray(source);
}

export interface WriteOptions {
  readonly message?: string | undefined;
  readonly allowNewColumns?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Schema of the incoming rows when the source is a stream (else read from the first table). */
  readonly schema?: Schema | undefined;
}

export async function* tablesOf(source: RowSource): AsyncGenerator<Table> {
  if (source instanceof Table) {
    yield source;
  } else if (source instanceof RecordBatch) {
    yield new Table([source]);
  } else {
    for await (const t of source as AsyncIterable<Table | RecordBatch>)
      yield t instanceof RecordBatch ? new Table([t]) : t;
  }
}

/** All rows of a source as one table (for operations that need the whole input: update, upsert). */
export async function collectRows(source: RowSource, schema?: Schema): Promise<Table> {
  let out: Table | undefined;
  for await (const t of tablesOf(source)) out = out ? out.concat(t) : t;
  if (!out) {
    if (!schema) throw new StrataError('INVALID_ARGUMENT', 'No rows and no schema given');
    return conformTable(new Table(), schema, 'input');
  }
  return out;
}

export async function resolveAgainst(
  ctx: EngineContext,
  head: HeadState,
  incoming: Schema,
  allowNewColumns: boolean,
): Promise<SchemaResolution> {
  if (!head.record) return { schema: incoming, newColumns: [], missingColumns: [], widenedColumns: [], notices: [] };
  const record = head.record;
  return resolveSchema(record.schema, incoming, {
    allowNewColumns,
    tableName: head.table.name,
    existingFitsFloat: async (column) => {
      const view = await ctx.view(record);
      return int64FitsFloat(view.columnValues(view.fieldIndex(column)));
    },
  });
}

async function writeStream(
  ctx: EngineContext,
  stager: Stager,
  source: RowSource,
  target: Schema,
  signal: AbortSignal | undefined,
): Promise<{ refs: SegmentRef[]; rows: number }> {
  const refs: SegmentRef[] = [];
  let rows = 0;
  for await (const t of tablesOf(source)) {
    throwIfAborted(signal);
    const fitted = conformTable(t, target, `${stager.label}`);
    refs.push(...(await writeSegments(ctx, stager, fitted)));
    rows += t.numRows;
  }
  throwIfAborted(signal);
  return { refs, rows };
}

async function firstSchema(source: RowSource, given: Schema | undefined): Promise<Schema> {
  if (given) return given;
  if (source instanceof Table || source instanceof RecordBatch) return schemaOfArrow(source.schema);
  throw new StrataError('INVALID_ARGUMENT', 'A streamed source needs its schema');
}

export async function prepareAppend(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  source: RowSource,
  opts: WriteOptions = {},
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  const incoming = await firstSchema(source, opts.schema);
  const first = await resolveAgainst(ctx, head, incoming, opts.allowNewColumns ?? false);
  const target = head.record ? first.schema : mergeDeclared(head.table.schema, incoming);
  const { refs, rows } = await writeStream(ctx, stager, source, target, opts.signal);
  const planOn = async (h: HeadState, resolution: SchemaResolution): Promise<CommitPlan> => ({
    operation: h.record ? 'append' : 'create',
    schema: h.record ? resolution.schema : target,
    list: [...h.list, ...refs],
    newFiles: stager.written,
    rowsAdded: rows,
    rowsRemoved: 0,
    message: opts.message,
    notices: resolution.notices,
  });
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: await planOn(head, first),
    // The files hold `target`; re-resolve that against the new head (a column the other commit added reads as null).
    rebase: async (h) => planOn(h, await resolveAgainst(ctx, h, target, true)),
  };
}

/** A table created with a declared schema takes its first rows in that schema (declared types win). */
function mergeDeclared(declared: Schema, incoming: Schema): Schema {
  if (declared.fields.length === 0) return incoming;
  return declared;
}

export async function prepareOverwrite(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  source: RowSource,
  opts: WriteOptions = {},
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  const schema = await firstSchema(source, opts.schema);
  const { refs, rows } = await writeStream(ctx, stager, source, schema, opts.signal);
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: {
      operation: head.record ? 'overwrite' : 'create',
      schema,
      list: refs,
      newFiles: stager.written,
      rowsAdded: rows,
      rowsRemoved: rowCount(head.list),
      message: opts.message,
    },
  };
}
