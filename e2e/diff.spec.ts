/**
 * The Compare view end to end, through the real worker and storage (no mocks): counts, highlights, filters, "Next
 * change", keys (inferred, none) and schema changes, by the accessible names of issue 6.
 */
import { expect, test } from '@playwright/test';
import { csv, DiffPage } from './pages/DiffPage';
import { StrataPage } from './pages/StrataPage';

test('Compare v2 → v3 of the sample shows the restated day: 2 changed rows, old values beside the new', async ({
  page,
}) => {
  const app = new StrataPage(page);
  const diff = new DiffPage(page);
  await app.goto();
  await app.loadSample();
  await diff.open();
  // Default: the previous live version against the one shown (v4, an append of one day).
  await expect(diff.from).toHaveValue('3');
  await expect(diff.to).toHaveValue('4');
  await expect(diff.summary).toContainText('2 added');
  await expect(diff.rows('added')).toHaveCount(2);

  await diff.compare(2, 3);
  await expect(diff.summary).toContainText('0 added');
  await expect(diff.summary).toContainText('0 removed');
  await expect(diff.summary).toContainText('2 changed');
  await expect(diff.summary).toContainText('12 changed cells');
  await expect(diff.summary.getByRole('list', { name: 'Changed cells per column' })).toContainText('open 2');
  await expect(diff.summary).toContainText('Key: datetime (inferred)');
  await expect(diff.key).toHaveValue('datetime');
  await expect(diff.schemaNote).toBeHidden();

  await expect(diff.rows()).toHaveCount(2);
  await expect(diff.rows('changed')).toHaveCount(2);
  const [morning, close] = [diff.rows().nth(0), diff.rows().nth(1)];
  await expect(diff.cell(morning, 'datetime')).toHaveText('2024-01-02 08:00:00');
  await expect(diff.cell(close, 'datetime')).toHaveText('2024-01-02 16:29:00');
  const open = diff.cell(morning, 'open');
  await expect(open).toHaveAttribute('data-changed', 'true');
  await expect(open.locator('.diff-new')).toHaveText('0.726245');
  await expect(open.locator('del')).toHaveText('0.543514');
  await expect(diff.cell(close, 'close')).toHaveAttribute('data-changed', 'true');
  for (const row of [morning, close]) {
    await expect(row.locator('[data-changed="true"]')).toHaveCount(6);
    await expect(diff.cell(row, 'datetime')).not.toHaveAttribute('data-changed', 'true');
  }

  // Filters by change kind.
  await diff.filter('Changed').uncheck();
  await expect(diff.rows()).toHaveCount(0);
  await expect(diff.grid).toContainText('No differences.');
  await diff.filter('Changed').check();
  await expect(diff.rows('changed')).toHaveCount(2);

  // "Next change" walks the changed cells, row by row, and says where it is.
  await page.getByRole('button', { name: 'Next change' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Row / })).toHaveText('Row 1 of 2 · open');
  const active = await diff.grid.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('data-column', 'open');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Next change' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Row / })).toHaveText('Row 2 of 2 · open');
  await page.getByRole('button', { name: 'Previous change' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Row / })).toHaveText('Row 1 of 2 · trades');

  // v3 → v4 appended a day: 2 rows added, nothing else.
  await diff.compare(3, 4);
  await expect(diff.summary).toContainText('2 added');
  await expect(diff.summary).toContainText('0 changed');
  await expect(diff.rows('added')).toHaveCount(2);
  await expect(diff.rows('added').first()).toContainText('2024-01-04 08:00:00');
  await diff.filter('Added').uncheck();
  await expect(diff.rows()).toHaveCount(0);

  // Back to the rows: the version shown is untouched.
  await diff.view('Rows').click();
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
  await expect(app.grid('AAPL').getByRole('row')).toHaveCount(9);
});

