/**
 * The reliability leftovers that show as banners: a newer build's upgrade from another tab (one persistent banner
 * with Reload, no cascade of failing panels), the older tab after its reload (told it runs an older Strata), and
 * storage refused entirely (both reasons named).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { StrataPage } from './pages/StrataPage';

const UPGRADED = 'A newer version of Strata was opened in another tab. Reload this tab to continue.';

test('a newer build upgrading the database shows one banner with Reload; after it the tab says it runs an older Strata', async ({
  context,
}) => {
  const app = new StrataPage(await context.newPage());
  await app.goto();
  await app.loadSample();

  // What a newer build does on start: open the catalog database at a higher version (from another tab).
  const newer = await context.newPage();
  await newer.goto('/favicon.svg');
  const version = await newer.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('strata', 99);
        request.onsuccess = () => {
          request.result.close();
          resolve(request.result.version);
        };
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      }),
  );
  expect(version).toBe(99);

  const banner = app.page.getByRole('alert').filter({ hasText: UPGRADED });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  // Showing a version afterwards reads from cached windows or fails on its own; the event itself refetches nothing.
  await expect(app.page.getByRole('alert')).toHaveCount(1);
  await expect(app.grid('AAPL')).toBeVisible();

  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(
    app.page.getByText(/^This tab runs an older version of Strata than the one that last opened your data/),
  ).toBeVisible();
  await expect(app.page.getByText(/Storage is unavailable/)).toBeHidden();
  await expect(app.button('Reload')).toBeVisible();
  await expect(app.button('Dismiss')).toBeHidden();
});

test('storage refused entirely (IndexedDB and OPFS): the banner names both reasons', async ({ baseURL }) => {
  const dir = await mkdtemp(join(tmpdir(), 'strata-port-'));
  await mkdir(join(dir, 'Default'), { recursive: true });
  // Chrome's "Block sites from saving data": IndexedDB open fails and OPFS getDirectory() throws.
  await writeFile(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
  );
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    baseURL: baseURL!,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(
      page.getByText(
        /^Storage is unavailable, so nothing you import will be saved when this tab closes: IndexedDB database "strata" could not be opened.* The data files could not be opened either: The origin private file system could not be opened/,
      ),
    ).toBeVisible();
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
