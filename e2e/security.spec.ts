import { expect, test } from '@playwright/test';

test('the app runs under a strict Content-Security-Policy header with no violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'csp.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,when,name,ok\n1,2024-01-01 08:00:00,a,true\n2,2024-01-02 08:00:00,,false\n'),
  });
  await page.getByRole('dialog', { name: 'Import CSV' }).getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 0 of csp' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'csp' })).toHaveAttribute('aria-rowcount', '3');
  expect(violations).toEqual([]);
});

test('cell text and hostile column names render as text', async ({ page }) => {
  await page.goto('/');
  let alerted = false;
  page.on('dialog', async (d) => {
    alerted = true;
    await d.dismiss();
  });
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'hostile.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      '__proto__,constructor,toString\n"<script>alert(1)</script>","<img src=x onerror=alert(2)>",=1+1\n',
    ),
  });
  await page.getByRole('dialog', { name: 'Import CSV' }).getByRole('button', { name: 'Commit' }).click();
  const grid = page.getByRole('grid', { name: 'hostile' });
  await expect(grid.getByRole('columnheader', { name: '__proto__' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'constructor' })).toBeVisible();
  await expect(grid.getByText('<script>alert(1)</script>')).toBeVisible();
  await expect(grid.getByText('<img src=x onerror=alert(2)>')).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(alerted).toBe(false);
});
