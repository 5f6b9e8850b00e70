/**
 * Segment lists: the ordered SegmentRefs that make up a version's rows, and the deltas between them.
 */
import type { FileId, SegmentDelta, SegmentRef } from './records';

/**
 * Applies a delta to its parent's list. Groups anchored at `null` go first; each parent ref is kept unless removed,
 * followed by the groups anchored at it. Removals refer to the parent's refs only.
 */
export function applyDelta(parent: readonly SegmentRef[], delta: SegmentDelta): SegmentRef[] {
  const removed = new Set(delta.removed);
  const groups = new Map<string | null, SegmentRef[]>();
  for (const group of delta.inserted) {
    const list = groups.get(group.after) ?? [];
    list.push(...group.refs);
    groups.set(group.after, list);
  }
  const out: SegmentRef[] = [...(groups.get(null) ?? [])];
  for (const ref of parent) {
    if (!removed.has(ref.ref)) out.push(ref);
    const after = groups.get(ref.ref);
    if (after) out.push(...after);
  }
  return out;
}

export function deltaSize(delta: SegmentDelta): number {
  return delta.removed.length + delta.inserted.reduce((n, g) => n + g.refs.length, 0);
}

/** Every file a list references: data files, deletion vectors and patches. */
export function filesOf(list: readonly SegmentRef[]): Set<FileId> {
  const files = new Set<FileId>();
  for (const ref of list) {
    files.add(ref.file);
    if (ref.deletes) files.add(ref.deletes);
    if (ref.patch) files.add(ref.patch);
  }
  return files;
}

/** Live rows of a list. Deleted counts are per ref (deletion vectors are filtered to the ref's slice). */
export function rowCount(list: readonly SegmentRef[]): number {
  let n = 0;
  for (const ref of list) n += ref.length - ref.deletedCount;
  return n;
}

/** The delta that turns `parent` into `next`, both lists of unique refs. Order is preserved. */
export function computeDelta(parent: readonly SegmentRef[], next: readonly SegmentRef[]): SegmentDelta {
  const nextIds = new Set(next.map((r) => r.ref));
  const parentIds = new Set(parent.map((r) => r.ref));
  const removed = parent.filter((r) => !nextIds.has(r.ref)).map((r) => r.ref);
  // Kept refs must appear in the same relative order in both lists for an anchored delta to express `next`.
  const keptInParent = parent.filter((r) => nextIds.has(r.ref)).map((r) => r.ref);
  const keptInNext = next.filter((r) => parentIds.has(r.ref)).map((r) => r.ref);
  if (keptInParent.join('\u0000') !== keptInNext.join('\u0000')) {
    return { removed: parent.map((r) => r.ref), inserted: [{ after: null, refs: [...next] }] };
  }
  const inserted: { after: string | null; refs: SegmentRef[] }[] = [];
  let anchor: string | null = null;
  let pending: SegmentRef[] = [];
  for (const ref of next) {
    if (parentIds.has(ref.ref)) {
      if (pending.length) inserted.push({ after: anchor, refs: pending });
      pending = [];
      anchor = ref.ref;
    } else {
      pending.push(ref);
    }
  }
  if (pending.length) inserted.push({ after: anchor, refs: pending });
  return { removed, inserted };
}
