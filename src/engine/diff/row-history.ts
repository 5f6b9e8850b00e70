/**
 * Row history: one row (by key) in every live version, oldest first, for the row-history panel and its sparklines.
 *
 * Computed from the refs each version added, not by scanning every version. Walking live versions in order, with
 * `prev` the last version examined:
 * - if prev held the row in ref R and R is still in this version's list, the row is unchanged (a ref id names fixed
 *   rows), so its values are reused (re-read from R only if the schema changed);
 * - otherwise the row, if present, is in a ref this version has and prev did not: the refs shared with prev did not
 *   hold it in prev (its key is unique there, and it was in R or absent), so they do not hold it now.
 * The first version is scanned in full; after that only new refs are read, and only when the row's ref went away.
 */
import { lockNames } from '../context';
import type { StrataEngine } from '../engine';
import type { Operation, SegmentRef, VersionRecord } from '../model/records';
import type { Field } from '../model/schema';
import { coerceScalar, valueKey, type Value } from '../read/values';
import { VersionView, lowerBound, type LoadedRef } from '../read/view';
import { equalCell } from './cells';
import { materialize, matOf } from './mat';
import { rowsOfRefs } from './pools';

export interface RowVersion {
  readonly version: number;
  readonly committedAt: number;
  readonly operation: Operation;
  readonly present: boolean;
  /** The row's position in this version (null when absent). */
  readonly position: number | null;
  /** Aligned with {@link RowHistory.columns}; null when absent (and for columns this version lacks). */
  readonly values: Value[] | null;
  /** Columns whose value differs from the last version that had the row. */
  readonly changed: string[];
  /** True when the answer was carried over from the previous version without reading anything. */
  readonly reused: boolean;
}

export interface RowHistory {
  readonly column: string;
  /** Columns across all versions (first appearance order; the latest type). */
  readonly columns: Field[];
  readonly versions: RowVersion[];
}

interface Found {
  readonly ref: LoadedRef;
  readonly fp: number;
}

/** The row's position: start of its ref in the list plus its rank among the ref's live rows. */
function positionOf(list: readonly SegmentRef[], found: Found): number {
  let start = 0;
  for (const r of list) {
    if (r.ref === found.ref.ref.ref) break;
    start += r.length - r.deletedCount;
  }
  const { live, ref } = found.ref;
  return start + (live ? lowerBound(live, found.fp) : found.fp - ref.offset);
}

async function findIn(
  engine: StrataEngine,
  record: VersionRecord,
  list: readonly SegmentRef[],
  candidate: (r: SegmentRef) => boolean,
  column: string,
  raw: unknown,
): Promise<Found | null> {
  const field = record.schema.fields.find((f) => f.name === column);
  if (!field) return null;
  const target = coerceScalar(field.type, raw);
  if (target === null) return null;
  const rows = await rowsOfRefs(engine.ctx, record, list, candidate);
  const keys = materialize(rows, column, field.type);
  const wanted = matOf(field.type, target);
  for (let i = 0; i < rows.n; i++) {
    if (equalCell(keys, i, wanted, 0)) return { ref: rows.view.refs[rows.refIdx[i]!]!, fp: rows.filePos[i]! };
  }
  return null;
}

function same(a: Value, b: Value): boolean {
  const norm = (v: Value) => (typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v);
  return valueKey(norm(a)) === valueKey(norm(b));
}

export function rowHistory(
  engine: StrataEngine,
  tableId: string,
  key: { readonly column: string; readonly value: unknown },
): Promise<RowHistory> {
  const { ctx } = engine;
  return ctx.storage.locks.request(lockNames.read(tableId), 'shared', () => walk(engine, tableId, key));
}

async function walk(
  engine: StrataEngine,
  tableId: string,
  key: { readonly column: string; readonly value: unknown },
): Promise<RowHistory> {
  const { ctx } = engine;
  const table = await ctx.table(tableId);
  const records = table.head < 0 ? [] : await ctx.catalog.listVersions(tableId, 0, table.head);
  const columns: Field[] = [];
  const at = new Map<string, number>();
  for (const r of records) {
    if (r.expiredAt !== undefined) continue;
    for (const f of r.schema.fields) {
      const i = at.get(f.name);
      if (i === undefined) at.set(f.name, columns.push(f) - 1);
      else columns[i] = f;
    }
  }
  const versions: RowVersion[] = [];
  let prevIds: ReadonlySet<string> = new Set();
  let prevSchema = '';
  let found: Found | null = null;
  let last: Value[] | null = null;
  for (const record of records) {
    if (record.expiredAt !== undefined) continue;
    const list = await ctx.list(record);
    const ids = new Set(list.map((r) => r.ref));
    const schemaText = JSON.stringify(record.schema.fields);
    const reused = found !== null && ids.has(found.ref.ref.ref) && schemaText === prevSchema;
    if (!found || !ids.has(found.ref.ref.ref)) {
      found = await findIn(engine, record, list, (r) => !prevIds.has(r.ref), key.column, key.value);
    }
    let values: Value[] | null = null;
    if (found && reused) values = versions[versions.length - 1]!.values;
    else if (found) {
      const view = new VersionView(record, [found.ref]);
      values = columns.map((c) => {
        const i = record.schema.fields.findIndex((f) => f.name === c.name);
        return i < 0 ? null : view.getter(0, i)(found!.fp);
      });
    }
    const changed =
      values && last ? columns.filter((c, i) => !same(values![i] ?? null, last![i] ?? null)).map((c) => c.name) : [];
    versions.push({
      version: record.version,
      committedAt: record.committedAt,
      operation: record.operation,
      present: values !== null,
      position: found ? positionOf(list, found) : null,
      values,
      changed,
      reused,
    });
    if (values) last = values;
    prevIds = ids;
    prevSchema = schemaText;
  }
  return { column: key.column, columns, versions };
}
