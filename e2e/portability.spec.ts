/**
 * Issue 9 in the app: "Back up store" / "Restore backup" (into an empty store, again with a name clash, and a damaged
 * backup), "Export Parquet" read back by hyparquet in Node, "Export Iceberg" and "Import Iceberg" into an empty store.
 * A new browser context is a new, empty browser profile (its own OPFS and IndexedDB).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Browser, type Download, type Locator, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { unzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { StrataPage } from './pages/StrataPage';

/** The header's Store menu and the restore dialog, by their accessible names. */
class StoreMenu {
  constructor(readonly page: Page) {}
  get toggle(): Locator {
    return this.page.getByRole('button', { name: 'Store', exact: true });
  }
  get group(): Locator {
    return this.page.getByRole('group', { name: 'Store', exact: true });
  }
  get status(): Locator {
    return this.group.getByRole('status');
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Restore backup' });
  }
  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
    await expect(this.toggle).toHaveAttribute('aria-expanded', 'true');
  }
  async backUp(): Promise<Download> {
    await this.open();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Back up store', exact: true }).click();
    return download;
  }
  async chooseBackup(path: string): Promise<void> {
    await this.open();
    await this.page.getByLabel('Restore backup', { exact: true }).setInputFiles(path);
    await expect(this.dialog).toBeVisible();
  }
  async importIceberg(path: string): Promise<void> {
    await this.open();
    await this.page.getByLabel('Import Iceberg', { exact: true }).setInputFiles(path);
  }
}

async function emptyApp(browser: Browser): Promise<{ app: StrataPage; store: StoreMenu; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const app = new StrataPage(page);
  await app.goto();
  await expect(app.button('Load sample')).toBeVisible();
  return { app, store: new StoreMenu(page), close: () => context.close() };
}

async function saved(download: Download, path: string): Promise<Buffer> {
  await download.saveAs(path);
  return readFile(path);
}

/** Flips one byte in the middle of the first data entry (`files/…`) of a backup, keeping the ZIP's structure. */
function corrupt(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 30 < out.length;) {
    if (out.readUInt32LE(at) !== 0x04034b50) throw new Error(`no local header at ${at}`);
    const size = out.readUInt32LE(at + 18);
    const nameLength = out.readUInt16LE(at + 26);
    const data = at + 30 + nameLength + out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 30, at + 30 + nameLength).startsWith('files/')) {
      out[data + (size >> 1)]! ^= 0xff;
      return out;
    }
    at = data + size;
  }
  throw new Error('no data entry');
}

