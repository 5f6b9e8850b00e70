/**
 * Paging a computed diff: diff rows sorted once into key order (lazily, on the first page asked for, and only the
 * diff rows' key cells are read for it), filtered orders cached per filter, and each page built as Arrow from the
 * rows' cells on both sides. The column layout is described in types.ts (DiffWindow).
 */
import { Field as ArrowField, Int32, Schema as ArrowSchema, makeData, type Data, type Table } from 'apache-arrow';
import { StrataError } from '../errors';
import { tableOfColumns } from '../io/ipc';
import { arrowFieldOf } from '../model/arrow';
import { buildColumn } from '../read/gather';
import type { Value } from '../read/values';
import { compareCell } from './cells';
import type { ColumnPlan } from './columns';
import { CHANGED, REMOVED, type Computed } from './compute';
import { materialize, type Mat } from './mat';
import type { PoolSide, Pools } from './pools';
import { CHANGE_KINDS, type ChangeKind, type DiffColumn, type DiffWindow, type WindowFilter } from './types';

/** Sort rank of a change kind among rows with equal keys (multiset: a row's old form before its new one). */
const KIND_RANK = [2, 0, 1]; // added, removed, changed

function subset(side: PoolSide, rows: readonly number[]) {
  const refIdx = new Int32Array(rows.length);
  const filePos = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    refIdx[i] = side.refIdx[r]!;
    filePos[i] = side.filePos[r]!;
  });
  return { view: side.view, refIdx, filePos, n: rows.length };
}

/** Diff row indices in key order (multiset: ordered by every column). */
function keyOrder(pools: Pools, computed: Computed, plans: readonly ColumnPlan[]): Int32Array {
  const { rows } = computed;
  const sortBy = computed.key ? computed.key.map((k) => plans.find((p) => p.name === k)!) : plans;
  // Each diff row is ordered by its to-side cells when it has them, else (removed) by its from-side cells.
  const fromRows: number[] = [];
  const toRows: number[] = [];
  const local = new Int32Array(rows.count);
  for (let d = 0; d < rows.count; d++) {
    if (rows.b[d]! >= 0) local[d] = toRows.push(rows.b[d]!) - 1;
    else local[d] = fromRows.push(rows.a[d]!) - 1;
  }
  const mats = (side: PoolSide, list: number[]): Mat[] =>
    sortBy.map((p) => materialize(subset(side, list), p.name, p.compareAs, p.canonical));
  const matsFrom = mats(pools.from, fromRows);
  const matsTo = mats(pools.to, toRows);
  const order = Array.from({ length: rows.count }, (_, d) => d);
  order.sort((x, y) => {
    const mx = rows.b[x]! >= 0 ? matsTo : matsFrom;
    const my = rows.b[y]! >= 0 ? matsTo : matsFrom;
    for (let c = 0; c < sortBy.length; c++) {
      const r = compareCell(mx[c]!, local[x]!, my[c]!, local[y]!);
      if (r !== 0) return r;
    }
    return KIND_RANK[rows.kind[x]!]! - KIND_RANK[rows.kind[y]!]! || x - y;
  });
  return Int32Array.from(order);
}

function positionsColumn(values: (number | null)[]): Data {
  const n = values.length;
  const data = new Int32Array(n);
  const validity = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else {
      data[i] = v;
      validity[i >> 3]! |= 1 << (i & 7);
    }
  });
  return makeData({ type: new Int32(), length: n, nullCount, nullBitmap: nullCount ? validity : undefined, data });
}

export interface WindowNames {
  readonly columns: readonly DiffColumn[];
  readonly change: string;
  readonly fromRow: string;
  readonly toRow: string;
}

export class DiffPager {
  private order: Int32Array | null = null;
  private readonly filtered = new Map<number, Int32Array>();

  constructor(
    private readonly pools: Pools,
    private readonly computed: Computed,
    private readonly plans: readonly ColumnPlan[],
    private readonly names: WindowNames,
  ) {}

