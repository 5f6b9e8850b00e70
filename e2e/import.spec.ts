/**
 * CSV import end to end, through the real worker and storage (no mocks). Locators use roles and the accessible
 * names of issue 5 only, so the tests survive layout changes around the dialog.
 */
import { expect, test, type JSHandle, type Locator, type Page } from '@playwright/test';

interface CsvFile {
  readonly name: string;
  readonly text: string;
}

const csv = (name: string, ...lines: string[]): CsvFile => ({ name, text: `${lines.join('\n')}\n` });

function importDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Import CSV' });
}

function fileGroup(page: Page, fileName: string): Locator {
  return importDialog(page).getByRole('group', { name: fileName, exact: true });
}

/** The import's status line(s): "Committed version N of <table>" (other parts of the app may have statuses too). */
function importStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /Committed version|Cancelled / });
}

async function pickFiles(page: Page, ...files: CsvFile[]): Promise<Locator> {
  await page
    .getByLabel('Import CSV')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })));
  await expect(importDialog(page)).toBeVisible();
  return importDialog(page);
}

/** A DataTransfer holding the files, built in the page (as a real drag from the desktop would carry them). */
function dataTransferOf(page: Page, files: readonly CsvFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return transfer;
  }, files);
}

/** Drags files over the window and drops them on the page body. */
async function dropFiles(page: Page, dataTransfer: JSHandle<DataTransfer>): Promise<void> {
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop CSV files to import')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop CSV files to import')).toBeHidden();
}

async function commit(page: Page): Promise<void> {
  await importDialog(page).getByRole('button', { name: 'Commit' }).click();
}

/** Imports one file as a new table with everything as detected. */
async function createTable(page: Page, file: CsvFile, table: string): Promise<void> {
  await pickFiles(page, file);
  await expect(fileGroup(page, file.name).getByRole('radio', { name: 'New table' })).toBeChecked();
  await fileGroup(page, file.name).getByRole('textbox', { name: 'Table name' }).fill(table);
  await commit(page);
  await expect(importStatus(page)).toHaveText(`Committed version 0 of ${table}`);
  await expect(importDialog(page)).toBeHidden();
}

function tableGrid(page: Page, table: string): Locator {
  return page.getByRole('grid', { name: table });
}

async function showTable(page: Page, table: string): Promise<Locator> {
  await page.getByRole('list', { name: 'Tables' }).getByRole('button', { name: table }).first().click();
  return tableGrid(page, table);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a file chosen with "Import CSV" is previewed, then committed as version 0', async ({ page }) => {
  const input = page.getByLabel('Import CSV');
  await input.focus();
  const dialog = await pickFiles(page, csv('pipes.csv', 'id,name,score', '1,ann,1.5', '2,bob,', '3,"c, y",3'));
  const group = fileGroup(page, 'pipes.csv');
  // Focus moves into the dialog, to the first field.
  await expect(group.getByRole('textbox', { name: 'Table name' })).toBeFocused();
  await expect(group.getByRole('textbox', { name: 'Table name' })).toHaveValue('pipes');
  await expect(group.getByRole('radio', { name: 'New table' })).toBeChecked();
  await expect(group.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  // The schema preview: each column's inferred type (overridable), nullability, and the first rows.
  await expect(group.getByRole('combobox', { name: 'Type of id' })).toHaveValue('int64');
  await expect(group.getByRole('combobox', { name: 'Type of name' })).toHaveValue('string');
  await expect(group.getByRole('combobox', { name: 'Type of score' })).toHaveValue('float64');
  await expect(group.getByRole('combobox', { name: 'Type of score' })).toHaveAccessibleDescription(/nullable/);
  await expect(group.getByRole('table')).toContainText('c, y');
  await expect(group.getByRole('combobox', { name: 'Delimiter' })).toHaveValue(',');
  await expect(group.getByRole('combobox', { name: 'Encoding' })).toHaveValue('utf-8');

  await group.getByRole('textbox', { name: 'Message' }).fill('first load');
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 0 of pipes');
  await expect(dialog).toBeHidden();
  await expect(input).toBeFocused();
  await expect(await showTable(page, 'pipes')).toContainText('c, y');
});

