/**
 * The diff proper, over the pools of both sides (see pools.ts): keyed (join on the key, then cell by cell) or
 * multiset (whole rows). Output is flat arrays of diff rows; the window turns a page of them into Arrow.
 */
import { StrataError } from '../errors';
import { markDiffering } from './cells';
import type { ColumnPlan } from './columns';
import { markDifferingRaw, pairsOf } from './direct';
import { inferKey, type KeyChoice } from './infer-key';
import { matchRows } from './join';
import { joinOn } from './key-join';
import { materialize, type Mat } from './mat';
import type { PoolSide, Pools } from './pools';
import { scratchInt32, scratchUint32Zeroed } from './scratch';
import type { DiffMode, DiffPositions, Tolerance } from './types';

/** Indices into CHANGE_KINDS. */
export const ADDED = 0;
export const REMOVED = 1;
export const CHANGED = 2;

export interface DiffRows {
  readonly count: number;
  readonly kind: Uint8Array;
  /** From-pool row, or -1 (added). */
  readonly a: Int32Array;
  /** To-pool row, or -1 (removed). */
  readonly b: Int32Array;
  /** `words` per row; bit c set = compared column c differs. */
  readonly masks: Uint32Array;
  readonly words: number;
}

export interface Computed {
  readonly mode: DiffMode;
  readonly key: readonly string[] | null;
  readonly keySource: 'given' | 'inferred' | null;
  readonly notice: string | null;
  readonly rows: DiffRows;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Non-key columns, in mask bit order (empty in multiset mode). */
  readonly compared: readonly ColumnPlan[];
  readonly changedCells: Int32Array;
  readonly positions: DiffPositions;
}

/** How the rows of both pools relate: partners (−1 = none) and, per to-row, the mask of differing columns. */
interface Matching {
  readonly partnerA: Int32Array;
  readonly partnerB: Int32Array;
  readonly masksB: Uint32Array | null;
  readonly words: number;
}

function keyText(side: PoolSide, row: number, key: readonly string[]): string {
  const { view } = side;
  return key
    .map((k) => {
      const v = view.getter(side.refIdx[row]!, view.fieldIndex(k))(side.filePos[row]!);
      return `${k} = ${v === null ? 'empty' : String(v)}`;
    })
    .join(', ');
}

function givenKey(pools: Pools, plans: readonly ColumnPlan[], key: readonly string[]): KeyChoice | string {
  const { from, to } = pools;
  const keyPlans = key.map((k) => {
    const p = plans.find((q) => q.name === k);
    if (!p || p.fromType === null || p.toType === null) {
      throw new StrataError('INVALID_ARGUMENT', `Key column "${k}" must exist in both versions`, { column: k });
    }
    return p;
  });
  const join = joinOn(from, to, keyPlans, false)!;
  if (!join.duplicate) return { key, join };
  const side = join.duplicate.side === 'from' ? from : to;
  return (
    `The key (${key.join(', ')}) repeats in version ${side.record.version} (${keyText(side, join.duplicate.row, key)}), ` +
    'so the diff compares whole rows (added/removed only).'
  );
}

/** The matched pairs in to-row order, read off the join's per-to-row partners (scratch arrays). */
function pairsInToOrder(pairB: Int32Array, n: number) {
  const pa = scratchInt32('pa', n);
  const pb = scratchInt32('pb', n);
  let count = 0;
  for (let j = 0; j < n; j++) {
    const i = pairB[j]!;
    if (i < 0) continue;
    pa[count] = i;
    pb[count++] = j;
  }
  return { pa, pb, count };
}

/** Compares every non-key column of the matched pairs, one column at a time (one column of each side in memory). */
function compareCells(pools: Pools, compared: readonly ColumnPlan[], choice: KeyChoice, tolerance: Tolerance) {
  const { from, to } = pools;
  const { pairA, pairB } = choice.join;
  const words = Math.max(1, Math.ceil(compared.length / 32));
  const matched = choice.join.pairs ?? pairsInToOrder(pairB, to.n);
  const { pa, pb, count: np } = matched;
  const masksB = scratchUint32Zeroed('masksB', to.n * words);
  const changedCells = new Int32Array(compared.length);
  // Columns are read raw from both sides when possible; the others are copied into mats, refilling the buffers of
  // the previous column of the same kind (no fresh allocation per column).
  const targets = compared.map((_, c) => ({ masks: masksB, words, word: c >> 5, bit: 1 << (c & 31) }));
  const pairs = pairsOf(from, to, pa, pb, np);
  const raw = markDifferingRaw(from, to, compared, pairs, tolerance, targets);
  const spare = new Map<string, [Mat, Mat]>();
  compared.forEach((p, c) => {
    if (raw[c] !== null) {
      changedCells[c] = raw[c]!;
      return;
    }
    const kind = p.canonical ? 'canonical' : p.compareAs;
    const old = spare.get(kind);
    const ma = materialize(from, p.name, p.compareAs, p.canonical, old?.[0]);
    const mb = materialize(to, p.name, p.compareAs, p.canonical, old?.[1]);
    spare.set(kind, [ma, mb]);
    changedCells[c] = markDiffering(ma, mb, pa, pb, np, tolerance, targets[c]!);
  });
  const matching: Matching = { partnerA: pairA, partnerB: pairB, masksB, words };
  return { matching, changedCells };
}

