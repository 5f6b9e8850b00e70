/**
 * Copy loops from an Arrow chunk into a mat, one per (mat kind, file type): monomorphic typed-array access in the
 * hot loop. Rows a patch replaces are set through the version's getter instead.
 */
import type { Data } from 'apache-arrow';
import type { ColumnType } from '../model/schema';
import type { Value } from '../read/values';
import type { MatBuilder } from './mat';
import { nullBits, wordsOf } from './raw';
import type { Run } from './runs';

export type Getter = (filePos: number) => Value;

const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;

/** The cells of a run and where they come from. */
export interface Source {
  readonly data: Data;
  readonly type: ColumnType;
  readonly patch: ReadonlyMap<number, number> | undefined;
  readonly getter: Getter;
}

export function copyRun(b: MatBuilder, filePos: Int32Array, run: Run, s: Source): void {
  const { data: d, patch, getter } = s;
  const bits = nullBits(d);
  const off = d.offset;
  const { valid, words } = b;
  const { i: from, j: to, base } = run;
  const isNull = (e: number) => bits !== null && ((bits[(off + e) >> 3]! >> ((off + e) & 7)) & 1) === 0;
  switch (b.kind) {
    case 'i64': {
      const w = wordsOf(d);
      for (let k = from; k < to; k++) {
        const fp = filePos[k]!;
        if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
        else if (!isNull(fp - base)) {
          const e = 2 * (fp - base);
          valid[k] = 1;
          words[2 * k] = w[e]!;
          words[2 * k + 1] = w[e + 1]!;
        }
      }
      return;
    }
    case 'i32': {
      const w = d.values as Int32Array;
      for (let k = from; k < to; k++) {
        const fp = filePos[k]!;
        if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
        else if (!isNull(fp - base)) {
          valid[k] = 1;
          words[k] = w[fp - base]!;
        }
      }
      return;
    }
    case 'bool': {
      const w = d.values as Uint8Array;
      for (let k = from; k < to; k++) {
        const fp = filePos[k]!;
        const e = off + fp - base;
        if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
        else if (!isNull(fp - base)) {
          valid[k] = 1;
          words[k] = (w[e >> 3]! >> (e & 7)) & 1;
        }
      }
      return;
    }
    case 'str': {
      const offs = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      for (let k = from; k < to; k++) {
        const fp = filePos[k]!;
        const e = fp - base;
        if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
        else if (isNull(e)) b.offsets[k + 1] = b.used;
        else {
          valid[k] = 1;
          b.appendBytes(k, bytes, offs[e]!, offs[e + 1]!);
        }
      }
      return;
    }
    case 'f64':
      copyNumbers(b, filePos, run, s, isNull);
  }
}

/** float64 cells, also from int64 / timestamp (exact below 2^53) and date (days → UTC ms) files. */
function copyNumbers(b: MatBuilder, filePos: Int32Array, run: Run, s: Source, isNull: (e: number) => boolean): void {
  const { data: d, patch, getter, type } = s;
  const { valid, f64 } = b;
  const { i: from, j: to, base } = run;
  if (type === 'float64') {
    const x = d.values as Float64Array;
    for (let k = from; k < to; k++) {
      const fp = filePos[k]!;
      if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
      else if (!isNull(fp - base)) {
        valid[k] = 1;
        f64[k] = x[fp - base]!;
      }
    }
    return;
  }
  const w = wordsOf(d);
  for (let k = from; k < to; k++) {
    const fp = filePos[k]!;
    const e = fp - base;
    if (patch !== undefined && patch.has(fp)) b.set(k, getter(fp), false);
    else if (!isNull(e)) {
      valid[k] = 1;
      f64[k] = type === 'date' ? w[e]! * DAY_MS : w[2 * e + 1]! * TWO_32 + (w[2 * e]! >>> 0);
    }
  }
}