/** Rows as comparable plain values: timestamps as UTC ms, int64 as decimal text. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v instanceof Date ? v.getTime() : typeof v === 'bigint' ? v.toString() : v,
    ]),
  );
}

async function expectSampleHistory(app: StrataPage): Promise<void> {
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');
  await expect(app.history.getByRole('listitem')).toHaveCount(5);
  await app.showVersion(2);
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '7');
  await expect(app.grid('AAPL')).toContainText('0.543514');
  await expect(app.grid('AAPL')).not.toContainText('0.726245');
  await app.showVersion(4);
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
  await expect(app.grid('AAPL')).toContainText('0.726245');
  await expect(app.grid('AAPL')).toContainText('0.813585');
}

test('"Back up store", then "Restore backup" into an empty store, again with a name clash, and a damaged backup', async ({
  page,
  browser,
}, testInfo) => {
  const app = new StrataPage(page);
  const store = new StoreMenu(page);
  await app.goto();
  await app.loadSample();
  await app.showVersion(2);
  await app.tagShownVersion('before restatement');

  const download = await store.backUp();
  expect(download.suggestedFilename()).toMatch(/^strata-backup-\d{4}-\d\d-\d\d\.zip$/);
  const backupPath = testInfo.outputPath('backup.zip');
  const backup = await saved(download, backupPath);
  await expect(store.status).toHaveText('Backed up 1 table (5 versions)');
  expect(backup.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  // Streamed into a temporary OPFS file named by a generated id, beside (not inside) the data directory.
  const exportsDir = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('strata-exports');
    const names: string[] = [];
    for await (const name of dir.keys()) names.push(name);
    return names;
  });
  expect(exportsDir).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.zip$/)]);

  const fresh = await emptyApp(browser);
  try {
    const { app: app2, store: store2 } = fresh;
    await store2.chooseBackup(backupPath);
    await expect(store2.dialog).toContainText('1 table (5 versions), 2 tags');
    await expect(store2.dialog.getByRole('radio')).toHaveCount(0);
    await store2.dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(store2.dialog).toBeHidden();
    await expect(store2.status).toHaveText('Restored 1 table');
    await expect(app2.tables.getByRole('button')).toHaveText(['AAPL']);
    await expect(app2.tag('before restatement')).toHaveAccessibleDescription('AAPL v2');
    await expect(app2.tag('snapshot-2024-01-03')).toBeVisible();
    await expect(app2.historyItem(2)).toContainText('before restatement');
    await expectSampleHistory(app2);

    // The same backup again: the names clash, the user chooses Rename.
    await store2.chooseBackup(backupPath);
    await expect(store2.dialog.getByText('name taken')).toBeVisible();
    await expect(store2.dialog.getByRole('radio', { name: 'Rename', exact: true })).toBeChecked();
    await expect(store2.dialog.getByRole('radio', { name: 'Skip', exact: true })).toBeVisible();
    await store2.dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(store2.status).toHaveText('Restored 1 table (AAPL as AAPL (restored))');
    await expect(app2.tables.getByRole('button')).toHaveText(['AAPL', 'AAPL (restored)']);
    await expect(app2.tag('before restatement (restored)')).toHaveAccessibleDescription('AAPL (restored) v2');
    await expect(app2.slider).toHaveAttribute('aria-valuenow', '4');
    await expect(app2.history.getByRole('listitem')).toHaveCount(5);

    // A damaged backup: refused with the engine's message, nothing changed.
    const damagedPath = testInfo.outputPath('damaged.zip');
    await writeFile(damagedPath, corrupt(backup));
    await store2.chooseBackup(damagedPath);
    await store2.dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(store2.dialog.getByRole('alert')).toHaveText(/^The backup is damaged: .*Nothing was changed\.$/);
    await store2.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(store2.dialog).toBeHidden();
    await expect(app2.tables.getByRole('button')).toHaveText(['AAPL', 'AAPL (restored)']);
    await expect(app2.tags.getByRole('button')).toHaveCount(4);
  } finally {
    await fresh.close();
  }
});

test('"Export Parquet" reads back with hyparquet; "Export Iceberg" then "Import Iceberg" recreates the versions', async ({
  page,
  browser,
}, testInfo) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();

  const parquetDownload = page.waitForEvent('download');
  await app.button('Export Parquet').click();
  const parquetFile = await parquetDownload;
  expect(parquetFile.suggestedFilename()).toBe('AAPL@v4.parquet');
  const parquet = await saved(parquetFile, testInfo.outputPath('AAPL@v4.parquet'));
  await expect(app.versionStatus).toHaveText('Exported AAPL@v4.parquet');
  expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1');
  const arrow = tableFromIPC(await saved(await app.download('Export Arrow'), testInfo.outputPath('AAPL@v4.arrow')));
  const expected = arrow.toArray().map((r) => plain(r.toJSON() as Record<string, unknown>));
  const file = parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.length) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  expect(rows).toHaveLength(8);
  expect(rows.map(plain)).toEqual(expected);
  expect(rows[0]!['datetime']).toEqual(new Date('2024-01-01T08:00:00Z'));

  const icebergDownload = page.waitForEvent('download');
  await app.button('Export Iceberg').click();
  const icebergFile = await icebergDownload;
  expect(icebergFile.suggestedFilename()).toBe('AAPL-iceberg.zip');
  const icebergPath = testInfo.outputPath('AAPL-iceberg.zip');
  const names = Object.keys(unzipSync(new Uint8Array(await saved(icebergFile, icebergPath))));
  expect(names).toContain('AAPL/metadata/v1.metadata.json');
  expect(names.filter((n) => n.startsWith('AAPL/metadata/snap-'))).toHaveLength(5);
  expect(names.some((n) => /^AAPL\/data\/.+\.parquet$/.test(n))).toBe(true);

  const fresh = await emptyApp(browser);
  try {
    const { app: app2, store: store2 } = fresh;
    await store2.importIceberg(icebergPath);
    await expect(store2.status).toHaveText('Imported AAPL with 5 versions');
    await expect(app2.tables.getByRole('button')).toHaveText(['AAPL']);
    await expect(app2.tag('snapshot-2024-01-03')).toHaveAccessibleDescription('AAPL v2');
    await expectSampleHistory(app2);
  } finally {
    await fresh.close();
  }
});
