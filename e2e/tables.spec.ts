import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

test.beforeEach(async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
});

test('rename a table', async ({ page }) => {
  const app = new StrataPage(page);
  const opener = app.button('Rename table');
  await opener.click();
  const dialog = app.dialog('Rename table');
  const name = dialog.getByRole('textbox', { name: 'New name' });
  await expect(name).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await name.fill('Apple');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.table('Apple')).toBeVisible();
  await expect(app.table('AAPL')).toBeHidden();
  await expect(app.grid('Apple')).toHaveAttribute('aria-rowcount', '9');
  await expect(page.getByRole('heading', { name: 'Apple' })).toBeVisible();
});

test('delete a table: the confirmation lists the tags holding it first, then its versions and size', async ({
  page,
}) => {
  const app = new StrataPage(page);
  await app.showVersion(1);
  await app.tagShownVersion('q1-close');
  await app.button('Delete table').click();
  const dialog = app.dialog('Delete table');
  const holding = dialog.getByRole('list', { name: 'Tags holding this table' });
  await expect(holding.getByRole('listitem')).toHaveCount(2);
  await expect(holding).toContainText('q1-close (v1)');
  await expect(holding).toContainText('snapshot-2024-01-03 (v2)');
  await expect(dialog).toContainText(/Delete AAPL with its 5 versions \([\d.]+ KB\)\?/);
  const text = (await dialog.textContent()) ?? '';
  expect(text.indexOf('q1-close')).toBeLessThan(text.indexOf('5 versions'));
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete table' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Drop a CSV here' })).toBeVisible();
  await expect(app.tables).toBeHidden();
});

test('the header shows storage used and persistence, asked for after the first commit', async ({ page }) => {
  const header = page.getByRole('banner');
  await expect(header).toContainText(/[\d.]+ (B|KB|MB) used of [\d.]+ (MB|GB|TB)/);
  // Headless Chromium refuses persist() unless granted: the refusal is shown, with the consequence.
  await expect(header).toContainText('Persistence refused');
  await expect(page.getByText('The browser did not grant persistent storage')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('The browser did not grant persistent storage')).toBeHidden();
});
