/**
 * Materialized columns ("mats"): one column's cells for a set of rows, copied straight out of the Arrow buffers into
 * flat typed arrays, so joins and comparisons run over typed memory without a boxed value or a string per row.
 * int64 and timestamp cells are kept as (lo, hi) int32 word pairs, which hash and compare exactly without BigInt.
 * Rows a patch replaces, and columns whose file type differs from the wanted one, take a slow per-cell path through the
 * version's getters (the same conversions a read applies).
 */
import type { Vector } from 'apache-arrow';
import { columnTypeOfArrow } from '../model/arrow';
import type { ColumnType } from '../model/schema';
import { valueKey, type Value } from '../read/values';
import { copyRun, type Getter } from './copy';
import type { RowSet } from './pools';
import { runsOf } from './runs';

export const MAT_KINDS = ['i64', 'f64', 'i32', 'bool', 'str'] as const;
export type MatKind = (typeof MAT_KINDS)[number];

export interface Mat {
  readonly kind: MatKind;
  readonly n: number;
  /** 1 where the cell holds a value, 0 for null. */
  readonly valid: Uint8Array;
  /** i64: words 2i (low) and 2i + 1 (high); i32 (date, in days) and bool (0/1): word i. */
  readonly words: Int32Array;
  readonly f64: Float64Array;
  /** str: UTF-8 bytes of cell i are bytes[offsets[i], offsets[i + 1]). */
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;
const encoder = new TextEncoder();
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);

export function kindOf(type: ColumnType): MatKind {
  switch (type) {
    case 'int64':
    case 'timestamp':
      return 'i64';
    case 'float64':
      return 'f64';
    case 'date':
      return 'i32';
    case 'bool':
      return 'bool';
    case 'string':
      return 'str';
  }
}

/** Fills a mat cell by cell; can refill the buffers of a mat no longer needed (same kind and size). */
export class MatBuilder {
  readonly valid: Uint8Array;
  readonly words: Int32Array;
  readonly f64: Float64Array;
  readonly offsets: Int32Array;
  bytes: Uint8Array;
  used = 0;

  constructor(
    readonly kind: MatKind,
    readonly n: number,
    reuse?: Mat,
  ) {
    if (reuse && reuse.kind === kind && reuse.n === n) {
      this.valid = reuse.valid.fill(0);
      this.words = reuse.words;
      this.f64 = reuse.f64;
      this.offsets = reuse.offsets;
      this.bytes = new Uint8Array(reuse.bytes.buffer);
      return;
    }
    this.valid = new Uint8Array(n);
    this.words =
      kind === 'i64' ? new Int32Array(2 * n) : kind === 'i32' || kind === 'bool' ? new Int32Array(n) : EMPTY_I32;
    this.f64 = kind === 'f64' ? new Float64Array(n) : EMPTY_F64;
    this.offsets = kind === 'str' ? new Int32Array(n + 1) : EMPTY_I32;
    this.bytes = new Uint8Array(kind === 'str' ? Math.max(64, n * 8) : 0);
  }

