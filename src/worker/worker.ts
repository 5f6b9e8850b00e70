/**
 * The engine worker: a thin adapter exposing the engine over the protocol (comlink). It translates — Arrow tables to
 * transferred IPC bytes, requestIds to AbortSignals — and holds no logic of its own.
 */
import * as Comlink from 'comlink';
import { tableToIPC, type Table } from 'apache-arrow';
import { sniffCsv } from '../engine/csv';
import { diffVersions, restatementSeries, rowHistory, downsampleSeries, versionStats } from '../engine/diff';
import { StrataEngine } from '../engine/engine';
import { StrataError } from '../engine/errors';
import { tableToCsv } from '../engine/export/csv';
import { importCsv } from '../engine/import';
import { loadSample } from '../engine/sample';
import type { StrataApi } from '../protocol/api';
import { installErrorTransfer } from '../protocol/errors';
import { PROTOCOL_VERSION } from '../protocol/version';
import { opfsOutputs, portabilityApi } from './exports';
import { openAppStorage } from './storage';

installErrorTransfer();

const opened = openAppStorage(() => {
  subscribers.forEach((s) => s({ kind: 'upgrade' }));
});
const engineReady = opened.then(async ({ storage, problems, reloadRequired }) => {
  const engine = new StrataEngine(storage, { autoCompactSegments: 64 });
  const startup = await engine.open();
  storage.notifier.subscribe((event) => subscribers.forEach((s) => s(event)));
  return { engine, problems, reloadRequired, startup };
});
const subscribers: ((event: { kind: string; tableId?: string | undefined }) => void)[] = [];
const running = new Map<string, AbortController>();

async function engine(): Promise<StrataEngine> {
  return (await engineReady).engine;
}

/** Runs a cancellable request: `cancel({ requestId })` aborts its signal. */
async function cancellable<T>(requestId: string | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (requestId) running.set(requestId, controller);
  try {
    return await fn(controller.signal);
  } finally {
    if (requestId) running.delete(requestId);
  }
}

function ipcOf(table: Table): Uint8Array<ArrayBuffer> {
  const bytes = tableToIPC(table, 'stream');
  return (
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
  ) as Uint8Array<ArrayBuffer>;
}

const notify = (event: { kind: string; tableId?: string | undefined }) => subscribers.forEach((s) => s(event));

const api: StrataApi = {
  async hello() {
    const { problems, reloadRequired, startup } = await engineReady;
    return { protocol: PROTOCOL_VERSION, storageProblems: problems, reloadRequired, ...startup };
  },
  async cancel({ requestId }) {
    running.get(requestId)?.abort();
  },
  async subscribe(onChange) {
    subscribers.push(onChange);
  },
  async previewCsv({ file, delimiter, encoding }) {
    return sniffCsv(file, { ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}) });
  },
  async checkSchema({ tableName, mode, schema }) {
    return (await engine()).checkSchema(tableName, mode, schema);
  },
  async importCsv(req, onProgress) {
    const e = await engine();
    return cancellable(req.requestId, async (signal) => {
      const info = await importCsv(e, {
        ...req,
        source: req.file,
        signal,
        onProgress: onProgress && ((p) => onProgress({ phase: 'reading', ...p })),
      });
      notify({ kind: 'commit', tableId: info.tableId });
      return info;
    });
  },
  async listTables() {
    return (await engine()).listTables();
  },
  async history({ tableId, offset, limit }) {
    return (await engine()).history(tableId, { offset, limit });
  },
  async resolveAsOf({ tableId, asOf }) {
    return (await (await engine()).resolve(tableId, asOf)).version;
  },
  async read(req) {
    const e = await engine();
    return cancellable(req.requestId, async (signal) => {
      const result = await e.read(req.tableId, req.asOf, req);
      if (signal.aborted) throw new StrataError('ABORTED', 'Superseded by a newer request');
      const ipc = ipcOf(result.table);
      const { table: _table, ...rest } = result;
      return Comlink.transfer({ ...rest, ipc }, [ipc.buffer, result.positions.buffer]);
    });
  },
  async restore({ tableId, version, message }) {
    return (await engine()).restore(tableId, version, message ? { message } : {});
  },
  async deleteRows({ tableId, base, where, message }) {
    return (await engine()).deleteRows(tableId, where, { base, ...(message ? { message } : {}) });
  },
  async countRows({ tableId, asOf, where }) {
    return (await engine()).countRows(tableId, asOf, where);
  },
  async renameTable({ tableId, name }) {
    await (await engine()).renameTable(tableId, name);
  },
  async deleteTable({ tableId }) {
    await (await engine()).deleteTable(tableId);
  },
  async listTags() {
    return (await engine()).listTagInfos();
  },
  async createTag({ name, message, versions, tables }) {
    const e = await engine();
    await e.createTag(name, {
      ...(message ? { message } : {}),
      ...(versions ? { versions } : {}),
      ...(tables ? { tables } : {}),
    });
    return (await e.listTagInfos()).find((t) => t.name === name.trim())!;
  },
  async deleteTag({ name }) {
    await (await engine()).deleteTag(name);
  },
  async expire(req) {
    return (await engine()).expire(req);
  },
  async compact({ tableId }) {
    return (await engine()).compact(tableId);
  },
  async verify({ tableId }) {
    return (await engine()).verify(tableId);
  },
  async exportTable({ tableId, asOf, format }) {
    const e = await engine();
    const table = await e.table(tableId);
    const version = (await e.resolve(tableId, asOf)).version;
    const rows = await e.readAll(tableId, { version });
    const bytes =
      format === 'csv'
        ? new TextEncoder().encode(tableToCsv(rows))
        : (tableToIPC(rows, 'file') as Uint8Array<ArrayBuffer>);
    const fileName = `${table.name}@v${version}.${format === 'csv' ? 'csv' : 'arrow'}`;
    const mimeType = format === 'csv' ? 'text/csv' : 'application/vnd.apache.arrow.file';
    return Comlink.transfer({ fileName, mimeType, bytes }, [bytes.buffer]);
  },
  async diff(req) {
    const d = await diffVersions(await engine(), req.tableId, req.from, req.to, req);
    const { positions: _positions, window: _window, cost, ...summary } = d;
    return { ...summary, ms: cost.ms };
  },
  async diffWindow(req) {
    const d = await diffVersions(await engine(), req.tableId, req.from, req.to, req);
    const w = d.window(req.offset, req.limit, { change: req.change });
    const ipc = ipcOf(w.rows);
    return Comlink.transfer({ total: w.total, offset: w.offset, ipc }, [ipc.buffer]);
  },
  async versionStats({ tableId }) {
    return versionStats(await engine(), tableId);
  },
  async series({ tableId, asOf, x, y, buckets }) {
    return downsampleSeries(await engine(), tableId, asOf, { x, y, buckets });
  },
  async restatement({ tableId, from, to, x, y, buckets }) {
    return restatementSeries(await engine(), tableId, from, to, { x, y, buckets });
  },
  async rowHistory({ tableId, column, value }) {
    return rowHistory(await engine(), tableId, { column, value });
  },
  async loadSample() {
    return loadSample(await engine());
  },
  ...portabilityApi({ engine, cancellable, notify, openOutput: opfsOutputs() }),
};

Comlink.expose(api);
