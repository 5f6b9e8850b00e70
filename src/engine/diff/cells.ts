/**
 * Cell semantics over mats: hashing, exact equality (keys, multiset rows), equality with tolerance (compared cells)
 * and the total order of the window (nulls first, like reads). Both mats of a comparison have the same kind.
 * Null equals only null; NaN equals NaN (a float column holding NaN in both versions did not change).
 */
import type { Mat } from './mat';
import type { Tolerance } from './types';

const NULL_HASH = 0x2545f491;
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** One step of MurmurHash3's body: folds k into h. */
export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalizer: spreads entropy to the low bits a table index uses. */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Folds every cell of `m` into hashes[i] (row i). */
export function hashInto(m: Mat, hashes: Int32Array): void {
  const { valid, words } = m;
  for (let i = 0; i < m.n; i++) {
    let h = hashes[i]!;
    if (!valid[i]) {
      hashes[i] = mix(h, NULL_HASH);
      continue;
    }
    switch (m.kind) {
      case 'i64':
        h = mix(mix(h, words[2 * i]!), words[2 * i + 1]!);
        break;
      case 'i32':
      case 'bool':
        h = mix(h, words[i]!);
        break;
      case 'f64': {
        const x = m.f64[i]!;
        f64[0] = x === 0 ? 0 : x !== x ? NaN : x; // -0 = 0, one NaN
        h = mix(mix(h, f64Words[0]!), f64Words[1]!);
        break;
      }
      case 'str': {
        const { offsets, bytes } = m;
        let x = 0x811c9dc5;
        for (let p = offsets[i]!; p < offsets[i + 1]!; p++) x = Math.imul(x ^ bytes[p]!, 16777619);
        h = mix(mix(h, x), offsets[i + 1]! - offsets[i]!);
        break;
      }
    }
    hashes[i] = h;
  }
}

/** Exact equality of cell i of a and cell j of b. */
export function equalCell(a: Mat, i: number, b: Mat, j: number): boolean {
  const va = a.valid[i]!;
  if (va !== b.valid[j]) return false;
  if (!va) return true;
  switch (a.kind) {
    case 'i64':
      return a.words[2 * i] === b.words[2 * j] && a.words[2 * i + 1] === b.words[2 * j + 1];
    case 'i32':
    case 'bool':
      return a.words[i] === b.words[j];
    case 'f64': {
      const x = a.f64[i]!;
      const y = b.f64[j]!;
      return x === y || (x !== x && y !== y);
    }
    case 'str': {
      const s = a.offsets[i]!;
      const len = a.offsets[i + 1]! - s;
      const t = b.offsets[j]!;
      if (b.offsets[j + 1]! - t !== len) return false;
      for (let k = 0; k < len; k++) if (a.bytes[s + k] !== b.bytes[t + k]) return false;
      return true;
    }
  }
}

export function equalRows(a: readonly Mat[], i: number, b: readonly Mat[], j: number): boolean {
  for (let c = 0; c < a.length; c++) if (!equalCell(a[c]!, i, b[c]!, j)) return false;
  return true;
}

/** Order of cell i of a and cell j of b: nulls first; NaN after numbers; strings by UTF-8 bytes (code points). */
export function compareCell(a: Mat, i: number, b: Mat, j: number): number {
  const va = a.valid[i]!;
  const vb = b.valid[j]!;
  if (!va || !vb) return va - vb;
  switch (a.kind) {
    case 'i64': {
      const d = a.words[2 * i + 1]! - b.words[2 * j + 1]!;
      if (d !== 0) return d;
      return (a.words[2 * i]! >>> 0) - (b.words[2 * j]! >>> 0);
    }
    case 'i32':
    case 'bool':
      return a.words[i]! - b.words[j]!;
    case 'f64': {
      const x = a.f64[i]!;
      const y = b.f64[j]!;
      if (x !== x || y !== y) return (x !== x ? 1 : 0) - (y !== y ? 1 : 0);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'str': {
      const s = a.offsets[i]!;
      const t = b.offsets[j]!;
      const la = a.offsets[i + 1]! - s;
      const lb = b.offsets[j + 1]! - t;
      const len = Math.min(la, lb);
      for (let k = 0; k < len; k++) {
        const d = a.bytes[s + k]! - b.bytes[t + k]!;
        if (d !== 0) return d;
      }
      return la - lb;
    }
  }
}

/** Where differing pairs are marked: bit `bit` of masks[row · words + word], row = pb[p] (the to-row). */
export interface MaskTarget {
  readonly masks: Uint32Array;
  readonly words: number;
  readonly word: number;
  readonly bit: number;
}

/**
 * Compares the cells of pairs (pa[p] in a, pb[p] in b) for p < count, marks those that differ in `target`, and
 * returns how many differ. One loop per kind: this runs once per column over every matched row.
 */
export function markDiffering(
  a: Mat,
  b: Mat,
  pa: Int32Array,
  pb: Int32Array,
  count: number,
  tolerance: Tolerance,
  target: MaskTarget,
): number {
  const { masks, words, word, bit } = target;
  const abs = tolerance.absolute ?? 0;
  const rel = tolerance.relative ?? 0;
  const va = a.valid;
  const vb = b.valid;
  let n = 0;
  const mark = (j: number) => {
    masks[j * words + word]! |= bit;
    n++;
  };
  if (a.kind === 'f64') {
    const x = a.f64;
    const y = b.f64;
    const tolerant = abs > 0 || rel > 0;
    for (let p = 0; p < count; p++) {
      const i = pa[p]!;
      const j = pb[p]!;
      const vi = va[i]!;
      if (vi !== vb[j]) mark(j);
      else if (vi) {
        const u = x[i]!;
        const v = y[j]!;
        if (u === v || (u !== u && v !== v)) continue;
        if (!tolerant) mark(j);
        else {
          const d = Math.abs(u - v);
          if (!(d < Infinity) || (d > abs && d > rel * Math.max(Math.abs(u), Math.abs(v)))) mark(j);
        }
      }
    }
  } else if (a.kind === 'i64') {
    const x = a.words;
    const y = b.words;
    for (let p = 0; p < count; p++) {
      const i = pa[p]!;
      const j = pb[p]!;
      const vi = va[i]!;
      if (vi !== vb[j] || (vi && (x[2 * i] !== y[2 * j] || x[2 * i + 1] !== y[2 * j + 1]))) mark(j);
    }
  } else {
    for (let p = 0; p < count; p++) if (!equalCell(a, pa[p]!, b, pb[p]!)) mark(pb[p]!);
  }
  return n;
}
