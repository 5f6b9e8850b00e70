/**
 * update by range (ArcticDB's `update`) and update by key (upsert). Both touch only the affected segments: removed
 * rows go into deletion vectors, replaced rows into positional patches; new rows are written once.
 */
import type { Table } from 'apache-arrow';
import type { Prepared } from '../commit';
import { headState } from '../commit';
import type { EngineContext } from '../context';
import { conformTable } from '../data/conform';
import { StrataError } from '../errors';
import { schemaOfArrow } from '../model/arrow';
import type { SegmentRef } from '../model/records';
import { isOrderedType } from '../model/schema';
import { compareValues, valueKey, type Value } from '../read/values';
import type { Stager } from '../staging';
import { editRef, splitRef, writeSegments } from './refs';
import { collectRows, resolveAgainst, type RowSource, type WriteOptions } from './write';

export interface UpdateRangeOptions extends WriteOptions {
  readonly column: string;
}

function columnValues(table: Table, name: string): Value[] {
  const v = table.getChild(name);
  if (!v) return [];
  const out = new Array<Value>(table.numRows);
  for (let i = 0; i < table.numRows; i++) out[i] = v.get(i) as Value;
  return out;
}

export async function prepareUpdateRange(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  source: RowSource,
  opts: UpdateRangeOptions,
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  if (!head.record) throw new StrataError('INVALID_ARGUMENT', `${head.table.name} has no version to update yet`);
  const raw = await collectRows(source, opts.schema);
  const resolution = await resolveAgainst(ctx, head, schemaOfArrow(raw.schema), opts.allowNewColumns ?? false);
  const schema = resolution.schema;
  const field = schema.fields.find((f) => f.name === opts.column);
  if (!field || !isOrderedType(field.type)) {
    throw new StrataError('INVALID_ARGUMENT', `Update range needs an ordered column; "${opts.column}" is not one`, {
      column: opts.column,
    });
  }
  const incoming = conformTable(raw, schema, stager.label);
  let min: Value = null;
  let max: Value = null;
  for (const v of columnValues(incoming, opts.column)) {
    if (v === null) {
      throw new StrataError('INVALID_ARGUMENT', `Update range: the incoming rows have empty "${opts.column}" values`, {
        column: opts.column,
      });
    }
    if (min === null || compareValues(v, min) < 0) min = v;
    if (max === null || compareValues(v, max) > 0) max = v;
  }
  const view = await ctx.view(head.record);
  const idx = view.fieldIndex(opts.column);
  const removed = new Map<number, Set<number>>();
  let cut = -1;
  let removedRows = 0;
  let firstAbove = -1;
  view.forEachRow((pos, r, fp) => {
    const v = view.getter(r, idx)(fp);
    if (v === null || min === null || max === null) return;
    if (compareValues(v, min) >= 0 && compareValues(v, max) <= 0) {
      if (cut < 0) cut = pos;
      removedRows++;
      let set = removed.get(r);
      if (!set) removed.set(r, (set = new Set()));
      set.add(fp);
    } else if (firstAbove < 0 && compareValues(v, max) > 0) {
      firstAbove = pos;
    }
  });
  if (cut < 0) cut = firstAbove >= 0 ? firstAbove : view.totalRows;
  const newRefs = await writeSegments(ctx, stager, incoming);
  const list: SegmentRef[] = [];
  for (let r = 0; r < view.refs.length; r++) {
    const start = view.starts[r]!;
    const count = view.refs[r]!.liveCount;
    const edit = { remove: removed.get(r) ?? new Set<number>() };
    if (cut === start) list.push(...newRefs);
    if (cut > start && cut < start + count) {
      const [left, right] = splitRef(ctx, view, r, cut - start);
      const l = await editRef(ctx, stager, view, r, edit, schema, undefined, left);
      const rr = await editRef(ctx, stager, view, r, edit, schema, undefined, right);
      if (l) list.push(l);
      list.push(...newRefs);
      if (rr) list.push(rr);
    } else {
      const e = await editRef(ctx, stager, view, r, edit, schema);
      if (e) list.push(e);
    }
  }
  if (cut >= view.totalRows) list.push(...newRefs);
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: {
      operation: 'update',
      schema,
      list,
      newFiles: stager.written,
      rowsAdded: incoming.numRows,
      rowsRemoved: removedRows,
      message: opts.message,
      notices: resolution.notices,
    },
  };
}

export interface UpsertOptions extends WriteOptions {
  readonly key: readonly string[];
  /** Names an incoming row in messages (e.g. its CSV line). Default: "row N" (1-based). */
  readonly rowLabel?: (row: number) => string;
}

