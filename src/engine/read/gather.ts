/**
 * Builds Arrow tables from rows of a version or from plain column values, with apache-arrow builders (CSP-safe,
 * unlike vectorFromArray for strings).
 */
import type { Data, Table } from 'apache-arrow';
import { arrowSchemaOf, makeColumnData } from '../model/arrow';
import type { ColumnType, Schema } from '../model/schema';
import { tableOfColumns } from '../io/ipc';
import type { Value } from './values';
import type { VersionView } from './view';

const encoder = new TextEncoder();
const DAY_MS = 86_400_000;

/**
 * One Arrow column from engine values, filled straight into typed buffers. (apache-arrow's builders compile their
 * null check with `new Function` when given nullValues, which a strict Content-Security-Policy forbids.)
 */
export function buildColumn(type: ColumnType, values: ArrayLike<Value>): Data {
  const n = values.length;
  const validity = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  const isNull = (v: Value | undefined) => v === null || v === undefined;
  for (let i = 0; i < n; i++) {
    if (isNull(values[i])) nullCount++;
    else validity[i >> 3]! |= 1 << (i & 7);
  }
  switch (type) {
    case 'bool': {
      const bits = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3]! |= 1 << (i & 7);
      return makeColumnData(type, { length: n, nullCount, validity, values: bits });
    }
    case 'int64':
    case 'timestamp': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'bigint') out[i] = v;
        else if (typeof v === 'number' && Number.isFinite(v)) out[i] = BigInt(Math.trunc(v));
      }
      return makeColumnData(type, { length: n, nullCount, validity, values: out });
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        out[i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
      }
      return makeColumnData(type, { length: n, nullCount, validity, values: out });
    }
    case 'date': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (typeof v === 'number') out[i] = Math.floor(v / DAY_MS);
      }
      return makeColumnData(type, { length: n, nullCount, validity, values: out });
    }
    case 'string': {
      const offsets = new Int32Array(n + 1);
      const parts: Uint8Array[] = [];
      let total = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (!isNull(v)) {
          const bytes = encoder.encode(String(v));
          parts.push(bytes);
          total += bytes.length;
        }
        offsets[i + 1] = total;
      }
      const data = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        data.set(p, at);
        at += p.length;
      }
      return makeColumnData(type, { length: n, nullCount, validity, values: data, offsets });
    }
  }
}

/** A single-batch table from column value arrays (one per schema field). */
export function tableFromValues(schema: Schema, columns: readonly ArrayLike<Value>[], length: number): Table {
  const data = schema.fields.map((f, i) => buildColumn(f.type, columns[i] ?? new Array<Value>(length).fill(null)));
  return tableOfColumns(arrowSchemaOf(schema), data, length);
}

/** The given rows (by position) of a version, in the order given, restricted to `schema`'s columns. */
export function gatherRows(view: VersionView, positions: ArrayLike<number>, schema: Schema = view.schema): Table {
  const n = positions.length;
  const fieldIdx = schema.fields.map((f) => view.fieldIndex(f.name));
  const columns = fieldIdx.map(() => new Array<Value>(n));
  for (let i = 0; i < n; i++) {
    const pos = positions[i]!;
    const r = view.refAt(pos);
    const fp = view.filePos(r, pos - view.starts[r]!);
    for (let c = 0; c < fieldIdx.length; c++) columns[c]![i] = view.getter(r, fieldIdx[c]!)(fp);
  }
  return tableFromValues(schema, columns, n);
}

/** Every row of a version, in order. */
export function gatherAll(view: VersionView, schema: Schema = view.schema): Table {
  const fieldIdx = schema.fields.map((f) => view.fieldIndex(f.name));
  return tableFromValues(
    schema,
    fieldIdx.map((f) => view.columnValues(f)),
    view.totalRows,
  );
}
