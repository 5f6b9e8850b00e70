/**
 * TEST ONLY: every portability path end to end on memory storage — backup → restore, Parquet export → read back,
 * Iceberg export → import — with plain-data results, so the same scenario runs in Node (under the eval trap) and in
 * Chromium (under a real Content-Security-Policy).
 */
import type { StrataEngine } from '../engine';
import { readRows, rows } from '../testing/fixtures';
import { backupStore } from './backup/backup';
import { restoreBackup } from './backup/restore';
import { exportIceberg } from './iceberg/export';
import { importIceberg } from './iceberg/import';
import { exportParquet } from './parquet/export';
import { readParquetColumns } from './parquet/read';
import { collectingSink, FakeClock, openEngine, sourceOf, ts } from './test-support';

const T = 'id:int64,name:string?,px:float64?,at:timestamp?,day:date?,ok:bool?';

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

async function allVersions(engine: StrataEngine, tableId: string): Promise<string[]> {
  const out: string[] = [];
  for (const v of (await engine.history(tableId)).versions.reverse()) {
    if (v.expiredAt === undefined) out.push(json(await readRows(engine, tableId, { version: v.version })));
  }
  return out;
}

export interface ScenarioResult {
  readonly restoredIdentical: boolean;
  readonly parquetIdentical: boolean;
  readonly icebergBytes: number;
  readonly importedIdentical: boolean;
  readonly versions: number;
}

export async function portabilityScenario(): Promise<ScenarioResult> {
  const clock = new FakeClock(ts('2024-06-01 09:00:00'));
  const engine = await openEngine(undefined, clock);
  const v = await engine.createFromData(
    'csp',
    rows(T, [
      [1n, 'a', 1.5, ts('2024-06-01 08:00:00.001'), ts('2024-06-01'), true],
      [2n ** 60n, null, null, null, null, null],
      [3n, 'ç', -2, ts('1960-01-01 00:00:00'), ts('1960-01-01'), false],
    ]),
  );
  clock.set('2024-06-02T09:00:00Z');
  await engine.append(v.tableId, rows(T, [[4n, 'd', 4, null, null, true]]));
  clock.set('2024-06-03T09:00:00Z');
  await engine.upsert(v.tableId, rows(T, [[3n, 'C', 3, null, null, null]]), { key: ['id'] });
  await engine.createTag('t1');
  const expected = await allVersions(engine, v.tableId);

  const backup = collectingSink();
  await backupStore(engine, backup.sink);
  const fresh = await openEngine();
  await restoreBackup(fresh, sourceOf(backup.bytes()), { onClash: 'rename' });
  const restoredIdentical = json(await allVersions(fresh, v.tableId)) === json(expected);

  const parquet = await readParquetColumns(await exportParquet(engine, v.tableId), 'csp.parquet');
  const parquetRows = parquet.columns[0]!.map((_, r) => parquet.columns.map((c) => c[r]));
  const parquetIdentical = json(parquetRows) === json(await readRows(engine, v.tableId));

  const iceberg = collectingSink();
  await exportIceberg(engine, v.tableId, iceberg.sink);
  const target = await openEngine();
  const imported = await importIceberg(target, sourceOf(iceberg.bytes()));
  const importedIdentical = json(await allVersions(target, imported.tableId)) === json(expected);

  return {
    restoredIdentical,
    parquetIdentical,
    icebergBytes: iceberg.bytes().length,
    importedIdentical,
    versions: expected.length,
  };
}