  private ordered(filter: WindowFilter | undefined): Int32Array {
    this.order ??= keyOrder(this.pools, this.computed, this.plans);
    const kinds = filter?.change?.length ? filter.change : CHANGE_KINDS;
    let bits = 0;
    for (const k of kinds) {
      const i = CHANGE_KINDS.indexOf(k as ChangeKind);
      if (i < 0) throw new StrataError('INVALID_ARGUMENT', `Unknown change kind "${String(k)}"`, { change: k });
      bits |= 1 << i;
    }
    if (bits === 7) return this.order;
    let out = this.filtered.get(bits);
    if (!out) {
      const kind = this.computed.rows.kind;
      out = this.order.filter((d) => ((bits >> kind[d]!) & 1) === 1);
      this.filtered.set(bits, out);
    }
    return out;
  }

  window(offset: number, limit: number, filter?: WindowFilter): DiffWindow {
    const order = this.ordered(filter);
    const start = Math.max(0, Math.min(Math.floor(offset) || 0, order.length));
    const end = Math.max(start, Math.min(order.length, start + Math.max(0, Math.floor(limit) || 0)));
    return { total: order.length, offset: start, rows: this.build(order.subarray(start, end)) };
  }

  private cell(side: PoolSide, row: number, name: string): Value {
    if (row < 0) return null;
    const idx = side.view.schema.fields.findIndex((f) => f.name === name);
    return idx < 0 ? null : side.view.getter(side.refIdx[row]!, idx)(side.filePos[row]!);
  }

  private build(page: Int32Array): Table {
    const { rows, compared } = this.computed;
    const { from, to } = this.pools;
    const n = page.length;
    const fields: ArrowField[] = [];
    const data: Data[] = [];
    const kindOf = (i: number) => rows.kind[page[i]!]!;
    const aOf = (i: number) => rows.a[page[i]!]!;
    const bOf = (i: number) => rows.b[page[i]!]!;
    const push = (name: string, type: ColumnPlan['compareAs'], nullable: boolean, values: Value[]) => {
      fields.push(arrowFieldOf({ name, type, nullable }));
      data.push(buildColumn(type, values));
    };
    push(
      this.names.change,
      'string',
      false,
      Array.from({ length: n }, (_, i) => CHANGE_KINDS[kindOf(i)]!),
    );
    for (const [name, side, rowOf] of [
      [this.names.fromRow, from, aOf],
      [this.names.toRow, to, bOf],
    ] as const) {
      fields.push(new ArrowField(name, new Int32(), true));
      data.push(
        positionsColumn(Array.from({ length: n }, (_, i) => (rowOf(i) < 0 ? null : side.positionOf(rowOf(i))))),
      );
    }
    this.names.columns.forEach((col, ci) => {
      const plan = this.plans[ci]!;
      const shown = Array.from({ length: n }, (_, i) =>
        kindOf(i) === REMOVED ? this.cell(from, aOf(i), col.name) : this.cell(to, bOf(i), col.name),
      );
      push(col.valueColumn, (plan.toType ?? plan.fromType)!, true, shown);
      if (col.oldColumn) {
        const old = Array.from({ length: n }, (_, i) =>
          kindOf(i) === CHANGED ? this.cell(from, aOf(i), col.name) : null,
        );
        push(col.oldColumn, (plan.fromType ?? plan.toType)!, true, old);
      }
      if (col.changedColumn) {
        const c = compared.indexOf(plan);
        const words = rows.words;
        const flags = Array.from({ length: n }, (_, i) => {
          if (kindOf(i) !== CHANGED || c < 0) return false;
          return ((rows.masks[page[i]! * words + (c >> 5)]! >>> (c & 31)) & 1) === 1;
        });
        push(col.changedColumn, 'bool', false, flags);
      }
    });
    return tableOfColumns(new ArrowSchema(fields), data, n);
  }
}
