/**
 * delete rows, restore a version, compact. Delete writes only deletion vectors; restore writes nothing at all (the new
 * version lists the old version's segments); compact rewrites the rows into full segments, content unchanged.
 */
import type { Prepared } from '../commit';
import { headState } from '../commit';
import type { EngineContext } from '../context';
import { StrataError } from '../errors';
import type { SegmentRef } from '../model/records';
import { rowCount } from '../model/segments';
import { gatherAll } from '../read/gather';
import { compilePredicate, rangeTest, type Predicate, type RangeFilter } from '../read/query';
import { coerceScalar, valueKey } from '../read/values';
import type { VersionView } from '../read/view';
import type { Stager } from '../staging';
import { editRef, writeSegments } from './refs';

export type RowSelector =
  | { readonly positions: readonly number[] }
  | { readonly predicate: Predicate }
  | { readonly range: RangeFilter }
  | { readonly keys: { readonly column: string; readonly values: readonly unknown[] } };

/** Positions (in the version's order) of the rows a selector picks. */
export function selectRows(view: VersionView, where: RowSelector): number[] {
  const out: number[] = [];
  if ('positions' in where) {
    for (const p of where.positions) {
      if (!Number.isInteger(p) || p < 0 || p >= view.totalRows) {
        throw new StrataError('INVALID_ARGUMENT', `Row ${p} is not in version ${view.record.version}`, { position: p });
      }
    }
    return [...new Set(where.positions)].sort((a, b) => a - b);
  }
  let test: (p: number) => boolean;
  if ('predicate' in where) test = compilePredicate(view, where.predicate);
  else if ('range' in where) test = rangeTest(view, where.range);
  else {
    const idx = view.fieldIndex(where.keys.column);
    const type = view.schema.fields[idx]!.type;
    const wanted = new Set(where.keys.values.map((v) => valueKey(coerceScalar(type, v))));
    test = (p) => wanted.has(valueKey(view.value(p, idx)));
  }
  for (let p = 0; p < view.totalRows; p++) if (test(p)) out.push(p);
  return out;
}

export async function prepareDelete(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  where: RowSelector,
  opts: { base?: number; message?: string } = {},
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  if (!head.record) throw new StrataError('INVALID_ARGUMENT', `${head.table.name} has no rows to delete`);
  const record = opts.base !== undefined ? await ctx.version(head.table, opts.base) : head.record;
  const list = opts.base !== undefined ? await ctx.list(record) : head.list;
  const view = await ctx.view(record);
  const positions = selectRows(view, where);
  const byRef = new Map<number, Set<number>>();
  for (const p of positions) {
    const r = view.refAt(p);
    let set = byRef.get(r);
    if (!set) byRef.set(r, (set = new Set()));
    set.add(view.filePos(r, p - view.starts[r]!));
  }
  const next: SegmentRef[] = [];
  for (let r = 0; r < list.length; r++) {
    const edit = byRef.get(r);
    const ref = edit ? await editRef(ctx, stager, view, r, { remove: edit }, view.schema) : list[r]!;
    if (ref) next.push(ref);
  }
  return {
    tableId,
    base: record.version,
    stagingId: stager.id,
    plan: {
      operation: 'delete',
      schema: view.schema,
      list: next,
      newFiles: stager.written,
      rowsAdded: 0,
      rowsRemoved: positions.length,
      message: opts.message,
    },
  };
}

export async function prepareRestore(
  ctx: EngineContext,
  tableId: string,
  version: number,
  opts: { message?: string } = {},
): Promise<Prepared> {
  const head = await headState(ctx, tableId);
  const target = await ctx.version(head.table, version);
  const list = await ctx.list(target);
  const inHead = new Set(head.list.map((r) => r.ref));
  const inTarget = new Set(list.map((r) => r.ref));
  return {
    tableId,
    base: head.table.head,
    plan: {
      operation: 'restore',
      schema: target.schema,
      list,
      newFiles: [],
      rowsAdded: rowCount(list.filter((r) => !inHead.has(r.ref))),
      rowsRemoved: rowCount(head.list.filter((r) => !inTarget.has(r.ref))),
      message: opts.message ?? `Restored version ${version}`,
      restoredFrom: version,
    },
  };
}

export async function prepareCompact(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  opts: { message?: string } = {},
): Promise<Prepared | null> {
  const head = await headState(ctx, tableId);
  if (!head.record) return null;
  const messy = head.list.filter((r) => r.deletes || r.patch || r.length < ctx.segmentRows / 2).length;
  if (messy <= 1 && head.list.length <= 1) return null;
  const view = await ctx.view(head.record);
  const list = await writeSegments(ctx, stager, gatherAll(view));
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: {
      operation: 'compact',
      schema: head.record.schema,
      list,
      newFiles: stager.written,
      rowsAdded: 0,
      rowsRemoved: 0,
      message: opts.message ?? 'Compacted',
    },
  };
}
