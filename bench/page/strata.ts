/**
 * Workload steps against the app's real worker, through the same client the UI uses (src/client). Loops run here in
 * the page so that Playwright's round trips stay out of the timings; each returns plain numbers.
 */
import { tableFromIPC } from 'apache-arrow';
import { getClient, newRequestId } from '../../src/client/client';
import type { CommitResult, ImportMode } from '../../src/protocol/api';
import type { Schema, TableInfo } from '../../src/protocol/dto';
import type { GeneratorState } from '../generate.mjs';
import { dataFile, deletedIds, dropData, makeData } from './data';

const api = () => getClient().api;
let schema: Schema | undefined;

export async function init(): Promise<{ ms: number; storageProblems: readonly string[] }> {
  const t0 = performance.now();
  const hello = await getClient().ready;
  return { ms: performance.now() - t0, storageProblems: hello.storageProblems };
}

async function schemaFor(file: File): Promise<Schema> {
  if (!schema) {
    const preview = await api().previewCsv({ file });
    schema = { fields: preview.columns.map(({ name, type, nullable }) => ({ name, type, nullable })) };
  }
  return schema;
}

export async function tableInfo({ table }: { table: string }): Promise<TableInfo> {
  const info = (await api().listTables()).find((t) => t.name === table);
  if (!info) throw new Error(`No table "${table}"`);
  return info;
}

const tableId = async (table: string) => (await tableInfo({ table })).id;

export async function importData(req: {
  data: string;
  table: string;
  mode: ImportMode;
  rangeColumn?: string;
  key?: string[];
}): Promise<{ ms: number; result: CommitResult }> {
  const file = dataFile(req.data);
  const fileSchema = await schemaFor(file);
  const t0 = performance.now();
  const result = await api().importCsv({
    requestId: newRequestId(),
    file,
    fileName: file.name,
    tableName: req.table,
    mode: req.mode,
    schema: fileSchema,
    ...(req.rangeColumn ? { rangeColumn: req.rangeColumn } : {}),
    ...(req.key ? { key: req.key } : {}),
  });
  return { ms: performance.now() - t0, result };
}

/** Arrow IPC bytes of rows [offset, offset + limit) of a version, as the worker sends them. */
async function arrowBytes(id: string, version: number, offset: number, limit: number): Promise<number> {
  const r = await api().read({ tableId: id, asOf: { version }, offset, limit });
  return r.ipc.byteLength;
}

export interface AppendSample {
  readonly rowsBefore: number;
  readonly ms: number;
  readonly bytesAdded: number;
  readonly arrowBytes: number;
}

/** `count` appends of `rows` generated rows each (generation and the read-back are not timed). */
export async function appendSeries(req: {
  table: string;
  count: number;
  rows: number;
  seed: number;
  start: GeneratorState;
  measureArrow?: boolean;
}): Promise<{ appends: AppendSample[]; end: GeneratorState }> {
  const id = await tableId(req.table);
  const appends: AppendSample[] = [];
  let start = req.start;
  for (let i = 0; i < req.count; i++) {
    const name = `${req.table}-append`;
    start = makeData({ name, rows: req.rows, seed: req.seed + i, start }).end;
    const { ms, result } = await importData({ data: name, table: req.table, mode: 'append' });
    const rowsBefore = result.summary.totalRows - result.summary.rowsAdded;
    appends.push({
      rowsBefore,
      ms,
      bytesAdded: result.summary.bytesAdded,
      arrowBytes: req.measureArrow === false ? 0 : await arrowBytes(id, result.version, rowsBefore, req.rows),
    });
    dropData([name]);
  }
  return { appends, end: start };
}

/** Time to the first screen (`read` of offset 0, limit 100, decoded) of each version in turn. */
export async function readFirstScreens(req: {
  table: string;
  versions: number[];
  limit?: number;
}): Promise<{ version: number; ms: number; totalRows: number; firstRow: string[] }[]> {
  const id = await tableId(req.table);
  const out = [];
  for (const version of req.versions) {
    const t0 = performance.now();
    const r = await api().read({ tableId: id, asOf: { version }, offset: 0, limit: req.limit ?? 100 });
    const rows = tableFromIPC(r.ipc);
    const ms = performance.now() - t0;
    const first = Object.values(rows.get(0)?.toJSON() ?? {});
    out.push({ version, ms, totalRows: r.totalRows, firstRow: first.map((v: unknown) => String(v)) });
  }
  return out;
}