/** Diff rows: removed in from-order, then changed and added in to-order. */
function assemble(from: PoolSide, to: PoolSide, m: Matching) {
  const { partnerA, partnerB, masksB, words } = m;
  const changedB = new Uint8Array(to.n);
  let removed = 0;
  let added = 0;
  let changed = 0;
  for (let i = 0; i < from.n; i++) if (partnerA[i]! < 0) removed++;
  for (let j = 0; j < to.n; j++) {
    if (partnerB[j]! < 0) added++;
    else if (masksB) {
      let any = 0;
      for (let w = 0; w < words; w++) any |= masksB[j * words + w]!;
      if (any !== 0) {
        changedB[j] = 1;
        changed++;
      }
    }
  }
  const count = removed + added + changed;
  const kind = new Uint8Array(count);
  const a = new Int32Array(count).fill(-1);
  const b = new Int32Array(count).fill(-1);
  const masks = new Uint32Array(count * words);
  const positions = {
    removed: new Int32Array(removed),
    added: new Int32Array(added),
    changedTo: new Int32Array(changed),
    changedFrom: new Int32Array(changed),
  };
  let d = 0;
  for (let i = 0; i < from.n; i++) {
    if (partnerA[i]! >= 0) continue;
    kind[d] = REMOVED;
    a[d] = i;
    positions.removed[d++] = from.positionOf(i);
  }
  let na = 0;
  let nc = 0;
  for (let j = 0; j < to.n; j++) {
    const i = partnerB[j]!;
    if (i < 0) {
      kind[d] = ADDED;
      b[d++] = j;
      positions.added[na++] = to.positionOf(j);
    } else if (changedB[j]) {
      kind[d] = CHANGED;
      a[d] = i;
      b[d] = j;
      masks.set(masksB!.subarray(j * words, (j + 1) * words), d * words);
      positions.changedTo[nc] = to.positionOf(j);
      positions.changedFrom[nc++] = from.positionOf(i);
      d++;
    }
  }
  return { rows: { count, kind, a, b, masks, words }, positions, added, removed, changed };
}

/** Whole rows as multisets: unmatched rows are removed or added. */
function multiset(pools: Pools, plans: readonly ColumnPlan[]): Matching {
  const { from, to } = pools;
  const ma = plans.map((p) => materialize(from, p.name, p.compareAs, p.canonical));
  const mb = plans.map((p) => materialize(to, p.name, p.compareAs, p.canonical));
  const { matchedA, matchedB } = matchRows(ma, mb, from.n, to.n);
  const partner = (matched: Uint8Array) => Int32Array.from(matched, (x) => (x ? 0 : -1));
  return { partnerA: partner(matchedA), partnerB: partner(matchedB), masksB: null, words: 1 };
}

export function computeDiff(
  pools: Pools,
  plans: readonly ColumnPlan[],
  key: readonly string[] | undefined,
  tolerance: Tolerance,
): Computed {
  const { from, to } = pools;
  let choice: KeyChoice | null = null;
  let notice: string | null = null;
  if (key?.length) {
    const r = givenKey(pools, plans, key);
    if (typeof r === 'string') notice = r;
    else choice = r;
  } else {
    choice = inferKey(from, to, plans);
    if (!choice) {
      notice =
        'No column is unique and non-null in the rows that differ, so the diff compares whole rows ' +
        '(added/removed only).';
    }
  }
  if (choice) {
    const compared = plans.filter((p) => !choice.key.includes(p.name));
    const { matching, changedCells } = compareCells(pools, compared, choice, tolerance);
    return {
      mode: 'keyed',
      key: choice.key,
      keySource: key?.length ? 'given' : 'inferred',
      notice,
      compared,
      changedCells,
      ...assemble(from, to, matching),
    };
  }
  return {
    mode: 'multiset',
    key: null,
    keySource: null,
    notice,
    compared: [],
    changedCells: new Int32Array(0),
    ...assemble(from, to, multiset(pools, plans)),
  };
}
