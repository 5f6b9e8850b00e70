import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

test('Retention: "Preview" lists what would go (never tagged versions or heads), "Apply" expires them', async ({
  page,
}) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  await app.showVersion(1);
  await app.tagShownVersion('keep');

  const opener = app.button('Retention');
  await opener.click();
  const dialog = app.dialog('Retention');
  // The sample's versions were committed in January 2024 (the blog's dates): none is 10,000 days old.
  await dialog.getByLabel('Expire older than (days)').fill('10000');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog).toContainText('Nothing would be removed.');

  await dialog.getByLabel('Expire older than (days)').fill('');
  await dialog.getByLabel('Keep last').fill('2');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('list', { name: 'Versions to expire' });
  // v4 and v3 are the last two, v2 is held by the sample's snapshot-2024-01-03 tag, v1 by "keep".
  await expect(preview.getByRole('listitem')).toHaveText([/^AAPL v0 /]);
  await expect(dialog).toContainText(/1 versions? would go, freeing [\d.]+ (B|KB)/);

  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Expired 1 versions? and freed [\d.]+ (B|KB)\.$/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await expect(app.historyItem(0)).toContainText('expired');
  await expect(app.historyItem(0).getByRole('button')).toBeDisabled();
  await app.slider.focus();
  await page.keyboard.press('Home');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');
  await page.keyboard.press('ArrowRight');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '7');
  await expect(app.table('AAPL')).toHaveAccessibleDescription(/^8 rows/);
});
