/**
 * Reading a row set's cells raw from the Arrow chunks of its segments: where each row lives (its run and its element
 * in the run's chunk), a column's chunk per run when no row of it needs conversion or a patch, and key sort words
 * read directly from int64 / time chunks.
 */
import type { Data, Vector } from 'apache-arrow';
import { columnTypeOfArrow } from '../model/arrow';
import type { ColumnPlan } from './columns';
import type { SortKeys } from './merge-join';
import type { RowSet } from './pools';
import { runsOf } from './runs';
import { scratchInt32, scratchUint32 } from './scratch';

export interface Located {
  readonly run: Int32Array;
  readonly elem: Int32Array;
}

/**
 * Each row's run (index into runsOf) and element in that run's chunk. Scratch arrays, one pair per side (see
 * scratch.ts): valid until the next diff computes.
 */
export function locate(rows: RowSet, side: 'from' | 'to'): Located {
  const run = scratchInt32(`run-${side}`, rows.n);
  const elem = scratchInt32(`elem-${side}`, rows.n);
  const filePos = rows.filePos;
  const runs = runsOf(rows);
  for (let k = 0; k < runs.length; k++) {
    const { i, j, base } = runs[k]!;
    run.fill(k, i, j);
    for (let x = i; x < j; x++) elem[x] = filePos[x]! - base;
  }
  return { run, elem };
}

/** The column's chunk per run, or null when some row needs conversion or a patch. */
export function rawChunks(rows: RowSet, plan: ColumnPlan): Data[] | null {
  const { view } = rows;
  const field = view.schema.fields.find((f) => f.name === plan.name);
  if (!field || plan.canonical || field.type !== plan.compareAs) return null;
  const vectors = new Map<number, Vector | null>();
  const out: Data[] = [];
  for (const run of runsOf(rows)) {
    const ref = view.refs[run.r]!;
    if (ref.patch) return null;
    let v = vectors.get(run.r);
    if (v === undefined) {
      const i = ref.data.schema.fields.findIndex((f) => f.name === plan.name);
      v = i < 0 ? null : ref.data.getChildAt(i);
      vectors.set(run.r, v);
    }
    if (!v || columnTypeOfArrow(v.type) !== field.type) return null;
    out.push(v.data[run.batch]!);
  }
  return out;
}

/** A chunk's validity bitmap, or null when it has no nulls. */
export function nullBits(d: Data): Uint8Array | null {
  return d.nullCount > 0 ? (d.nullBitmap as Uint8Array) : null;
}

export function isNull(bits: Uint8Array | null, offset: number, e: number): boolean {
  return bits !== null && ((bits[(offset + e) >> 3]! >> ((offset + e) & 7)) & 1) === 0;
}

/** The int32 words of a fixed-width chunk (two per int64 / timestamp cell). */
export function wordsOf(d: Data): Int32Array {
  const v = d.values as Int32Array | BigInt64Array;
  return new Int32Array(v.buffer, v.byteOffset, v.length * (v instanceof BigInt64Array ? 2 : 1));
}

/**
 * Order-preserving sort words (see merge-join.ts) of a single int64 / timestamp / date key read raw, or null (nulls,
 * patches, conversions, other types: the caller goes through mats). Scratch arrays per side (see scratch.ts).
 */
export function rawSortKeys(rows: RowSet, plan: ColumnPlan, side: 'from' | 'to'): SortKeys | null {
  const type = plan.compareAs;
  if (type !== 'int64' && type !== 'timestamp' && type !== 'date') return null;
  const chunks = rawChunks(rows, plan);
  if (!chunks || chunks.some((d) => d.nullCount > 0)) return null;
  const hi = scratchUint32(`key-hi-${side}`, rows.n);
  const lo = scratchUint32(`key-lo-${side}`, rows.n);
  if (type === 'date') hi.fill(0);
  const filePos = rows.filePos;
  runsOf(rows).forEach((run, k) => {
    const w = wordsOf(chunks[k]!);
    const { i: from, j: to, base } = run;
    if (type === 'date') {
      for (let i = from; i < to; i++) lo[i] = (w[filePos[i]! - base]! ^ 0x80000000) >>> 0;
      return;
    }
    for (let i = from; i < to; i++) {
      const e = 2 * (filePos[i]! - base);
      hi[i] = (w[e + 1]! ^ 0x80000000) >>> 0;
      lo[i] = w[e]! >>> 0;
    }
  });
  return { hi, lo };
}
