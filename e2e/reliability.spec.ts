/**
 * Issue 8's reliability scenarios in the real browser (numbers in test names are the issue's). Pages of one context
 * are tabs: they share OPFS, IndexedDB, Web Locks and BroadcastChannel. A persistent profile is used where the
 * browser itself must refuse storage. The engine-level halves (every interleaving, every fault) are unit tests in
 * src/engine/reliability.test.ts; docs/reliability.md maps each guarantee to its test.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { StrataPage } from './pages/StrataPage';

const HEADER = 'id,ts,symbol,open,high,low,close,volume';
const ROW = '1,2024-01-02 10:00:00,AAPL,185.1,186.2,184.9,185.7,123456';

function importDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Import CSV' });
}

function importStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /Committed version/ });
}

/** Chooses a CSV with "Import CSV"; the dialog opens with the mode the app picks (Append when the table exists). */
async function pickCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Import CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(importDialog(page)).toBeVisible();
}

async function importCsv(page: Page, name: string, text: string, version: number): Promise<void> {
  await pickCsv(page, name, text);
  await importDialog(page).getByRole('button', { name: 'Commit' }).click();
  await expect(importStatus(page)).toHaveText(`Committed version ${version} of ${name.replace(/\.csv$/, '')}`);
}

/** A large CSV built in the page (not sent over the wire) and dropped on the window: the import dialog opens. */
async function dropLargeCsv(page: Page, name: string, rows: number): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, rows, header, row }) => {
      const t = new DataTransfer();
      t.items.add(new File([`${header}\n${`${row}\n`.repeat(rows)}`], name, { type: 'text/csv' }));
      return t;
    },
    { name, rows, header: HEADER, row: ROW },
  );
  for (const type of ['dragenter', 'dragover', 'drop'])
    await page.dispatchEvent('body', type, { dataTransfer: transfer });
  await expect(importDialog(page)).toBeVisible();
}

