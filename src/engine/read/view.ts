/**
 * A version's rows, assembled from its SegmentRefs without copying: each ref is a slice of a data file, minus the
 * positions its deletion vector lists, with positional patches laid over. Rows are addressed by their index in the
 * version's order ("position").
 */
import type { Table, Vector } from 'apache-arrow';
import { StrataError } from '../errors';
import { columnTypeOfArrow } from '../model/arrow';
import type { SegmentRef, VersionRecord } from '../model/records';
import type { Field, Schema } from '../model/schema';
import type { FileLoader, LoadedPatch } from './loader';
import { converter, type Value } from './values';

export interface LoadedRef {
  readonly ref: SegmentRef;
  readonly data: Table;
  /** Ascending data-file positions of the live rows of this slice; null when none is deleted. */
  readonly live: Int32Array | null;
  readonly patch: LoadedPatch | null;
  readonly liveCount: number;
}

/** Live positions of a slice given a sorted deletion vector. */
export function liveRows(ref: SegmentRef, deleted: Int32Array | null): Int32Array | null {
  if (!deleted || deleted.length === 0) return null;
  const end = ref.offset + ref.length;
  const out = new Int32Array(ref.length);
  let n = 0;
  let d = lowerBound(deleted, ref.offset);
  for (let p = ref.offset; p < end; p++) {
    if (d < deleted.length && deleted[d] === p) {
      d++;
      continue;
    }
    out[n++] = p;
  }
  return n === ref.length ? null : out.slice(0, n);
}

export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function loadRef(loader: FileLoader, ref: SegmentRef): Promise<LoadedRef> {
  const [data, deleted, patch] = await Promise.all([
    loader.table(ref.file),
    ref.deletes ? loader.deletes(ref.deletes) : Promise.resolve(null),
    ref.patch ? loader.patch(ref.patch) : Promise.resolve(null),
  ]);
  const live = liveRows(ref, deleted);
  return { ref, data, live, patch, liveCount: live ? live.length : ref.length };
}

type Getter = (filePos: number) => Value;

function vectorByName(table: Table, name: string, skipFirst: boolean): Vector | null {
  const fields = table.schema.fields;
  for (let i = skipFirst ? 1 : 0; i < fields.length; i++) {
    if (fields[i]!.name === name) return table.getChildAt(i);
  }
  return null;
}

function columnGetter(table: Table, field: Field, isPatch: boolean): Getter {
  const vector = vectorByName(table, field.name, isPatch);
  if (!vector) return () => null;
  const fileType = columnTypeOfArrow(vector.type);
  const convert = fileType ? converter(fileType, field.type) : () => null;
  if (convert) return (i) => convert(vector.get(i) as Value);
  return (i) => vector.get(i) as Value;
}

export class VersionView {
  readonly starts: number[] = [];
  readonly totalRows: number;
  /** Getters by refIndex · fields + fieldIdx (a number key: this lookup runs once per cell in gathers and filters). */
  private readonly getters = new Map<number, Getter>();

  constructor(
    readonly record: VersionRecord,
    readonly refs: readonly LoadedRef[],
  ) {
    let n = 0;
    for (const r of refs) {
      this.starts.push(n);
      n += r.liveCount;
    }
    this.totalRows = n;
  }

  get schema(): Schema {
    return this.record.schema;
  }

  fieldIndex(name: string): number {
    const i = this.schema.fields.findIndex((f) => f.name === name);
    if (i < 0) {
      throw new StrataError('INVALID_ARGUMENT', `Version ${this.record.version} has no column "${name}"`, {
        column: name,
      });
    }
    return i;
  }

  /** The ref index holding a position. */
  refAt(position: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  filePos(refIndex: number, k: number): number {
    const r = this.refs[refIndex]!;
    return r.live ? r.live[k]! : r.ref.offset + k;
  }

  /** A reader of one column within one ref, by data-file position (patches applied, types converted). */
  getter(refIndex: number, fieldIdx: number): Getter {
    const key = refIndex * this.schema.fields.length + fieldIdx;
    let g = this.getters.get(key);
    if (g) return g;
    const r = this.refs[refIndex]!;
    const field = this.schema.fields[fieldIdx]!;
    const base = columnGetter(r.data, field, false);
    if (r.patch) {
      const { rowOf, table } = r.patch;
      const patched = columnGetter(table, field, true);
      g = (p) => {
        const row = rowOf.get(p);
        return row === undefined ? base(p) : patched(row);
      };
    } else {
      g = base;
    }
    this.getters.set(key, g);
    return g;
  }

  value(position: number, fieldIdx: number): Value {
    const r = this.refAt(position);
    return this.getter(r, fieldIdx)(this.filePos(r, position - this.starts[r]!));
  }

  /** Calls fn for every row in order with its position, ref index and data-file position. */
  forEachRow(fn: (position: number, refIndex: number, filePos: number) => void): void {
    for (let r = 0; r < this.refs.length; r++) {
      const lr = this.refs[r]!;
      const start = this.starts[r]!;
      if (lr.live) {
        const live = lr.live;
        for (let k = 0; k < live.length; k++) fn(start + k, r, live[k]!);
      } else {
        const off = lr.ref.offset;
        for (let k = 0; k < lr.liveCount; k++) fn(start + k, r, off + k);
      }
    }
  }

  /** All values of a column in version order. */
  columnValues(fieldIdx: number): Value[] {
    const out = new Array<Value>(this.totalRows);
    let getter: Getter | null = null;
    let lastRef = -1;
    this.forEachRow((pos, r, fp) => {
      if (r !== lastRef) {
        getter = this.getter(r, fieldIdx);
        lastRef = r;
      }
      out[pos] = getter!(fp);
    });
    return out;
  }
}
