/**
 * Which rows a diff must read. Cost follows what changed, in two steps:
 *
 * 1. Refs present (same `ref` id) in both versions are skipped unread: a ref id names one immutable (file, slice,
 *    deletion vector, patch), so both versions hold exactly the same rows there.
 * 2. Among the other refs, those of one data file on both sides are aligned by file position: a row live on both
 *    sides and either unpatched on both or patched by the same patch file is the same row, so it cancels without its
 *    data being read. This is what makes a deletion or an upsert (a new deletion vector or patch, hence a new ref id
 *    over the same data file) cost the rows it touched, not the whole segment; splits (update by range) cancel too.
 *
 * What remains (the "pool" of each side) is every row that may differ. Cancelling identical row pairs never changes
 * a multiset difference, and for a key unique within each version it never changes a keyed one either: a key in the
 * pool of one side cannot also sit in a cancelled/shared row of the other side, since that row is on both sides and
 * the key would then repeat within the first side (see docs in diff.ts).
 */
import type { EngineContext } from '../context';
import type { FileId, SegmentRef, VersionRecord } from '../model/records';
import type { LoadedPatch } from '../read/loader';
import { liveRows, lowerBound, VersionView, type LoadedRef } from '../read/view';

/** Rows of one version, each located by a ref of `view` and a data-file position. */
export interface RowSet {
  readonly view: VersionView;
  readonly refIdx: Int32Array;
  readonly filePos: Int32Array;
  readonly n: number;
}

/** The rows of one side a diff compares, with their positions in the version. */
export interface PoolSide extends RowSet {
  readonly record: VersionRecord;
  /** A pool row's position in the version (computed on demand: only diff rows need it). */
  positionOf(row: number): number;
  /** Refs not shared with the other side. */
  readonly refsUnique: number;
  /** Of those, refs whose data was loaded (they hold pool rows). */
  readonly refsLoaded: number;
}

export interface Pools {
  readonly from: PoolSide;
  readonly to: PoolSide;
  readonly sharedRefs: number;
}

/** A ref with its deletion vector and patch loaded (not its data), and its first position in the version. */
interface MaskedRef {
  readonly ref: SegmentRef;
  readonly start: number;
  readonly live: Int32Array | null;
  readonly patch: LoadedPatch | null;
}

/** Per data file on both sides: positions [lo, lo + mask.length) where mask is 1 are identical on both sides. */
type Cancelled = Map<FileId, { readonly lo: number; readonly mask: Uint8Array }>;

async function maskRefs(
  ctx: EngineContext,
  list: readonly SegmentRef[],
  skip: ReadonlySet<string>,
): Promise<MaskedRef[]> {
  const out: Promise<MaskedRef>[] = [];
  let start = 0;
  for (const ref of list) {
    const s = start;
    start += ref.length - ref.deletedCount;
    if (skip.has(ref.ref)) continue;
    out.push(
      Promise.all([
        ref.deletes ? ctx.loader.deletes(ref.deletes) : null,
        ref.patch ? ctx.loader.patch(ref.patch) : null,
      ]).then(([deleted, patch]) => ({ ref, start: s, live: liveRows(ref, deleted), patch })),
    );
  }
  return Promise.all(out);
}

/** Data-file positions of a ref's live rows (a range when nothing is deleted: cached per ref). */
const ranges = new WeakMap<MaskedRef, Int32Array>();
function liveOf(m: MaskedRef): Int32Array {
  if (m.live) return m.live;
  let out = ranges.get(m);
  if (!out) {
    out = new Int32Array(m.ref.length);
    for (let k = 0; k < out.length; k++) out[k] = m.ref.offset + k;
    ranges.set(m, out);
  }
  return out;
}

/**
 * Marks each live position of a file with a token of its content: 1 = the data file's row, t ≥ 2 = a patch file's
 * row. Returns false if two refs of one side overlap (no operation makes that; such files are simply not aligned).
 */
function markContent(tok: Int32Array, lo: number, refs: readonly MaskedRef[], patchTokens: Map<FileId, number>) {
  for (const m of refs) {
    const live = liveOf(m);
    for (let k = 0; k < live.length; k++) {
      const e = live[k]! - lo;
      if (tok[e] !== 0) return false;
      tok[e] = 1;
    }
    if (m.patch && m.ref.patch) {
      let t = patchTokens.get(m.ref.patch);
      if (t === undefined) patchTokens.set(m.ref.patch, (t = patchTokens.size + 2));
      const end = m.ref.offset + m.ref.length;
      for (const fp of m.patch.rowOf.keys()) {
        if (fp >= m.ref.offset && fp < end && tok[fp - lo] !== 0) tok[fp - lo] = t;
      }
    }
  }
  return true;
}