export async function prepareUpsert(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  source: RowSource,
  opts: UpsertOptions,
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  if (!head.record) throw new StrataError('INVALID_ARGUMENT', `${head.table.name} has no version to update yet`);
  if (opts.key.length === 0) throw new StrataError('INVALID_ARGUMENT', 'Update by key needs at least one key column');
  const raw = await collectRows(source, opts.schema);
  const resolution = await resolveAgainst(ctx, head, schemaOfArrow(raw.schema), opts.allowNewColumns ?? false);
  const schema = resolution.schema;
  for (const k of opts.key) {
    if (!raw.schema.fields.some((f) => f.name === k) || !head.record.schema.fields.some((f) => f.name === k)) {
      throw new StrataError('INVALID_ARGUMENT', `Key column "${k}" must exist in the table and in the incoming data`, {
        column: k,
      });
    }
  }
  const incoming = conformTable(raw, schema, stager.label);
  const label = opts.rowLabel ?? ((i: number) => `row ${i + 1}`);
  const view = await ctx.view(head.record);
  const keyIdx = opts.key.map((k) => view.fieldIndex(k));
  const existing = new Map<string, { r: number; fp: number }>();
  const badExisting: string[] = [];
  view.forEachRow((pos, r, fp) => {
    const parts = keyIdx.map((i) => view.getter(r, i)(fp));
    const key = parts.map(valueKey).join('\u0001');
    if (parts.some((p) => p === null) || existing.has(key)) {
      if (badExisting.length < 10) badExisting.push(`version row ${pos + 1} (${parts.map(String).join(', ')})`);
    }
    existing.set(key, { r, fp });
  });
  if (badExisting.length) {
    throw new StrataError(
      'DUPLICATE_KEY',
      `The key (${opts.key.join(', ')}) is not unique and non-null in ${head.table.name}: ${badExisting.join('; ')}`,
      { key: [...opts.key] },
    );
  }
  const incomingKeys = opts.key.map((k) => columnValues(incoming, k));
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const replace = new Map<number, Map<number, number>>();
  const fresh: number[] = [];
  for (let i = 0; i < incoming.numRows; i++) {
    const parts = incomingKeys.map((c) => c[i] ?? null);
    const key = parts.map(valueKey).join('\u0001');
    if (parts.some((p) => p === null)) {
      problems.push(`${label(i)} has an empty key`);
      continue;
    }
    const dup = seen.get(key);
    if (dup !== undefined) {
      problems.push(`${label(i)} repeats the key of ${label(dup)} (${parts.map(String).join(', ')})`);
      continue;
    }
    seen.set(key, i);
    const hit = existing.get(key);
    if (hit) {
      let m = replace.get(hit.r);
      if (!m) replace.set(hit.r, (m = new Map()));
      m.set(hit.fp, i);
    } else {
      fresh.push(i);
    }
  }
  if (problems.length) {
    throw new StrataError(
      'DUPLICATE_KEY',
      `Update by key (${opts.key.join(', ')}): ${problems.slice(0, 10).join('; ')}`,
      {
        key: [...opts.key],
        problems: problems.slice(0, 10),
      },
    );
  }
  const list: SegmentRef[] = [];
  for (let r = 0; r < view.refs.length; r++) {
    const edited = await editRef(ctx, stager, view, r, { replace: replace.get(r) ?? new Map() }, schema, incoming);
    if (edited) list.push(edited);
  }
  const freshRows = incoming.numRows === fresh.length ? incoming : takeRows(incoming, fresh);
  list.push(...(await writeSegments(ctx, stager, freshRows)));
  const replaced = incoming.numRows - fresh.length;
  const notices = [...resolution.notices];
  if (replaced) notices.push(`${replaced} row${replaced === 1 ? '' : 's'} replaced in place`);
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: {
      operation: 'update',
      schema,
      list,
      newFiles: stager.written,
      rowsAdded: incoming.numRows,
      rowsRemoved: replaced,
      message: opts.message,
      notices,
    },
  };
}

function takeRows(table: Table, rows: readonly number[]): Table {
  if (rows.length === 0) return table.slice(0, 0);
  // Runs of consecutive rows become slices; concat keeps the data zero-copy.
  let out: Table | undefined;
  let start = rows[0]!;
  let prev = start;
  const flush = (end: number) => {
    const part = table.slice(start, end + 1);
    out = out ? out.concat(part) : part;
  };
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r !== prev + 1) {
      flush(prev);
      start = r;
    }
    prev = r;
  }
  flush(prev);
  return out!;
}
