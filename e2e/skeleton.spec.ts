import { expect, test } from '@playwright/test';

test('a CSV picked with "Import CSV" goes through the worker and shows in the grid', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'pipes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,name,score\n1,ann,1.5\n2,bob,\n3,"c, y",3\n'),
  });
  await page.getByRole('dialog', { name: 'Import CSV' }).getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 0 of pipes' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'pipes' });
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await expect(grid.getByRole('row').nth(3)).toContainText('c, y');
});
