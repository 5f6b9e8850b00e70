/**
 * Editing segment lists without rewriting data: deleting rows of a ref writes a new deletion vector, replacing rows
 * writes a positional patch, splitting a ref makes two slices of the same files.
 */
import type { Table } from 'apache-arrow';
import type { EngineContext } from '../context';
import type { SegmentRef } from '../model/records';
import type { Schema } from '../model/schema';
import { tableFromValues } from '../read/gather';
import type { Value } from '../read/values';
import type { VersionView } from '../read/view';
import type { Stager } from '../staging';

/** Splits ref `r` of a view at live index k (0 < k < liveCount): rows before and from k. */
export function splitRef(ctx: EngineContext, view: VersionView, r: number, k: number): [SegmentRef, SegmentRef] {
  const lr = view.refs[r]!;
  const { ref } = lr;
  const cut = view.filePos(r, k);
  const leftLength = cut - ref.offset;
  const rightLength = ref.offset + ref.length - cut;
  const left: SegmentRef = { ...ref, ref: ctx.newId(), length: leftLength, deletedCount: leftLength - k };
  const right: SegmentRef = {
    ...ref,
    ref: ctx.newId(),
    offset: cut,
    length: rightLength,
    deletedCount: rightLength - (lr.liveCount - k),
  };
  return [left, right];
}

/** Data-file positions deleted in a ref's slice. */
function deletedIn(view: VersionView, r: number, ref: SegmentRef): number[] {
  const lr = view.refs[r]!;
  if (!lr.live) return [];
  const live = new Set<number>();
  for (const p of lr.live) live.add(p);
  const out: number[] = [];
  for (let p = ref.offset; p < ref.offset + ref.length; p++) if (!live.has(p)) out.push(p);
  return out;
}

export interface RefEdit {
  /** Data-file positions to delete. */
  readonly remove?: ReadonlySet<number>;
  /** Data-file position → row of `rows` that replaces it in place. */
  readonly replace?: ReadonlyMap<number, number>;
}

/**
 * Applies deletions and replacements to ref `r` (or to a slice `ref` of it), writing a cumulative deletion vector
 * and/or patch. Returns null when no row of the slice survives.
 */
export async function editRef(
  ctx: EngineContext,
  stager: Stager,
  view: VersionView,
  r: number,
  edit: RefEdit,
  schema: Schema,
  rows?: Table,
  slice: SegmentRef = view.refs[r]!.ref,
): Promise<SegmentRef | null> {
  const inSlice = (p: number) => p >= slice.offset && p < slice.offset + slice.length;
  const remove = [...(edit.remove ?? [])].filter(inSlice);
  const replace = [...(edit.replace ?? [])].filter(([p]) => inSlice(p));
  if (remove.length === 0 && replace.length === 0) return slice;
  let next: SegmentRef = { ...slice, ref: ctx.newId() };
  if (remove.length) {
    const all = Int32Array.from(new Set([...deletedIn(view, r, slice), ...remove])).sort();
    if (all.length >= slice.length) return null;
    const file = await stager.writeDeletes(all);
    next = { ...next, deletes: file.id, deletedCount: all.length };
  }
  if (replace.length) {
    const lr = view.refs[r]!;
    const replacing = new Map(replace);
    const removed = new Set(remove);
    const positions = new Set<number>(replacing.keys());
    if (lr.patch) for (const p of lr.patch.rowOf.keys()) if (inSlice(p)) positions.add(p);
    const sorted = Int32Array.from([...positions].filter((p) => !removed.has(p))).sort();
    const columns = schema.fields.map((f) => {
      const baseIdx = view.schema.fields.findIndex((g) => g.name === f.name);
      const incoming = rows?.getChild(f.name) ?? null;
      const baseGet = baseIdx >= 0 ? view.getter(r, baseIdx) : () => null;
      const out = new Array<Value>(sorted.length);
      for (let i = 0; i < sorted.length; i++) {
        const p = sorted[i]!;
        const row = replacing.get(p);
        out[i] = row === undefined ? baseGet(p) : ((incoming?.get(row) ?? null) as Value);
      }
      return out;
    });
    const file = await stager.writePatch(sorted, tableFromValues(schema, columns, sorted.length));
    next = { ...next, patch: file.id, patchedCount: sorted.length };
  }
  return next;
}

/** Writes rows as new data files of at most ctx.segmentRows rows each, returning their refs in order. */
export async function writeSegments(ctx: EngineContext, stager: Stager, table: Table): Promise<SegmentRef[]> {
  const refs: SegmentRef[] = [];
  for (let start = 0; start < table.numRows; start += ctx.segmentRows) {
    const part = table.slice(start, Math.min(table.numRows, start + ctx.segmentRows));
    const file = await stager.writeData(part);
    refs.push({ ref: ctx.newId(), file: file.id, offset: 0, length: part.numRows, deletedCount: 0, patchedCount: 0 });
  }
  return refs;
}