/** Every entry of the app's OPFS directory (temporary files included) with its size and SHA-256. */
function dataFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('strata-data', { create: false }).catch(() => undefined);
    const out: string[] = [];
    if (!dir) return out;
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind !== 'file') continue;
      // While an import runs, an entry can be renamed (.tmp → .bin) between the listing and this read: skip it.
      const file = await (handle as FileSystemFileHandle).getFile().catch(() => undefined);
      if (!file) continue;
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      out.push(`${name} ${file.size} ${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
    }
    return out.sort();
  });
}

/** Every record of the catalog database, store by store (the app must already have created it). */
function catalogRecords(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('strata');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names);
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (out[name] = request.result as unknown[]);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error ?? new Error('read failed'));
        };
      }),
  );
}

/** Names of the Web Locks held or waited for in the origin, as another tab sees them. */
function lockNames(page: Page): Promise<{ held: string[]; pending: string[] }> {
  return page.evaluate(async () => {
    const q = await navigator.locks.query();
    return { held: (q.held ?? []).map((l) => l.name ?? ''), pending: (q.pending ?? []).map((l) => l.name ?? '') };
  });
}

/** A page of the app's origin that does not run the app (no worker, no catalog connection). */
async function bystander(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/favicon.svg');
  return page;
}

test('1: a tab closed mid-import leaves the previous version intact; the next start says so and reclaims the files', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  await first.goto('/');
  await importCsv(first, 'big.csv', `${HEADER}\n${ROW}\n${ROW}\n`, 0);
  await expect(importDialog(first)).toBeHidden();
  const files = await dataFiles(first);
  const catalog = await catalogRecords(first);

  // About 84 MB: the import writes a staged data file every 131,072 rows while it reads.
  await dropLargeCsv(first, 'big.csv', 1_500_000);
  await expect(importDialog(first).getByRole('radio', { name: 'Append' })).toBeChecked();
  await importDialog(first).getByRole('button', { name: 'Commit' }).click();
  await expect(importDialog(first).getByRole('progressbar')).toBeVisible();
  await expect
    .poll(async () => (await dataFiles(first)).length, { timeout: 60_000, intervals: [50] })
    .toBeGreaterThan(files.length);
  await first.close();

  // The next visit, once the browser has released the closed tab's locks.
  const next = await bystander(context);
  await expect
    .poll(async () => (await lockNames(next)).held.filter((n) => n.startsWith('strata:')), { timeout: 30_000 })
    .toEqual([]);
  await next.goto('/');
  const app = new StrataPage(next);
  await expect(next.getByText(/An import into big started .* did not finish and was discarded: append/)).toBeVisible();
  await expect(app.grid('big')).toHaveAttribute('aria-rowcount', '3');
  await expect(app.history.getByRole('listitem')).toHaveCount(1);
  // Byte for byte as before: the same data files with the same digests (the staged ones reclaimed), same records.
  expect(await dataFiles(next)).toEqual(files);
  expect(await catalogRecords(next)).toEqual(catalog);
});

test('5: two tabs append to the same table at the same time: both land, as consecutive versions', async ({
  context,
}) => {
  const [one, two] = [await context.newPage(), await context.newPage()];
  await one.goto('/');
  await importCsv(one, 't.csv', 'id,name\n1,a\n', 0);
  await two.goto('/');
  await expect(new StrataPage(two).table('t')).toBeVisible();
  await pickCsv(one, 't.csv', 'id,name\n2,b\n3,c\n');
  await pickCsv(two, 't.csv', 'id,name\n4,d\n');
  for (const page of [one, two]) await expect(importDialog(page).getByRole('radio', { name: 'Append' })).toBeChecked();

  await Promise.all([one, two].map((p) => importDialog(p).getByRole('button', { name: 'Commit' }).click()));
  await expect(importStatus(one)).toHaveText(/^Committed version [12] of t$/);
  await expect(importStatus(two)).toHaveText(/^Committed version [12] of t$/);
  expect(new Set([await importStatus(one).innerText(), await importStatus(two).innerText()]).size).toBe(2);
  for (const page of [one, two]) {
    const app = new StrataPage(page);
    await app.table('t').click();
    await expect(app.grid('t')).toHaveAttribute('aria-rowcount', '5');
    await expect(app.historyItem(2)).toContainText('append');
    await expect(app.historyItem(1)).toContainText('append');
  }
});

test('8: the tab holding the write lock closes: another tab proceeds', async ({ context }) => {
  const holder = await context.newPage();
  await holder.goto('/');
  await importCsv(holder, 't.csv', 'id,name\n1,a\n', 0);
  const catalog = await catalogRecords(holder);
  const tableId = (catalog.tables as { id: string; name: string }[]).find((t) => t.name === 't')!.id;
  const lock = `strata:write:${tableId}`;
  // This tab takes the table's write lock, as a tab does for validate-and-commit, and stays there.
  await holder.evaluate(
    (name) =>
      new Promise<void>((granted) => {
        void navigator.locks.request(name, () => {
          granted();
          return new Promise(() => undefined);
        });
      }),
    lock,
  );

  const other = await context.newPage();
  await other.goto('/');
  await pickCsv(other, 't.csv', 'id,name\n2,b\n');
  await importDialog(other).getByRole('button', { name: 'Commit' }).click();
  // The other tab's commit waits for the lock (it is queued), and nothing was committed meanwhile.
  await expect.poll(async () => (await lockNames(other)).pending, { timeout: 30_000 }).toContain(lock);
  await expect(importStatus(other)).toHaveCount(0);
  await holder.close();
  await expect(importStatus(other)).toHaveText('Committed version 1 of t');
  await expect(new StrataPage(other).grid('t')).toHaveAttribute('aria-rowcount', '3');
});

test('10: quota exhausted during a data write: the import says how much did not fit, and nothing changed', async ({
  context,
  baseURL,
}) => {
  const page = await context.newPage();
  await page.goto('/');
  await importCsv(page, 'big.csv', `${HEADER}\n${ROW}\n`, 0);
  await expect(importDialog(page)).toBeHidden();
  const files = await dataFiles(page);
  const catalog = await catalogRecords(page);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 300_000 });
  try {
    await dropLargeCsv(page, 'big.csv', 60_000);
    await importDialog(page).getByRole('button', { name: 'Commit' }).click();
    await expect(importDialog(page).getByRole('alert')).toContainText(
      /Not enough storage to save the new version of "big": the browser refused to store [\d.]+ (KB|MB) more\. Nothing was changed/,
    );
    expect(await dataFiles(page)).toEqual(files);
    expect(await catalogRecords(page)).toEqual(catalog);
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  }
  // With the space back, the same import commits.
  await importDialog(page).getByRole('button', { name: 'Commit' }).click();
  await expect(importStatus(page)).toHaveText('Committed version 1 of big');
});

test.describe('11: site data partly cleared between visits', () => {
  async function clearedVisit(context: BrowserContext, baseURL: string, storageTypes: string): Promise<StrataPage> {
    const page = await context.newPage();
    const app = new StrataPage(page);
    await app.goto();
    await app.loadSample();
    await page.close();
    const next = await bystander(context);
    const cdp = await context.newCDPSession(next);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL).origin, storageTypes });
    await next.goto('/');
    return new StrataPage(next);
  }

  test('data files (OPFS) cleared, catalog kept: the app says so and still lists the table', async ({
    context,
    baseURL,
  }) => {
    const app = await clearedVisit(context, baseURL!, 'file_systems');
    await expect(
      app.page.getByText(/Strata's data files were cleared .* still lists "AAPL": no version of it can be read/),
    ).toBeVisible();
    await expect(app.table('AAPL')).toBeVisible();
    await expect(
      app.page.getByRole('alert').filter({ hasText: /Version 4 of AAPL cannot be read: File .* missing/ }),
    ).toBeVisible();
    await expect(app.history.getByRole('listitem')).toHaveCount(5);
  });

  test('catalog (IndexedDB) cleared, data files kept: the app says so, no silent fresh start', async ({
    context,
    baseURL,
  }) => {
    const app = await clearedVisit(context, baseURL!, 'indexeddb');
    await expect(
      app.page.getByText(/Strata's catalog was cleared .* 5 data files .* This is not a fresh start/),
    ).toBeVisible();
    await expect(app.button('Load sample')).toBeVisible();
  });
});

test.describe('12: storage refused by the browser', () => {
  /** A fresh persistent profile, prepared before the browser starts. */
  async function withProfile(
    prepare: (dir: string) => Promise<void>,
    baseURL: string,
  ): Promise<[BrowserContext, string]> {
    const dir = await mkdtemp(join(tmpdir(), 'strata-rel-'));
    await mkdir(join(dir, 'Default'), { recursive: true });
    await prepare(join(dir, 'Default'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      baseURL,
      viewport: { width: 1280, height: 800 },
    });
    return [context, dir];
  }

  const cases = [
    {
      what: 'site data blocked (IndexedDB and OPFS refused)',
      // Chrome's "Block sites from saving data" setting: IndexedDB open fails, OPFS getDirectory() throws.
      prepare: (dir: string) =>
        writeFile(
          join(dir, 'Preferences'),
          JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
        ),
      banner:
        /Storage is unavailable, so nothing you import will be saved when this tab closes: IndexedDB database "strata" could not be opened/,
    },
    {
      what: 'OPFS unusable, IndexedDB fine',
      // A plain file where the profile keeps its file-system storage: getDirectory() fails, IndexedDB works.
      prepare: (dir: string) => writeFile(join(dir, 'File System'), 'not a directory'),
      banner:
        /Storage is unavailable, so nothing you import will be saved when this tab closes: The origin private file system could not be opened/,
    },
  ];
  for (const c of cases) {
    test(`${c.what}: a banner says nothing will be saved and why; the app still works for this tab`, async ({
      baseURL,
    }) => {
      const [context, dir] = await withProfile(c.prepare, baseURL!);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto('/');
        await expect(page.getByText(c.banner)).toBeVisible();
        await importCsv(page, 'kept.csv', 'id\n1\n2\n', 0);
        await expect(new StrataPage(page).grid('kept')).toHaveAttribute('aria-rowcount', '3');
      } finally {
        await context.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

test("13: a newer build's database upgrade while an old tab is open: the upgrade never hangs, the old tab is told to reload", async ({
  context,
}) => {
  const old = new StrataPage(await context.newPage());
  await old.goto();
  await old.loadSample();
  const newer = await bystander(context);
  const opened = await newer.evaluate(
    () =>
      new Promise<{ version: number }>((resolve, reject) => {
        const request = indexedDB.open('strata', 99);
        request.onupgradeneeded = () => undefined;
        request.onsuccess = () => {
          const version = request.result.version;
          request.result.close();
          resolve({ version });
        };
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      }),
  );
  expect(opened).toEqual({ version: 99 });
  // One persistent banner (the upgrade event refetches nothing, so no panel fails on the closed connection).
  await expect(
    old.page
      .getByRole('alert')
      .filter({ hasText: 'A newer version of Strata was opened in another tab. Reload this tab to continue.' }),
  ).toBeVisible();
  // After the reload, this (older) build refuses the newer database instead of touching it, and says why.
  await old.page.reload();
  await expect(
    old.page.getByText(/created by a newer version of Strata; update the app \(reload\) to open it/),
  ).toBeVisible();
  expect(await old.page.evaluate(() => indexedDB.databases())).toEqual([{ name: 'strata', version: 99 }]);
});
