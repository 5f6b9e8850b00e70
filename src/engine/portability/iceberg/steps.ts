/**
 * How an imported Iceberg snapshot becomes a Strata commit: an append when the previous snapshot's files are an
 * unchanged prefix of this one's (so the versions share files, as the original's did), else a rewrite of all rows
 * stamped with the original Strata operation when the summary carries one. Data files are read one at a time.
 */
import type { Table } from 'apache-arrow';
import type { CommitInfo } from '../../commit';
import type { StrataEngine } from '../../engine';
import { OPERATIONS, type Operation } from '../../model/records';
import { sameSchema, type Schema } from '../../model/schema';
import { prepareOverwrite } from '../../ops/write';
import { tableFromValues } from '../../read/gather';
import type { Value } from '../../read/values';
import { readParquetColumns } from '../parquet/read';
import type { ImportSnapshot } from './read';

export interface Step {
  readonly snapshot: ImportSnapshot;
  readonly schema: Schema;
  /** append: only `files` are new rows after the previous version's; rewrite: `files` are all the rows. */
  readonly kind: 'append' | 'rewrite';
  readonly files: readonly string[];
}

/** Append when the previous files are an unchanged prefix and the schema only gains nullable columns at the end. */
export function stepsOf(snapshots: readonly ImportSnapshot[]): Step[] {
  return snapshots.map((snapshot, k) => {
    const schema: Schema = { fields: snapshot.fields };
    const prev = snapshots[k - 1];
    const prefix =
      prev &&
      prev.files.length <= snapshot.files.length &&
      prev.files.every((f, i) => snapshot.files[i] === f) &&
      sameSchema({ fields: prev.fields }, { fields: snapshot.fields.slice(0, prev.fields.length) }) &&
      snapshot.fieldIds.slice(0, prev.fieldIds.length).every((id, i) => id === prev.fieldIds[i]) &&
      snapshot.fields.slice(prev.fields.length).every((f) => f.nullable);
    return prefix
      ? { snapshot, schema, kind: 'append', files: snapshot.files.slice(prev.files.length) }
      : { snapshot, schema, kind: 'rewrite', files: snapshot.files };
  });
}

/** One Arrow table per data file, its columns matched to the snapshot's fields by field id (else by name). */
async function* tablesOf(step: Step, bytes: ReadonlyMap<string, Uint8Array>): AsyncGenerator<Table> {
  for (const entry of step.files) {
    const file = await readParquetColumns(bytes.get(entry)!, entry);
    const hasIds = file.fieldIds.some((id) => id !== undefined);
    const columns = step.snapshot.fields.map((f, i): Value[] => {
      const c = hasIds
        ? file.fieldIds.indexOf(step.snapshot.fieldIds[i])
        : file.fields.findIndex((g) => g.name === f.name);
      return c >= 0 ? file.columns[c]! : new Array<Value>(file.rows).fill(null);
    });
    yield tableFromValues(step.schema, columns, file.rows);
  }
}

function operationOf(step: Step): Operation {
  const op = step.snapshot.summary['strata.operation'];
  return (OPERATIONS as readonly string[]).includes(op ?? '') && op !== 'create' && op !== 'append'
    ? (op as Operation)
    : 'overwrite';
}

/** Commits one step on `importer` (whose clock the caller set to the snapshot's time). */
export function commitStep(
  importer: StrataEngine,
  tableId: string,
  step: Step,
  files: ReadonlyMap<string, Uint8Array>,
  first: boolean,
): Promise<CommitInfo> {
  const message = step.snapshot.summary['strata.message'];
  if (first || step.kind === 'append') {
    return importer.append(tableId, tablesOf(step, files), { schema: step.schema, allowNewColumns: true, message });
  }
  return importer.stage(tableId, 'import Iceberg snapshot', async (stager) => {
    const p = await prepareOverwrite(importer.ctx, stager, tableId, tablesOf(step, files), {
      schema: step.schema,
      message,
    });
    return importer.commit({ ...p, plan: { ...p.plan, operation: operationOf(step) } });
  });
}
