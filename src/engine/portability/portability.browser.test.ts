// Every portability path in real Chromium under a Content-Security-Policy that forbids eval, as the app is deployed
// (script-src without 'unsafe-eval'). The policy is installed with a <meta> tag in this test's own document, which
// Chromium enforces for the document from then on; a positive control proves it is active before the scenario runs.
/* eslint-disable no-restricted-globals -- this test installs a CSP in its own page; engine code stays DOM-free */
import { afterAll, describe, expect, it } from 'vitest';
import { StrataError } from '../errors';
import { openBrowserStorage } from '../storage/browser';
import type { EngineStorage } from '../storage/ports';
import { readRows, rows } from '../testing/fixtures';
import { backupStore } from './backup/backup';
import { restoreBackup } from './backup/restore';
import { exportIceberg } from './iceberg/export';
import { importIceberg } from './iceberg/import';
import { portabilityScenario } from './scenario';
import { collectingSink, openEngine, sourceOf } from './test-support';

// Vitest browser mode shares one origin across files: unique names, removed afterwards.
const opened: { storage: EngineStorage; name: string }[] = [];
afterAll(async () => {
  const root = await navigator.storage.getDirectory();
  for (const { storage, name } of opened) {
    storage.catalog.close();
    indexedDB.deleteDatabase(name);
    await root.removeEntry(name, { recursive: true }).catch(() => undefined);
  }
});

async function browserStorage(): Promise<EngineStorage> {
  const name = `portability-${Date.now()}-${opened.length}`;
  const storage = await openBrowserStorage({ dbName: name, dataDir: name });
  opened.push({ storage, name });
  return storage;
}

describe('into OPFS + IndexedDB + Web Locks', () => {
  it('restores a backup exactly after a truncated one was refused without a trace', async () => {
    const source = await openEngine();
    const v = await source.createFromData(
      't',
      rows('id:int64,s:string?', [
        [1n, 'a'],
        [2n, null],
        [3n, 'c'],
        [4n, 'd'],
      ]),
    );
    await source.append(v.tableId, rows('id:int64,s:string?', [[5n, 'e']]));
    await source.deleteRows(v.tableId, { positions: [1] });
    const out = collectingSink();
    await backupStore(source, out.sink);
    const archive = out.bytes();

    const target = await openEngine(await browserStorage());
    const truncated = restoreBackup(target, sourceOf(archive.subarray(0, archive.length - 100)), { onClash: 'rename' });
    await expect(truncated).rejects.toSatisfy((e) => e instanceof StrataError && e.code === 'CORRUPT_FILE');
    expect(await target.listTables()).toEqual([]);
    expect(await target.ctx.storage.blobs.list()).toEqual([]);
    expect(await target.ctx.catalog.listStaging()).toEqual([]);

    await restoreBackup(target, sourceOf(archive), { onClash: 'rename' });
    for (const version of [0, 1, 2]) {
      expect(await readRows(target, v.tableId, { version })).toEqual(await readRows(source, v.tableId, { version }));
    }
    expect((await target.verify()).ok).toBe(true);
  });

  it('imports an Iceberg export with the same commit times', async () => {
    const source = await openEngine();
    const v = await source.createFromData('t', rows('id:int64', [[1n], [2n]]));
    await source.append(v.tableId, rows('id:int64', [[3n]]));
    const out = collectingSink();
    await exportIceberg(source, v.tableId, out.sink);
    const target = await openEngine(await browserStorage());
    const imported = await importIceberg(target, sourceOf(out.bytes()));
    expect(imported.versions.map((x) => x.committedAt)).toEqual(
      (await source.history(v.tableId)).versions.reverse().map((x) => x.committedAt),
    );
    expect(await readRows(target, imported.tableId)).toEqual([[1n], [2n], [3n]]);
  });
});

function installCsp(): string[] {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.sample}`));
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  // Everything this test page needs, minus 'unsafe-eval'.
  meta.content = "script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:";
  document.head.appendChild(meta);
  return violations;
}

describe('under a CSP without unsafe-eval (Chromium)', () => {
  it('backup/restore, Parquet and Iceberg export/import run without code generation', async () => {
    const violations = installCsp();
    expect(() => new Function('return 1')).toThrow(EvalError); // the policy is in force
    await new Promise((r) => setTimeout(r, 0)); // let the control's violation event arrive
    expect(violations).toHaveLength(1);
    violations.length = 0;

    const result = await portabilityScenario();

    await new Promise((r) => setTimeout(r, 0));
    expect(violations).toEqual([]);
    expect(result).toMatchObject({
      restoredIdentical: true,
      parquetIdentical: true,
      importedIdentical: true,
      versions: 3,
    });
    expect(result.icebergBytes).toBeGreaterThan(1000);
  });
});
