/**
 * delete rows, restore a version, compact. Delete writes only deletion vectors; restore writes nothing at all (the new
 * version lists the old version's segments); compact rewrites small and messy segments into full ones, content and
 * order unchanged, and leaves full clean segments alone.
 */
import type { CommitPlan, HeadState, Prepared } from '../commit';
import { headState } from '../commit';
import type { EngineContext } from '../context';
import { ConflictError, StrataError } from '../errors';
import type { SegmentRef } from '../model/records';
import { rowCount } from '../model/segments';
import { gatherRows } from '../read/gather';
import { compilePredicate, rangeTest, type Predicate, type RangeFilter } from '../read/query';
import { coerceScalar, valueKey } from '../read/values';
import type { VersionView } from '../read/view';
import type { Stager } from '../staging';
import { editRef } from './refs';

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

/** Rows below which a clean segment counts as tiny (auto compaction merges only tiny segments). */
const tinyRows = (segmentRows: number): number => Math.max(1, Math.floor(segmentRows / 16));

/** A clean segment (no deletion vector, no patch) with few rows: what many small appends leave behind. */
export function isTiny(ref: SegmentRef, segmentRows: number): boolean {
  return !ref.deletes && !ref.patch && ref.length < tinyRows(segmentRows);
}

/**
 * The runs of adjacent refs a compaction rewrites, as [i, j) indices into the list. Tiered: full clean segments are
 * never rewritten, so compaction costs what is small or messy, not the table's size, and the versions before it keep
 * sharing the big segments with it. `auto`: only runs of two or more tiny segments (merging appends' leftovers); manual:
 * also segments with a deletion vector or patch (rewritten clean) and runs of partial segments.
 */
export function compactionRuns(list: readonly SegmentRef[], segmentRows: number, auto: boolean): [number, number][] {
  const messy = (r: SegmentRef) => Boolean(r.deletes || r.patch);
  const candidate = (r: SegmentRef) =>
    auto ? isTiny(r, segmentRows) : messy(r) || r.length - r.deletedCount < segmentRows;
  const runs: [number, number][] = [];
  let i = 0;
  while (i < list.length) {
    if (!candidate(list[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < list.length && candidate(list[j]!)) j++;
    if (j - i >= 2 || messy(list[i]!)) runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * Replaces each run (given by its ref ids) with its rewritten refs in `list`; null when a run's refs are no longer
 * all there, adjacent and in order (a writer changed them since the compaction read them).
 */
function substitute(
  list: readonly SegmentRef[],
  runs: readonly { readonly ids: readonly string[]; readonly refs: readonly SegmentRef[] }[],
): SegmentRef[] | null {
  const out: SegmentRef[] = [];
  const firsts = new Map(runs.map((r) => [r.ids[0]!, r]));
  let done = 0;
  for (let k = 0; k < list.length; k++) {
    const run = firsts.get(list[k]!.ref);
    if (!run) {
      out.push(list[k]!);
      continue;
    }
    for (let m = 0; m < run.ids.length; m++) if (list[k + m]?.ref !== run.ids[m]) return null;
    out.push(...run.refs);
    k += run.ids.length - 1;
    done++;
  }
  return done === runs.length ? out : null;
}

/**
 * Rewrites runs of small or messy segments into full clean ones, content and row order unchanged (see
 * compactionRuns); null when there is nothing to do. Rows are gathered one output segment at a time, so a big run
 * never holds the worker for long. Writers that commit meanwhile do not make it fail: on a moved head it swaps its
 * runs in place if their refs are all still there (appends, and edits elsewhere, leave them), and conflicts otherwise.
 */
export async function prepareCompact(
  ctx: EngineContext,
  stager: Stager,
  tableId: string,
  opts: { message?: string; auto?: boolean } = {},
): Promise<Prepared | null> {
  const head = await headState(ctx, tableId);
  if (!head.record) return null;
  const runs = compactionRuns(head.list, ctx.segmentRows, opts.auto ?? false);
  if (runs.length === 0) return null;
  const view = await ctx.view(head.record);
  const rewritten: { ids: string[]; refs: SegmentRef[] }[] = [];
  for (const [i, j] of runs) {
    const from = view.starts[i]!;
    const to = j < view.refs.length ? view.starts[j]! : view.totalRows;
    const refs: SegmentRef[] = [];
    for (let at = from; at < to; at += ctx.segmentRows) {
      const end = Math.min(to, at + ctx.segmentRows);
      const positions = new Int32Array(end - at);
      for (let k = 0; k < positions.length; k++) positions[k] = at + k;
      const part = gatherRows(view, positions);
      const file = await stager.writeData(part);
      refs.push({ ref: ctx.newId(), file: file.id, offset: 0, length: part.numRows, deletedCount: 0, patchedCount: 0 });
    }
    rewritten.push({ ids: head.list.slice(i, j).map((r) => r.ref), refs });
  }
  // The plan on a head: its runs swapped in place, or null when a writer changed them since they were read.
  const planOn = (h: HeadState): CommitPlan | null => {
    const list = h.record ? substitute(h.list, rewritten) : null;
    if (!list || !h.record) return null;
    return {
      operation: 'compact',
      schema: h.record.schema,
      list,
      newFiles: stager.written,
      rowsAdded: 0,
      rowsRemoved: 0,
      message: opts.message ?? 'Compacted',
    };
  };
  return {
    tableId,
    base: head.table.head,
    stagingId: stager.id,
    plan: planOn(head)!,
    rebase: async (moved) => {
      const plan = planOn(moved);
      if (plan) return plan;
      throw new ConflictError(
        `${moved.table.name} changed the segments this compaction rewrote; nothing was committed.`,
        {
          tableId,
          base: head.table.head,
          landed: moved.table.head,
          onlyCompactions: false,
        },
      );
    },
  };
}