  /** Appends the bytes of string cell i (cells are filled in increasing i). */
  appendBytes(i: number, src: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.used + len > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + len));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    let at = this.used;
    if (len > 32) bytes.set(src.subarray(start, end), at);
    else for (let p = start; p < end; p++) bytes[at++] = src[p]!; // short cells: no subarray per cell
    this.used += len;
    this.offsets[i + 1] = this.used;
  }

  /** Sets cell i from an engine value (slow path). `canonical` stores valueKey strings. */
  set(i: number, v: Value, canonical: boolean): void {
    if (this.kind === 'str') this.offsets[i + 1] = this.used;
    if (v === null) return;
    this.valid[i] = 1;
    if (canonical) {
      const b = encoder.encode(valueKey(v));
      this.appendBytes(i, b, 0, b.length);
      return;
    }
    switch (this.kind) {
      case 'i64': {
        if (typeof v === 'bigint') {
          this.words[2 * i] = Number(BigInt.asIntN(32, v));
          this.words[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
        } else {
          const x = Math.trunc(Number(v));
          const hi = Math.floor(x / TWO_32);
          this.words[2 * i] = (x - hi * TWO_32) | 0;
          this.words[2 * i + 1] = hi | 0;
        }
        return;
      }
      case 'f64':
        this.f64[i] = Number(v);
        return;
      case 'i32':
        this.words[i] = Math.floor(Number(v) / DAY_MS);
        return;
      case 'bool':
        this.words[i] = v === true ? 1 : 0;
        return;
      case 'str': {
        const b = encoder.encode(String(v));
        this.appendBytes(i, b, 0, b.length);
      }
    }
  }

  finish(): Mat {
    const { kind, n, valid, words, f64, offsets } = this;
    return { kind, n, valid, words, f64, offsets, bytes: this.bytes.subarray(0, this.used) };
  }
}

function dataColumn(view: RowSet['view'], r: number, name: string): Vector | null {
  const data = view.refs[r]!.data;
  const i = data.schema.fields.findIndex((f) => f.name === name);
  return i < 0 ? null : data.getChildAt(i);
}

/** Can file cells of type `src` be copied raw into a mat of `kind` for a version column of type `field`? */
function fastPath(src: ColumnType | undefined, field: ColumnType, kind: MatKind): boolean {
  if (src === undefined) return false;
  if (src !== field && !(src === 'int64' && field === 'float64')) return false;
  if (kindOf(src) === kind) return src === field;
  return kind === 'f64' && src !== 'bool' && src !== 'string';
}

interface RefSource {
  readonly getter: Getter;
  readonly patch: ReadonlyMap<number, number> | undefined;
  /** The column's chunks, when cells can be copied raw. */
  readonly chunks: Vector['data'] | null;
  readonly type: ColumnType;
}

/**
 * Column `name` of the rows, converted to `type` (or to canonical value strings). A column the version lacks is all
 * null. `reuse`: a mat whose buffers may be overwritten.
 */
export function materialize(rows: RowSet, name: string, type: ColumnType, canonical = false, reuse?: Mat): Mat {
  const kind: MatKind = canonical ? 'str' : kindOf(type);
  const b = new MatBuilder(kind, rows.n, reuse);
  const { view, filePos } = rows;
  const fieldIdx = view.schema.fields.findIndex((f) => f.name === name);
  if (fieldIdx < 0) {
    if (kind === 'str') b.offsets.fill(0);
    return b.finish();
  }
  const field = view.schema.fields[fieldIdx]!;
  const sources = new Map<number, RefSource>();
  const sourceOf = (r: number): RefSource => {
    let s = sources.get(r);
    if (!s) {
      const vector = canonical ? null : dataColumn(view, r, name);
      const src = vector ? columnTypeOfArrow(vector.type) : undefined;
      const fast = vector !== null && fastPath(src, field.type, kind);
      s = {
        getter: view.getter(r, fieldIdx),
        patch: view.refs[r]!.patch?.rowOf,
        chunks: fast ? vector.data : null,
        type: src!,
      };
      sources.set(r, s);
    }
    return s;
  };
  for (const run of runsOf(rows)) {
    const s = sourceOf(run.r);
    if (s.chunks) {
      copyRun(b, filePos, run, { data: s.chunks[run.batch]!, type: s.type, patch: s.patch, getter: s.getter });
    } else {
      for (let i = run.i; i < run.j; i++) b.set(i, s.getter(filePos[i]!), canonical);
    }
  }
  return b.finish();
}

/** A mat of one value (a key looked up, a constant). */
export function matOf(type: ColumnType, value: Value): Mat {
  const b = new MatBuilder(kindOf(type), 1);
  b.set(0, value, false);
  return b.finish();
}