function cancelIdentical(a: readonly MaskedRef[], b: readonly MaskedRef[]): Cancelled {
  const byFile = new Map<FileId, { a: MaskedRef[]; b: MaskedRef[] }>();
  const group = (m: MaskedRef, side: 'a' | 'b') => {
    let g = byFile.get(m.ref.file);
    if (!g) byFile.set(m.ref.file, (g = { a: [], b: [] }));
    g[side].push(m);
  };
  for (const m of a) group(m, 'a');
  for (const m of b) group(m, 'b');
  const out: Cancelled = new Map();
  const patchTokens = new Map<FileId, number>();
  for (const [file, g] of byFile) {
    if (!g.a.length || !g.b.length) continue;
    const all = [...g.a, ...g.b];
    const lo = Math.min(...all.map((m) => m.ref.offset));
    const hi = Math.max(...all.map((m) => m.ref.offset + m.ref.length));
    const tokA = new Int32Array(hi - lo);
    const tokB = new Int32Array(hi - lo);
    if (!markContent(tokA, lo, g.a, patchTokens) || !markContent(tokB, lo, g.b, patchTokens)) continue;
    const mask = new Uint8Array(hi - lo);
    for (let p = 0; p < mask.length; p++) if (tokA[p] !== 0 && tokA[p] === tokB[p]) mask[p] = 1;
    out.set(file, { lo, mask });
  }
  return out;
}

/** The rows of `refs` not cancelled, with the refs holding any of them loaded into a view. */
export async function poolOf(
  ctx: EngineContext,
  record: VersionRecord,
  refs: readonly MaskedRef[],
  cancelled: Cancelled = new Map(),
): Promise<PoolSide> {
  // Pass 1: how many rows of each ref survive cancellation.
  const counts = refs.map((m) => {
    const c = cancelled.get(m.ref.file);
    if (!c) return m.live ? m.live.length : m.ref.length;
    const live = liveOf(m);
    let kept = 0;
    for (let k = 0; k < live.length; k++) if (c.mask[live[k]! - c.lo] === 0) kept++;
    return kept;
  });
  const n = counts.reduce((x, y) => x + y, 0);
  const refIdx = new Int32Array(n);
  const filePos = new Int32Array(n);
  const kept: MaskedRef[] = [];
  // Pass 2: write them straight into the pool's arrays.
  let at = 0;
  refs.forEach((m, i) => {
    if (counts[i] === 0) return;
    refIdx.fill(kept.push(m) - 1, at, at + counts[i]!);
    const c = cancelled.get(m.ref.file);
    if (!c && !m.live) {
      // Nothing deleted or cancelled: a range of file positions (the common case of a big diff), no array needed.
      const { offset, length } = m.ref;
      for (let k = 0; k < length; k++) filePos[at++] = offset + k;
      return;
    }
    const live = liveOf(m);
    if (!c) {
      filePos.set(live, at);
      at += live.length;
      return;
    }
    for (let k = 0; k < live.length; k++) {
      const fp = live[k]!;
      if (c.mask[fp - c.lo] === 1) continue;
      filePos[at++] = fp;
    }
  });
  // A row's position: its ref's first position plus its rank among the ref's live rows (ascending file positions).
  const positionOf = (row: number): number => {
    const m = kept[refIdx[row]!]!;
    const fp = filePos[row]!;
    return m.start + (m.live ? lowerBound(m.live, fp) : fp - m.ref.offset);
  };
  const loaded: LoadedRef[] = await Promise.all(
    kept.map(async (m) => ({
      ref: m.ref,
      data: await ctx.loader.table(m.ref.file),
      live: m.live,
      patch: m.patch,
      liveCount: m.live ? m.live.length : m.ref.length,
    })),
  );
  return {
    record,
    view: new VersionView(record, loaded),
    refIdx,
    filePos,
    positionOf,
    n,
    refsUnique: refs.length,
    refsLoaded: loaded.length,
  };
}

/** The rows of `from` and `to` that may differ; nothing shared is read. */
export async function loadPools(ctx: EngineContext, from: VersionRecord, to: VersionRecord): Promise<Pools> {
  const [listA, listB] = await Promise.all([ctx.list(from), ctx.list(to)]);
  const idsA = new Set(listA.map((r) => r.ref));
  const idsB = new Set(listB.map((r) => r.ref));
  const [maskedA, maskedB] = await Promise.all([maskRefs(ctx, listA, idsB), maskRefs(ctx, listB, idsA)]);
  const cancelled = cancelIdentical(maskedA, maskedB);
  const [a, b] = await Promise.all([poolOf(ctx, from, maskedA, cancelled), poolOf(ctx, to, maskedB, cancelled)]);
  return { from: a, to: b, sharedRefs: listA.length - maskedA.length };
}

/** Every row of the given refs of a version (no cancellation), e.g. the refs a version added. */
export async function rowsOfRefs(
  ctx: EngineContext,
  record: VersionRecord,
  list: readonly SegmentRef[],
  keep: (ref: SegmentRef) => boolean,
): Promise<PoolSide> {
  const skip = new Set(list.filter((r) => !keep(r)).map((r) => r.ref));
  return poolOf(ctx, record, await maskRefs(ctx, list, skip));
}

/** Every live row of a loaded view, in version order. */
export function allRows(view: VersionView): RowSet {
  const n = view.totalRows;
  const refIdx = new Int32Array(n);
  const filePos = new Int32Array(n);
  view.forEachRow((pos, r, fp) => {
    refIdx[pos] = r;
    filePos[pos] = fp;
  });
  return { view, refIdx, filePos, n };
}
