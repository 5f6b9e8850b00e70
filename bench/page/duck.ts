/**
 * DuckDB-WASM in the same page, for comparison: `read_csv` of the very File our import reads (through a file handle,
 * as a browser app would, not copied into wasm memory first), and a full outer join on id for the diff.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { dataFile } from './data';

let opened: Promise<duckdb.AsyncDuckDB> | undefined;

async function open(): Promise<duckdb.AsyncDuckDB> {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(workerUrl));
  await db.instantiate(wasmUrl);
  return db;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function duckVersion(): Promise<string> {
  return (await (opened ??= open())).getVersion();
}

/** Loads a dataset into a DuckDB table with read_csv; the timing covers the CREATE TABLE … AS read_csv only. */
export async function duckReadCsv(req: { data: string; table: string }): Promise<{ ms: number; rows: number }> {
  const db = await (opened ??= open());
  const file = dataFile(req.data);
  await db.registerFileHandle(file.name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const c = await db.connect();
  try {
    const t0 = performance.now();
    await c.query(
      `CREATE OR REPLACE TABLE ${quote(req.table)} AS SELECT * FROM read_csv('${file.name}', header = true)`,
    );
    const ms = performance.now() - t0;
    const n = await c.query(`SELECT count(*)::INTEGER AS n FROM ${quote(req.table)}`);
    return { ms, rows: Number(n.getChild('n')?.get(0)) };
  } finally {
    await c.close();
    await db.dropFile(file.name);
  }
}

/** Added / removed / changed rows between two loaded tables: a full outer join on id comparing every column. */
export async function duckDiff(req: {
  from: string;
  to: string;
  columns: string[];
}): Promise<{ ms: number; added: number; removed: number; changed: number }> {
  const db = await (opened ??= open());
  const c = await db.connect();
  const differs = req.columns
    .filter((col) => col !== 'id')
    .map((col) => `a.${quote(col)} IS DISTINCT FROM b.${quote(col)}`)
    .join(' OR ');
  try {
    const t0 = performance.now();
    const r = await c.query(`
      SELECT count(*) FILTER (WHERE a.id IS NULL)::INTEGER AS added,
             count(*) FILTER (WHERE b.id IS NULL)::INTEGER AS removed,
             count(*) FILTER (WHERE a.id IS NOT NULL AND b.id IS NOT NULL AND (${differs}))::INTEGER AS changed
      FROM ${quote(req.from)} a FULL OUTER JOIN ${quote(req.to)} b ON a.id = b.id`);
    const ms = performance.now() - t0;
    const get = (name: string) => Number(r.getChild(name)?.get(0));
    return { ms, added: get('added'), removed: get('removed'), changed: get('changed') };
  } finally {
    await c.close();
  }
}

export async function duckDrop(req: { tables: string[] }): Promise<void> {
  const db = await (opened ??= open());
  const c = await db.connect();
  for (const t of req.tables) await c.query(`DROP TABLE IF EXISTS ${quote(t)}`);
  await c.close();
}
