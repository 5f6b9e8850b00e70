import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it, vi } from 'vitest';
import type { StrataEngine } from '../engine/engine';
import { StrataError } from '../engine/errors';
import { openEngine } from '../engine/portability/test-support';
import { loadSample } from '../engine/sample';
import type { ExportFile, TransferProgress } from '../protocol/dto';
import {
  backupFileName,
  blobOutput,
  portabilityApi,
  throttleProgress,
  type ExportOutput,
  type OpenOutput,
} from './exports';

/** The worker's wiring around an engine: cancellable requests by id, notifications and outputs recorded. */
function harness(engine: StrataEngine) {
  const running = new Map<string, AbortController>();
  const events: { kind: string; tableId?: string | undefined }[] = [];
  const outputs: { extension: string; discarded: boolean }[] = [];
  const openOutput: OpenOutput = async (extension) => {
    const record = { extension, discarded: false };
    outputs.push(record);
    const inner = blobOutput();
    const out: ExportOutput = {
      sink: inner.sink,
      finish: inner.finish,
      discard: async () => {
        record.discarded = true;
        await inner.discard();
      },
    };
    return out;
  };
  const api = portabilityApi({
    engine: async () => engine,
    cancellable: async (requestId, fn) => {
      const c = new AbortController();
      if (requestId) running.set(requestId, c);
      try {
        return await fn(c.signal);
      } finally {
        if (requestId) running.delete(requestId);
      }
    },
    notify: (e) => events.push(e),
    openOutput,
    now: () => new Date(2024, 4, 3, 23, 59),
  });
  return { api, events, outputs, cancel: (id: string) => running.get(id)?.abort() };
}

async function bytesOf(file: ExportFile): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await file.blob!.arrayBuffer());
}

async function sampleEngine(): Promise<StrataEngine> {
  const engine = await openEngine();
  await loadSample(engine);
  return engine;
}

describe('the portability API of the worker', () => {
  it('backs up to a dated zip, previews the clash, restores into an empty store and again renamed', async () => {
    const source = harness(await sampleEngine());
    const backup = await source.api.backupStore({ requestId: 'b' });
    expect(backup).toMatchObject({
      fileName: 'strata-backup-2024-05-03.zip',
      mimeType: 'application/zip',
      tables: 1,
      versions: 5,
    });
    expect(backup.bytes).toBe(backup.blob!.size);
    expect(source.outputs).toEqual([{ extension: 'zip', discarded: false }]);
    const file = new File([await bytesOf(backup)], backup.fileName);

    // Its own store already has AAPL and the sample's tag.
    expect(await source.api.previewBackup({ file })).toMatchObject({
      tables: [{ name: 'AAPL', versions: 5, clash: true }],
      tags: [{ name: 'snapshot-2024-01-03', clash: true }],
    });

    const target = harness(await openEngine());
    expect((await target.api.previewBackup({ file })).tables).toEqual([{ name: 'AAPL', versions: 5, clash: false }]);
    const progress: TransferProgress[] = [];
    const first = await target.api.restoreBackup({ requestId: 'r1', file, onClash: 'rename' }, (p) => progress.push(p));
    expect(first.tables).toEqual([
      { name: 'AAPL', restoredAs: 'AAPL', outcome: 'restored', tableId: expect.any(String) },
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'committing' });
    expect(target.events).toEqual([{ kind: 'tables' }, { kind: 'tags' }]);

    const second = await target.api.restoreBackup({ requestId: 'r2', file, onClash: 'rename' });
    expect(second.tables).toEqual([
      { name: 'AAPL', restoredAs: 'AAPL (restored)', outcome: 'renamed', tableId: expect.any(String) },
    ]);
    expect(second.tables[0]!.tableId).not.toBe(first.tables[0]!.tableId);
    const skipped = await target.api.restoreBackup({ requestId: 'r3', file, onClash: 'skip' });
    expect(skipped.tables).toEqual([{ name: 'AAPL', restoredAs: 'AAPL', outcome: 'skipped', tableId: null }]);
  });

  it('refuses a file that is not a backup in the preview, with the engine’s message', async () => {
    const { api } = harness(await openEngine());
    const notZip = new File([new TextEncoder().encode('id,name\n1,a\n')], 'data.csv');
    await expect(api.previewBackup({ file: notZip })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  it('exports a version to Parquet named <table>@v<N>.parquet', async () => {
    const engine = await sampleEngine();
    const { api } = harness(engine);
    const tableId = (await engine.listTables())[0]!.id;
    const file = await api.exportParquet({ requestId: 'p', tableId, asOf: { version: 2 } });
    expect(file).toMatchObject({ fileName: 'AAPL@v2.parquet', mimeType: 'application/vnd.apache.parquet' });
    const bytes = await bytesOf(file);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PAR1');
    const rows = await parquetReadObjects({ file: bytes.buffer as ArrayBuffer });
    expect(rows).toHaveLength(6);
  });

  it('exports the history as Iceberg, and importing it recreates the versions and the tag', async () => {
    const engine = await sampleEngine();
    const { api } = harness(engine);
    const tableId = (await engine.listTables())[0]!.id;
    const zip = await api.exportIceberg({ requestId: 'i', tableId });
    expect(zip.fileName).toBe('AAPL-iceberg.zip');

    const target = harness(await openEngine());
    const report = await target.api.importIceberg({
      requestId: 'm',
      file: new File([await bytesOf(zip)], zip.fileName),
    });
    expect(report).toMatchObject({
      name: 'AAPL',
      versions: 5,
      tags: [{ name: 'snapshot-2024-01-03', outcome: 'created' }],
    });
    expect(target.events).toEqual([{ kind: 'tables', tableId: report.tableId }, { kind: 'tags' }]);
  });

  it('removes the partial output when an export fails or is cancelled', async () => {
    const engine = await sampleEngine();
    const h = harness(engine);
    await expect(h.api.exportParquet({ requestId: 'x', tableId: 'no-such-table' })).rejects.toBeInstanceOf(StrataError);
    const tableId = (await engine.listTables())[0]!.id;
    const exporting = h.api.exportIceberg({ requestId: 'c', tableId }, () => h.cancel('c'));
    await expect(exporting).rejects.toMatchObject({ code: 'ABORTED' });
    expect(h.outputs).toEqual([
      { extension: 'parquet', discarded: true },
      { extension: 'zip', discarded: true },
    ]);
  });
});

describe('throttleProgress', () => {
  it('passes phase changes and the end, and at most one report per interval otherwise', () => {
    let now = 0;
    const seen = vi.fn();
    const report = throttleProgress(seen, 100, () => now)!;
    report({ phase: 'reading', done: 1, total: 10, unit: 'bytes' });
    report({ phase: 'reading', done: 2, total: 10, unit: 'bytes' });
    now = 150;
    report({ phase: 'reading', done: 3, total: 10, unit: 'bytes' });
    report({ phase: 'reading', done: 10, total: 10, unit: 'bytes' });
    report({ phase: 'committing', done: 0, total: 1, unit: 'versions' });
    expect(seen.mock.calls.map(([p]) => `${(p as TransferProgress).phase}:${(p as TransferProgress).done}`)).toEqual([
      'reading:1',
      'reading:3',
      'reading:10',
      'committing:0',
    ]);
    expect(throttleProgress(undefined)).toBeUndefined();
  });
});

describe('backupFileName', () => {
  it('uses the local date', () => {
    expect(backupFileName(new Date(2024, 0, 9, 0, 0))).toBe('strata-backup-2024-01-09.zip');
  });
});
