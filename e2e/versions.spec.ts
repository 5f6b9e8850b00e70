import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

test.beforeEach(async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
});

test('"Restore this version" commits the shown content as a new restore version', async ({ page }) => {
  const app = new StrataPage(page);
  await expect(app.button('Restore this version')).toBeDisabled();
  await app.showVersion(2);
  await app.button('Restore this version').click();
  await expect(app.versionStatus).toHaveText('Restored v2 as v5');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
  await expect(app.slider).toHaveAttribute('aria-valuetext', /^v5 · restore · /);
  await expect(app.history.getByRole('listitem').first()).toHaveText(/^v5 restore from v2 latest/);
  await expect(app.historyItem(5)).toContainText('restore from v2');
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '7');
  await expect(app.grid('AAPL')).toContainText('0.543514');
  await expect(app.table('AAPL')).toHaveAccessibleDescription(/^6 rows/);
});

test('"Tag version" names the shown version; choosing the tag shows it; the tag can be deleted', async ({ page }) => {
  const app = new StrataPage(page);
  await app.showVersion(2);
  await app.tagShownVersion('before restatement');
  await expect(app.tag('before restatement')).toHaveAccessibleDescription('AAPL v2');
  await expect(app.historyItem(2)).toContainText('before restatement');

  await app.slider.focus();
  await page.keyboard.press('End');
  await expect(app.grid('AAPL')).toContainText('0.726245');
  await app.tag('before restatement').click();
  await expect(page.getByText('Viewing tag before restatement')).toBeVisible();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  await expect(app.grid('AAPL')).toContainText('0.543514');
  await expect(app.grid('AAPL')).not.toContainText('0.726245');

  await app.button('Back to latest').click();
  await expect(page.getByText('Viewing tag before restatement')).toBeHidden();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');

  await app.tag('before restatement').click();
  await app.button('Delete tag').click();
  await expect(app.tag('before restatement')).toBeHidden();
  await expect(app.tag('snapshot-2024-01-03')).toBeVisible();
  await expect(page.getByText('Viewing tag before restatement')).toBeHidden();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');
  await expect(app.historyItem(2)).not.toContainText('before restatement');
});

test('"Export CSV" and "Export Arrow" download the shown version', async ({ page }) => {
  const app = new StrataPage(page);
  await app.showVersion(2);
  const csv = await app.download('Export CSV');
  expect(csv.suggestedFilename()).toBe('AAPL@v2.csv');
  const text = await readFile((await csv.path())!, 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('datetime,open,close,low,high,volume,trades');
  expect(lines).toHaveLength(7);
  expect(text).toContain('0.543514');
  expect(text).not.toContain('0.726245');

  const arrow = await app.download('Export Arrow');
  expect(arrow.suggestedFilename()).toBe('AAPL@v2.arrow');
  const bytes = await readFile((await arrow.path())!);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('ARROW1');
});

test('"Delete rows" deletes the ticked rows as a new delete version', async ({ page }) => {
  const app = new StrataPage(page);
  const grid = app.grid('AAPL');
  await expect(app.button('Delete rows')).toBeDisabled();
  await grid.getByRole('checkbox', { name: 'Select row 1' }).check();
  await expect(grid.getByRole('row').nth(1)).toHaveAttribute('aria-selected', 'true');
  // From the keyboard: the grid is one tab stop; arrows move the active row and Space ticks it.
  await grid.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  await expect(grid.getByRole('checkbox', { name: 'Select row 3' })).toBeChecked();
  await expect(grid.getByRole('checkbox', { name: 'Select row 2' })).not.toBeChecked();
  await app.button('Delete rows').click();
  const dialog = app.dialog('Delete rows');
  await expect(dialog).toContainText('Delete the 2 selected rows from AAPL?');
  await dialog.getByRole('button', { name: 'Delete 2 rows' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
  await expect(app.historyItem(5)).toContainText(/delete.*\+0 −2 6 rows/);
  await expect(grid).toHaveAttribute('aria-rowcount', '7');
  await expect(grid).not.toContainText('0.758089');
  await expect(grid).not.toContainText('0.726245');
  // The earlier version still has them.
  await app.showVersion(4);
  await expect(grid).toContainText('0.758089');
});

test('"Delete rows" with a filter says how many match first; sort and date range are computed by the worker', async ({
  page,
}) => {
  const app = new StrataPage(page);
  const grid = app.grid('AAPL');

  await grid.getByRole('columnheader', { name: 'open', exact: true }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'open', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => app.column('AAPL', 'open').then((c) => c[0])).toBe('0.054882');
  await grid.getByRole('columnheader', { name: 'open', exact: true }).getByRole('button').click();
  await expect.poll(() => app.column('AAPL', 'open').then((c) => c[0])).toBe('0.91218');

  await page.getByLabel('From', { exact: true }).fill('2024-01-02');
  await page.getByLabel('To', { exact: true }).fill('2024-01-03');
  await expect(grid).toHaveAttribute('aria-rowcount', '5');
  await app.showVersion(0);
  await expect(grid).toHaveAttribute('aria-rowcount', '1');
  await expect(page.getByText('No rows match the filter.')).toBeVisible();
  await app.showVersion(4);
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(grid).toHaveAttribute('aria-rowcount', '9');

  await page.getByLabel('Filter column').selectOption('open');
  await page.getByLabel('Filter operator').selectOption('gt');
  await page.getByLabel('Filter value').fill('0.8');
  await app.button('Apply filter').click();
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await app.button('Delete rows').click();
  const dialog = app.dialog('Delete rows');
  await expect(dialog).toContainText('3 rows of AAPL v4 match the filter');
  await dialog.getByRole('button', { name: 'Delete 3 rows' }).click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
  await expect(grid).toHaveAttribute('aria-rowcount', '1');
  await app.button('Clear filter').click();
  await expect(grid).toHaveAttribute('aria-rowcount', '6');
  await expect(app.historyItem(5)).toContainText('−3');
});

test('a null is shown as a distinct chip, not as empty text', async ({ page }) => {
  const app = new StrataPage(page);
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,name,score\n1,ann,1.5\n2,,\n3,"c, y",3\n'),
  });
  await app.dialog('Import CSV').getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 0 of people' })).toBeVisible();
  await expect(app.table('people')).toHaveAttribute('aria-current', 'true');
  const grid = app.grid('people');
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await expect(grid.getByRole('row').nth(2).getByRole('gridcell').nth(3)).toHaveText('null');
  await expect(grid.getByRole('row').nth(2).locator('.null-chip')).not.toHaveCount(0);
});
