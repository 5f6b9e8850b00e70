/**
 * Issue 8's security items not covered by security.spec.ts: formula-safe CSV export (OWASP), and column names such
 * as __proto__, constructor and toString through import, the grid and export. The unit-level twins are in
 * src/engine/reliability.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

test('"Export CSV" makes formula-like text safe, keeps numbers (negative too) and hostile column names', async ({
  page,
}) => {
  const app = new StrataPage(page);
  await app.goto();
  const csv = [
    '__proto__,constructor,toString,amount',
    '=1+1,+SUM(A1),@cmd,-5',
    '-abc,plain,"=HYPERLINK(""http://x"")",3.5',
    '"\tTAB",ok,"\rCR",-0.25',
  ].join('\n');
  await page
    .getByLabel('Import CSV')
    .setInputFiles({ name: 'formulas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('dialog', { name: 'Import CSV' }).getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 0 of formulas' })).toBeVisible();

  const grid = app.grid('formulas');
  for (const name of ['__proto__', 'constructor', 'toString', 'amount']) {
    await expect(grid.getByRole('columnheader', { name })).toBeVisible();
  }
  // Shown as the text that was imported: the apostrophe is for spreadsheets, added on export only.
  await expect(grid.getByRole('gridcell', { name: '=1+1', exact: true })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '+SUM(A1)', exact: true })).toBeVisible();

  const download = await app.download('Export CSV');
  expect(download.suggestedFilename()).toBe('formulas@v0.csv');
  expect(await readFile((await download.path())!, 'utf8')).toBe(
    [
      '__proto__,constructor,toString,amount',
      "'=1+1,'+SUM(A1),'@cmd,-5",
      `'-abc,plain,"'=HYPERLINK(""http://x"")",3.5`,
      `'\tTAB,ok,"'\rCR",-0.25`,
      '',
    ].join('\r\n'),
  );
});
