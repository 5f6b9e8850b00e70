import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { StrataPage } from './pages/StrataPage';

test('a commit in one tab appears in another without a reload', async ({ context }) => {
  const one = new StrataPage(await context.newPage());
  const two = new StrataPage(await context.newPage());
  await one.goto();
  await two.goto();
  await expect(two.button('Load sample')).toBeVisible();

  await one.loadSample();
  await expect(two.table('AAPL')).toBeVisible();
  await expect(two.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
  await expect(two.slider).toHaveAttribute('aria-valuenow', '4');

  await one.showVersion(2);
  await one.button('Restore this version').click();
  await expect(two.slider).toHaveAttribute('aria-valuenow', '5');
  await expect(two.grid('AAPL')).toHaveAttribute('aria-rowcount', '7');
  await expect(two.historyItem(5)).toContainText('restore');

  await one.tagShownVersion('from-tab-one');
  await expect(two.tag('from-tab-one')).toBeVisible();
});

test('a reload shows everything still there', async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  await app.showVersion(2);
  await app.tagShownVersion('reloaded');
  await page.reload();
  await expect(app.table('AAPL')).toBeVisible();
  await expect(app.tag('reloaded')).toBeVisible();
  await expect(app.history.getByRole('listitem')).toHaveCount(5);
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
  await app.tag('reloaded').click();
  await expect(app.grid('AAPL')).toContainText('0.543514');
});

test('a browser restart (persistent profile) shows everything still there', async ({ baseURL }) => {
  const profile = await mkdtemp(join(tmpdir(), 'strata-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      baseURL,
      viewport: { width: 1280, height: 800 },
    });
  try {
    const first = await launch();
    const before = new StrataPage(first.pages()[0] ?? (await first.newPage()));
    await before.goto();
    await before.loadSample();
    await before.showVersion(1);
    await before.tagShownVersion('survives');
    await first.close();

    const second = await launch();
    const after = new StrataPage(second.pages()[0] ?? (await second.newPage()));
    await after.goto();
    await expect(after.table('AAPL')).toBeVisible();
    await expect(after.tag('survives')).toHaveAccessibleDescription('AAPL v1');
    await expect(after.history.getByRole('listitem')).toHaveCount(5);
    await expect(after.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
    await after.showVersion(2);
    await expect(after.grid('AAPL')).toContainText('0.543514');
    await second.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