test('"Cancel" and Escape close the dialog without importing', async ({ page }) => {
  const file = csv('notes.csv', 'a,b', '1,2');
  let dialog = await pickFiles(page, file);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  dialog = await pickFiles(page, file);
  await expect(fileGroup(page, 'notes.csv').getByRole('textbox', { name: 'Table name' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Nothing was committed: the name is still free.
  await pickFiles(page, file);
  await expect(fileGroup(page, 'notes.csv').getByRole('radio', { name: 'New table' })).toBeChecked();
  await expect(importStatus(page)).toHaveCount(0);
});

test('the dialog works from the keyboard alone', async ({ page }) => {
  await pickFiles(page, csv('keys.csv', 'k,v', 'a,1'));
  const commitButton = importDialog(page).getByRole('button', { name: 'Commit' });
  await expect(commitButton).toBeEnabled();
  for (let i = 0; i < 40 && !(await commitButton.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(commitButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(importStatus(page)).toHaveText('Committed version 0 of keys');
});

test('a file dropped on the window opens the dialog and commits', async ({ page }) => {
  const transfer = await dataTransferOf(page, [csv('dropped.csv', 'x,y', '1,one', '2,two')]);
  await dropFiles(page, transfer);
  const group = fileGroup(page, 'dropped.csv');
  await expect(group.getByRole('textbox', { name: 'Table name' })).toHaveValue('dropped');
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 0 of dropped');
  await expect(await showTable(page, 'dropped')).toContainText('two');
});

test('files dropped while the dialog is open join it; "Remove file" takes one out', async ({ page }) => {
  await pickFiles(page, csv('first.csv', 'a', '1'));
  await dropFiles(page, await dataTransferOf(page, [csv('second.csv', 'b', '2')]));
  const groups = importDialog(page).getByRole('group', { name: /\.csv$/ });
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(1)).toHaveAccessibleName('second.csv');
  await fileGroup(page, 'first.csv').getByRole('button', { name: 'Remove file' }).click();
  await expect(groups).toHaveCount(1);
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 0 of second');
});

test('three files dropped at once commit one after another, in the order given', async ({ page }) => {
  const files = [
    csv('cities.csv', 'city,population', 'Oslo,709000', 'Lima,10000000'),
    csv('rivers.csv', 'river,length_km', 'Nile,6650'),
    csv('peaks.csv', 'peak,height_m', 'Everest,8849', 'K2,8611'),
  ];
  await dropFiles(page, await dataTransferOf(page, files));
  const groups = importDialog(page).getByRole('group', { name: /\.csv$/ });
  await expect(groups).toHaveCount(3);
  for (const [i, f] of files.entries()) await expect(groups.nth(i)).toHaveAccessibleName(f.name);
  await commit(page);
  await expect(importStatus(page)).toContainText('Committed version 0 of peaks');
  const lines = (await importStatus(page).innerText()).split('\n').filter(Boolean);
  expect(lines).toEqual([
    'Committed version 0 of cities',
    'Committed version 0 of rivers',
    'Committed version 0 of peaks',
  ]);
});

test('files for the same table commit as consecutive versions, later ones appending', async ({ page }) => {
  const days = [1, 2, 3].map((d) => csv(`day${d}.csv`, 'day,value', `2024-01-0${d},${d * 10}`));
  await dropFiles(page, await dataTransferOf(page, days));
  for (const day of days) {
    await fileGroup(page, day.name).getByRole('textbox', { name: 'Table name' }).fill('daily');
  }
  await expect(fileGroup(page, 'day1.csv').getByRole('radio', { name: 'New table' })).toBeChecked();
  await expect(fileGroup(page, 'day2.csv').getByRole('radio', { name: 'Append' })).toBeChecked();
  await expect(fileGroup(page, 'day3.csv').getByRole('radio', { name: 'Append' })).toBeChecked();
  await commit(page);
  await expect(importStatus(page)).toContainText('Committed version 2 of daily');
  const lines = (await importStatus(page).innerText()).split('\n').filter(Boolean);
  expect(lines).toEqual([
    'Committed version 0 of daily',
    'Committed version 1 of daily',
    'Committed version 2 of daily',
  ]);
});

test('many files for one table are reported as one line of consecutive versions', async ({ page }) => {
  const days = [1, 2, 3, 4, 5].map((d) => csv(`day${d}.csv`, 'day,value', `2024-01-0${d},${d * 10}`));
  await dropFiles(page, await dataTransferOf(page, days));
  for (const day of days) {
    await fileGroup(page, day.name).getByRole('textbox', { name: 'Table name' }).fill('week');
  }
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed versions 0–4 of week');
  await expect(importStatus(page)).toHaveAttribute('title', /Committed version 3 of week/);
});

test('a type override imports a numeric-looking column as string', async ({ page }) => {
  await pickFiles(page, csv('zips.csv', 'zip,city', '01234,Boston', '10001,New York'));
  const group = fileGroup(page, 'zips.csv');
  const zipType = group.getByRole('combobox', { name: 'Type of zip' });
  await expect(zipType).toHaveValue('int64');
  await zipType.selectOption('string');
  await expect(zipType).toHaveAccessibleDescription(/detected int64/);
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 0 of zips');
  // As string the leading zero survives (as int64 it would read 1234).
  await expect(await showTable(page, 'zips')).toContainText('01234');
});

test('a file named like an existing table defaults to Append and commits version 1', async ({ page }) => {
  await createTable(page, csv('prices.csv', 'id,price', '1,10.5', '2,11'), 'prices');
  await pickFiles(page, csv('prices.csv', 'id,price', '3,12.25'));
  const group = fileGroup(page, 'prices.csv');
  await expect(group.getByRole('radio', { name: 'Append' })).toBeChecked();
  await expect(group.getByRole('textbox', { name: 'Table name' })).toHaveAccessibleDescription(
    'Existing table: version 0, 2 rows',
  );
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 1 of prices');
  await expect(await showTable(page, 'prices')).toContainText('12.25');
});

test('Overwrite replaces every row in a new version', async ({ page }) => {
  await createTable(page, csv('team.csv', 'name,role', 'ann,dev', 'bob,ops'), 'team');
  await pickFiles(page, csv('team.csv', 'name,role', 'cy,lead'));
  const group = fileGroup(page, 'team.csv');
  await group.getByRole('radio', { name: 'Overwrite' }).check();
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 1 of team');
  const grid = await showTable(page, 'team');
  await expect(grid).toContainText('lead');
  await expect(grid).not.toContainText('ann');
});

test('a Windows-1252 file is detected and read as such', async ({ page }) => {
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'cafes.csv',
    mimeType: 'text/csv',
    // "café" and "€" in Windows-1252 bytes (not valid UTF-8).
    buffer: Buffer.from([...Buffer.from('name,price\ncaf'), 0xe9, ...Buffer.from(',3\nbar,'), 0x80, 0x0a]),
  });
  const group = fileGroup(page, 'cafes.csv');
  await expect(group.getByRole('combobox', { name: 'Encoding' })).toHaveValue('windows-1252');
  await expect(group.getByRole('table')).toContainText('café');
  await expect(group.getByRole('table')).toContainText('€');
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 0 of cafes');
  await expect(await showTable(page, 'cafes')).toContainText('café');
});

test('Update by key replaces matching rows and adds the others', async ({ page }) => {
  await createTable(page, csv('stock.csv', 'sku,qty', 'A1,5', 'B2,7', 'C3,9'), 'stock');
  await pickFiles(page, csv('stock-fix.csv', 'sku,qty', 'B2,70', 'D4,1'));
  const group = fileGroup(page, 'stock-fix.csv');
  await group.getByRole('textbox', { name: 'Table name' }).fill('stock');
  await group.getByRole('radio', { name: 'Update by key' }).check();
  const key = group.getByRole('combobox', { name: 'Key column' });
  await expect(key).toBeVisible();
  await key.selectOption('sku');
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 1 of stock');
  // Four rows now: A1, B2 (restated), C3, D4.
  await pickFiles(page, csv('stock.csv', 'sku,qty', 'Z9,0'));
  await expect(fileGroup(page, 'stock.csv').getByRole('textbox', { name: 'Table name' })).toHaveAccessibleDescription(
    'Existing table: version 1, 4 rows',
  );
  await importDialog(page).getByRole('button', { name: 'Cancel' }).click();
  const grid = await showTable(page, 'stock');
  await expect(grid).toContainText('70');
  await expect(grid).toContainText('D4');
});

test('Update range restates a day of prices (the ArcticDB example)', async ({ page }) => {
  const header = 'datetime,symbol,close,volume';
  await createTable(
    page,
    csv(
      'aapl-days.csv',
      header,
      '2024-01-01 09:30:00,AAPL,185.10,1000',
      '2024-01-01 16:00:00,AAPL,185.64,1200',
      '2024-01-02 09:30:00,AAPL,186.11,900',
      '2024-01-02 16:00:00,AAPL,186.87,950',
      '2024-01-03 09:30:00,AAPL,184.25,1100',
      '2024-01-03 16:00:00,AAPL,184.40,1300',
    ),
    'AAPL',
  );
  await pickFiles(
    page,
    csv('restatement.csv', header, '2024-01-02 09:30:00,AAPL,190.55,901', '2024-01-02 16:00:00,AAPL,191.25,951'),
  );
  const group = fileGroup(page, 'restatement.csv');
  await group.getByRole('textbox', { name: 'Table name' }).fill('AAPL');
  await expect(group.getByRole('radio', { name: 'Append' })).toBeChecked();
  await group.getByRole('radio', { name: 'Update range' }).check();
  const range = group.getByRole('combobox', { name: 'Range column' });
  // Only ordered columns can bound a range; the timestamp column is proposed.
  await expect(range).toHaveValue('datetime');
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 1 of AAPL');
  const grid = await showTable(page, 'AAPL');
  await expect(grid).toContainText('190.55');
  await expect(grid).toContainText('191.25');
  await expect(grid).not.toContainText('186.11');
  await expect(grid).toContainText('185.64');
});

test('appending a file with a new column asks to confirm adding it', async ({ page }) => {
  await createTable(page, csv('fx.csv', 'day,rate', '2024-01-01,1.10'), 'fx');
  await pickFiles(page, csv('fx.csv', 'day,rate,source', '2024-01-02,1.11,ECB'));
  const group = fileGroup(page, 'fx.csv');
  const confirm = group.getByRole('checkbox', { name: 'Add new columns' });
  await expect(confirm).not.toBeChecked();
  await expect(confirm).toHaveAccessibleDescription(/"source"/);
  const commitButton = importDialog(page).getByRole('button', { name: 'Commit' });
  await expect(commitButton).toBeDisabled();
  await expect(commitButton).toHaveAccessibleDescription('Confirm the new columns of fx.csv');
  await confirm.check();
  await commit(page);
  await expect(importStatus(page)).toHaveText('Committed version 1 of fx');
  await expect(await showTable(page, 'fx')).toContainText('ECB');
});

test('changing the delimiter previews the file again', async ({ page }) => {
  await pickFiles(page, csv('semi.csv', 'a;b', '1;2'));
  const group = fileGroup(page, 'semi.csv');
  const delimiter = group.getByRole('combobox', { name: 'Delimiter' });
  await expect(delimiter).toHaveValue(';');
  await expect(group.getByRole('combobox', { name: /^Type of/ })).toHaveCount(2);
  await delimiter.selectOption(',');
  await expect(group.getByRole('combobox', { name: 'Type of a;b' })).toBeVisible();
  await expect(group.getByRole('combobox', { name: /^Type of/ })).toHaveCount(1);
});

test('renamed headers are reported before Commit', async ({ page }) => {
  await pickFiles(page, csv('dupes.csv', 'id,id,', '1,2,3'));
  const group = fileGroup(page, 'dupes.csv');
  await expect(group).toContainText('Duplicate column name "id" on line 1 renamed to "id_2"');
  await expect(group).toContainText('Empty column name at position 3 renamed to "column_3"');
  await expect(group.getByRole('combobox', { name: 'Type of id_2' })).toBeVisible();
});

test.describe('problems', () => {
  test('a value that does not fit an overridden type fails with the file and line', async ({ page }) => {
    await pickFiles(page, csv('mismatch.csv', 'id,qty', '1,5', '2,6', '3,abc', '4,8'));
    const group = fileGroup(page, 'mismatch.csv');
    await group.getByRole('combobox', { name: 'Type of qty' }).selectOption('int64');
    // Flagged before Commit from the preview rows.
    await expect(group).toContainText('"abc" (preview row 3) is not one');
    await commit(page);
    const alert = group.getByRole('alert');
    await expect(alert).toContainText('mismatch.csv line 4');
    await expect(alert).toContainText('"abc"');
    await expect(importStatus(page)).toHaveCount(0);
    // Nothing changed: the dialog still holds the file, and no table of that name exists.
    await importDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await pickFiles(page, csv('mismatch.csv', 'id,qty', '1,5'));
    await expect(fileGroup(page, 'mismatch.csv').getByRole('radio', { name: 'New table' })).toBeChecked();
  });

  test('an unterminated quote is reported at the line where it opens', async ({ page }) => {
    await pickFiles(page, csv('quote.csv', 'id,name', '1,ann', '2,"bob', '3,carl', '4,dan'));
    const group = fileGroup(page, 'quote.csv');
    await expect(group.getByRole('alert')).toContainText('quote.csv line 3');
    await expect(group.getByRole('alert')).toContainText('unterminated quote');
    await expect(importDialog(page).getByRole('button', { name: 'Commit' })).toBeDisabled();
  });

  test('an unterminated quote past the preview sample fails the Commit at its line', async ({ page }) => {
    // 1.2 MB: the preview reads the first 1 MB, so only the import itself meets the quote.
    const transfer = await page.evaluateHandle(() => {
      const rows = Array.from({ length: 60_000 }, (_, i) => `${i},row number ${i}`).join('\n');
      const text = `id,label\n${rows}\n60000,"never closed\n60001,x\n`;
      const t = new DataTransfer();
      t.items.add(new File([text], 'late-quote.csv', { type: 'text/csv' }));
      return t;
    });
    await dropFiles(page, transfer);
    await commit(page);
    await expect(fileGroup(page, 'late-quote.csv').getByRole('alert')).toContainText('late-quote.csv line 60002');
    await expect(importStatus(page)).toHaveCount(0);
  });

  test('ragged rows are shown before Commit, which waits for pad or skip', async ({ page }) => {
    await pickFiles(page, csv('ragged.csv', 'id,name,score', '1,ann,1.5', '2,bob', '3,cy,3', '4,dan,4,extra'));
    const group = fileGroup(page, 'ragged.csv');
    await expect(group).toContainText('Lines 3 and 5 have the wrong number of fields (expected 3)');
    const commitButton = importDialog(page).getByRole('button', { name: 'Commit' });
    await expect(commitButton).toBeDisabled();
    await expect(group.getByRole('radio', { name: 'Pad short rows' })).toBeVisible();
    await group.getByRole('radio', { name: 'Skip bad rows' }).check();
    await commit(page);
    await expect(importStatus(page)).toHaveText('Committed version 0 of ragged');
    await pickFiles(page, csv('ragged.csv', 'id,name,score', '9,zed,1'));
    await expect(
      fileGroup(page, 'ragged.csv').getByRole('textbox', { name: 'Table name' }),
    ).toHaveAccessibleDescription('Existing table: version 0, 2 rows');
  });

  test('padding short rows keeps them', async ({ page }) => {
    await pickFiles(page, csv('short.csv', 'id,name,score', '1,ann,1.5', '2,bob'));
    await fileGroup(page, 'short.csv').getByRole('radio', { name: 'Pad short rows' }).check();
    await commit(page);
    await expect(importStatus(page)).toHaveText('Committed version 0 of short');
    await expect(await showTable(page, 'short')).toContainText('bob');
  });

  test('a failing file stops the run but keeps what was already committed', async ({ page }) => {
    const files = [csv('good.csv', 'a,b', '1,2'), csv('bad.csv', 'n', '1', '2', 'three'), csv('later.csv', 'c', 'x')];
    await dropFiles(page, await dataTransferOf(page, files));
    await fileGroup(page, 'bad.csv').getByRole('combobox', { name: 'Type of n' }).selectOption('int64');
    await commit(page);
    await expect(fileGroup(page, 'bad.csv').getByRole('alert')).toContainText('bad.csv line 4');
    await expect(importStatus(page)).toHaveText('Committed version 0 of good');
    // The committed file left the dialog; the failed one and the one after it wait for another Commit.
    await expect(fileGroup(page, 'good.csv')).toHaveCount(0);
    await expect(fileGroup(page, 'later.csv')).toBeVisible();
    await fileGroup(page, 'bad.csv').getByRole('combobox', { name: 'Type of n' }).selectOption('string');
    await commit(page);
    await expect(importStatus(page)).toContainText('Committed version 0 of later');
    expect((await importStatus(page).innerText()).split('\n').filter(Boolean)).toEqual([
      'Committed version 0 of bad',
      'Committed version 0 of later',
    ]);
  });

  test('"Cancel import" stops a large import and commits nothing', async ({ page }) => {
    // About 84 MB (the benchmark's size), built in the page: big enough that Cancel lands while it is being read.
    const transfer = await page.evaluateHandle(() => {
      const row = '1,2024-01-02 10:00:00,AAPL,185.1,186.2,184.9,185.7,123456\n';
      const text = `id,ts,symbol,open,high,low,close,volume\n${row.repeat(1_500_000)}`;
      const t = new DataTransfer();
      t.items.add(new File([text], 'big.csv', { type: 'text/csv' }));
      return t;
    });
    await dropFiles(page, transfer);
    await commit(page);
    const progress = importDialog(page).getByRole('progressbar');
    await expect(progress).toBeVisible();
    // Escape does not walk away from a running import; "Cancel import" (which has focus) stops it.
    await page.keyboard.press('Escape');
    await expect(importDialog(page)).toBeVisible();
    await expect(importDialog(page).getByRole('button', { name: 'Cancel import' })).toBeFocused();
    await importDialog(page).getByRole('button', { name: 'Cancel import' }).click();
    await expect(importStatus(page)).toHaveText('Cancelled big.csv: nothing from it was committed');
    await expect(progress).toBeHidden();
    await expect(fileGroup(page, 'big.csv').getByRole('alert')).toHaveCount(0);
    await importDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await pickFiles(page, csv('big.csv', 'id', '1'));
    await expect(fileGroup(page, 'big.csv').getByRole('radio', { name: 'New table' })).toBeChecked();
    await expect(fileGroup(page, 'big.csv').getByRole('textbox', { name: 'Table name' })).toHaveAccessibleDescription(
      'No table named big yet',
    );
  });
});
