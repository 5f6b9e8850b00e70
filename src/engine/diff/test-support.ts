/**
 * Test support: a naive diff straight from the definition (read both versions in full, join in a Map), which the
 * real diff must equal; and a reader for diff windows.
 */
import type { Table } from 'apache-arrow';
import type { StrataEngine } from '../engine';
import type { Schema } from '../model/schema';
import { valueKey, type Value } from '../read/values';
import { readRows, toRows } from '../testing/fixtures';
import type { DiffResult, Tolerance } from './types';

export interface NaiveDiff {
  readonly added: string[];
  readonly removed: string[];
  /** Key text → changed column names. */
  readonly changed: Map<string, string[]>;
}

type Row = Record<string, Value>;

function records(schema: Schema, data: Value[][]): Row[] {
  return data.map((r) => Object.fromEntries(schema.fields.map((f, i) => [f.name, r[i] ?? null])));
}

function same(a: Value, b: Value, tol: Tolerance, float: boolean): boolean {
  if (a === null || b === null) return a === b;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    const x = Number(a);
    const y = Number(b);
    if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return true;
    if (!float) return false;
    const d = Math.abs(x - y);
    return d <= (tol.absolute ?? 0) || d <= (tol.relative ?? 0) * Math.max(Math.abs(x), Math.abs(y));
  }
  return valueKey(a) === valueKey(b);
}

/** Text of a key (or of a whole row) used to compare naive and real answers. */
export const keyText = (values: readonly Value[]): string => values.map(valueKey).join('|');

export async function naiveDiff(
  engine: StrataEngine,
  tableId: string,
  from: number,
  to: number,
  key: readonly string[] | null,
  tol: Tolerance = {},
): Promise<NaiveDiff> {
  const [ra, rb] = await Promise.all([
    engine.resolve(tableId, { version: from }),
    engine.resolve(tableId, { version: to }),
  ]);
  const a = records(ra.schema, await readRows(engine, tableId, { version: from }));
  const b = records(rb.schema, await readRows(engine, tableId, { version: to }));
  const columns = [...new Set([...rb.schema.fields, ...ra.schema.fields].map((f) => f.name))];
  const floatCol = new Set(
    [...ra.schema.fields, ...rb.schema.fields].filter((f) => f.type === 'float64').map((f) => f.name),
  );
  if (!key) {
    const rowText = (r: Row) => keyText(columns.map((c) => normalize(r[c] ?? null)));
    const counts = new Map<string, number>();
    for (const r of a) counts.set(rowText(r), (counts.get(rowText(r)) ?? 0) + 1);
    const added: string[] = [];
    for (const r of b) {
      const t = rowText(r);
      const n = counts.get(t) ?? 0;
      if (n > 0) counts.set(t, n - 1);
      else added.push(t);
    }
    const removed = [...counts].flatMap(([t, n]) => Array.from({ length: n }, () => t));
    return { added: added.sort(), removed: removed.sort(), changed: new Map() };
  }
  const kt = (r: Row) => keyText(key.map((k) => normalize(r[k] ?? null)));
  const byKey = new Map(a.map((r) => [kt(r), r]));
  const added: string[] = [];
  const changed = new Map<string, string[]>();
  for (const r of b) {
    const k = kt(r);
    const old = byKey.get(k);
    if (!old) {
      added.push(k);
      continue;
    }
    byKey.delete(k);
    const cells = columns.filter((c) => !key.includes(c) && !same(old[c] ?? null, r[c] ?? null, tol, floatCol.has(c)));
    if (cells.length) changed.set(k, cells);
  }
  return { added: added.sort(), removed: [...byKey.keys()].sort(), changed };
}

/** int64 and float64 forms of one number compare equal (a widened column). */
function normalize(v: Value): Value {
  return typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/** The real diff in the naive diff's terms, read through `window` (so paging and the layout are checked too). */
export function asNaive(diff: DiffResult, table: Table = diff.window(0, 1e9).rows): NaiveDiff {
  const rowsOut = toRows(table);
  const names = table.schema.fields.map((f) => f.name);
  const col = (name: string) => names.indexOf(name);
  const change = col(diff.windowColumns.change);
  const key = diff.keyUsed;
  const all = diff.columns.map((c) => c.name);
  const added: string[] = [];
  const removed: string[] = [];
  const changed = new Map<string, string[]>();
  for (const r of rowsOut) {
    const text = keyText((key ?? all).map((k) => normalize(r[col(k)] ?? null)));
    const kind = r[change];
    if (kind === 'added') added.push(text);
    else if (kind === 'removed') removed.push(text);
    else {
      const cells = diff.columns.filter((c) => c.changedColumn && r[col(c.changedColumn)] === true).map((c) => c.name);
      changed.set(text, cells);
    }
  }
  return { added: added.sort(), removed: removed.sort(), changed };
}