/** Reads every row of a version (the cost of reading the head in full). */
export async function readWhole(req: { table: string; version?: number }): Promise<{ ms: number; rows: number }> {
  const info = await tableInfo(req);
  const t0 = performance.now();
  const r = await api().read({
    tableId: info.id,
    asOf: { version: req.version ?? info.head },
    offset: 0,
    limit: info.rows,
  });
  const rows = tableFromIPC(r.ipc).numRows;
  return { ms: performance.now() - t0, rows };
}

export async function historyTimes(req: {
  table: string;
  runs: number;
  limit?: number;
}): Promise<{ ms: number[]; total: number; listed: number; operations: Record<string, number> }> {
  const id = await tableId(req.table);
  const ms: number[] = [];
  let total = 0;
  let listed = 0;
  const operations: Record<string, number> = {};
  for (let i = 0; i < req.runs; i++) {
    const t0 = performance.now();
    const h = await api().history({ tableId: id, offset: 0, ...(req.limit ? { limit: req.limit } : {}) });
    ms.push(performance.now() - t0);
    total = h.total;
    listed = h.versions.length;
    if (i === 0) for (const v of h.versions) operations[v.operation] = (operations[v.operation] ?? 0) + 1;
  }
  return { ms, total, listed, operations };
}

/** The commit times of every version (oldest first), for as-of-time lookups. */
export async function commitTimes({ table }: { table: string }): Promise<number[]> {
  const h = await api().history({ tableId: await tableId(table), offset: 0 });
  return h.versions.map((v) => v.committedAt).reverse();
}

export async function resolveTimes(req: {
  table: string;
  times: number[];
}): Promise<{ ms: number[]; versions: number[] }> {
  const id = await tableId(req.table);
  const ms: number[] = [];
  const versions: number[] = [];
  for (const time of req.times) {
    const t0 = performance.now();
    versions.push(await api().resolveAsOf({ tableId: id, asOf: { time } }));
    ms.push(performance.now() - t0);
  }
  return { ms, versions };
}

export async function compact({ table }: { table: string }): Promise<{ ms: number; version: number | null }> {
  const id = await tableId(table);
  const t0 = performance.now();
  const result = await api().compact({ tableId: id });
  return { ms: performance.now() - t0, version: result?.version ?? null };
}

export async function deleteTable({ table }: { table: string }): Promise<boolean> {
  const info = (await api().listTables()).find((t) => t.name === table);
  if (info) await api().deleteTable({ tableId: info.id });
  return Boolean(info);
}

/**
 * Commits version B as a restatement of A, the way the engine is meant to be told about a change: an update by key
 * (upsert of the changed and inserted rows of `data.delta` on `id`), then a delete of B's missing ids. Two versions.
 */
export async function restateData(req: { data: string; table: string }): Promise<{ versions: number[] }> {
  const upsert = await importData({ data: `${req.data}.delta`, table: req.table, mode: 'updateKey', key: ['id'] });
  const del = await api().deleteRows({
    tableId: await tableId(req.table),
    base: upsert.result.version,
    where: { keys: { column: 'id', values: deletedIds(req.data) } },
    message: 'delete the rows B lacks',
  });
  return { versions: [upsert.result.version, del.version] };
}

/**
 * A diff through the protocol, as the Compare view makes it: `diff` (counts and changed-row positions, in the worker)
 * and then `diffWindow` for the first screen (rows 0..100 as Arrow IPC, decoded here). The worker caches diffs by
 * (versions, key, tolerance); `fresh` makes the tolerance a distinct negligible relative one (1e-18 × fresh: far
 * below a float64's resolution, so it cannot change an answer) so that the cache misses while the worker's file cache
 * stays as warm as it is.
 */
export async function diffThroughApp(req: { table: string; from: number; to: number; key: string[]; fresh: number }) {
  const id = await tableId(req.table);
  const base = { tableId: id, from: req.from, to: req.to, key: req.key, tolerance: { relative: req.fresh * 1e-18 } };
  const t0 = performance.now();
  const summary = await api().diff({ ...base, requestId: newRequestId() });
  const countsMs = performance.now() - t0;
  const w = await api().diffWindow({ ...base, offset: 0, limit: 100, requestId: newRequestId() });
  const rows = tableFromIPC(w.ipc).numRows;
  const firstScreenMs = performance.now() - t0;
  return {
    countsMs,
    workerMs: summary.ms,
    firstScreenMs,
    windowRows: rows,
    mode: summary.mode,
    added: summary.added,
    removed: summary.removed,
    changed: summary.changed,
  };
}

/** Arrow IPC bytes of a window of a version's rows (what those rows weigh as Arrow). */
export async function windowBytes(req: {
  table: string;
  version: number;
  offset: number;
  limit: number;
}): Promise<number> {
  return arrowBytes(await tableId(req.table), req.version, req.offset, req.limit);
}