test('hide unchanged columns, keyboard use of the Diff grid, and the chosen row in every version', async ({ page }) => {
  const app = new StrataPage(page);
  const diff = new DiffPage(page);
  await app.goto();
  await diff.importCsv(csv('stock.csv', 'sku,qty,price', 'A1,5,1.5', 'B2,7,2.5', 'C3,9,3.5'), async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Table name' }).fill('stock');
  });
  await diff.importCsv(csv('stock-fix.csv', 'sku,qty,price', 'B2,70,2.5', 'D4,1,9'), async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Table name' }).fill('stock');
    await dialog.getByRole('radio', { name: 'Update by key' }).check();
    await dialog.getByRole('combobox', { name: 'Key column' }).selectOption('sku');
  });
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');

  await diff.open();
  await expect(diff.summary).toContainText('1 added');
  await expect(diff.summary).toContainText('1 changed');
  await expect(diff.summary).toContainText('Key: sku (inferred)');
  const headers = diff.grid.getByRole('columnheader');
  await expect(headers).toHaveText(['±', /sku/, /qty/, /price/]);
  await diff.hideUnchanged.check();
  await expect(headers).toHaveText(['±', /sku/, /qty/]);
  await expect(diff.cell(diff.rows('changed'), 'qty')).toHaveText(/^70\D+7$/);
  await diff.hideUnchanged.uncheck();
  await expect(headers).toHaveCount(4);

  // Keyboard: the grid is one tab stop; N steps to the next change, Enter shows the row's history.
  await diff.grid.focus();
  await page.keyboard.press('n');
  await expect(page.getByRole('status').filter({ hasText: /^Row / })).toHaveText('Row 1 of 2 · qty');
  await page.keyboard.press('Enter');
  const history = diff.figure('Row history');
  await expect(history).toContainText('sku = B2');
  await expect(history).toContainText('changed in v1 (qty)');
  await expect(history.getByRole('listitem').filter({ hasText: /^qty/ })).toContainText(/v0\s*7\s*v1\s*70/);

  // A key typed by hand.
  await page.getByLabel('Row key value').fill('D4');
  await page.getByRole('button', { name: 'Show row' }).click();
  await expect(history).toContainText('sku = D4');
  await expect(history).toContainText('In 1 of 2 versions');
});

test('a table without a key is compared as whole rows, and says so', async ({ page }) => {
  const app = new StrataPage(page);
  const diff = new DiffPage(page);
  await app.goto();
  await diff.importCsv(csv('visits.csv', 'page,count', 'home,1', 'home,1', 'about,2'), async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Table name' }).fill('visits');
  });
  await diff.importCsv(csv('visits.csv', 'page,count', 'home,1', 'home,1'));
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');

  await diff.open();
  await expect(diff.summary).toContainText('2 added');
  await expect(diff.summary).toContainText('0 removed');
  await expect(diff.summary).toContainText('No key: whole rows compared');
  await expect(diff.summary).toContainText('No column is unique and non-null');
  await expect(diff.key).toHaveValue('');
  await expect(diff.key.locator('option:checked')).toHaveText('(whole rows)');
  await expect(diff.rows('added')).toHaveCount(2);
  await expect(diff.hideUnchanged).toBeDisabled();
});

test('a schema change shows a banner: an append that adds a column', async ({ page }) => {
  const app = new StrataPage(page);
  const diff = new DiffPage(page);
  await app.goto();
  await diff.importCsv(csv('fx.csv', 'day,rate', '2024-01-01,1.10'), async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Table name' }).fill('fx');
  });
  await diff.importCsv(csv('fx.csv', 'day,rate,source', '2024-01-02,1.11,ECB'), async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Add new columns' }).check();
  });
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');

  await diff.open();
  await expect(diff.schemaNote).toHaveText(/Column source added/);
  await expect(diff.summary).toContainText('1 added');
  await expect(diff.grid.getByRole('columnheader', { name: 'source' })).toHaveAccessibleDescription(/new/);
});
