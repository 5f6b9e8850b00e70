/** The Charts view on the sample (no mocks): the restatement picture and the rows-per-version bars. */
import { expect, test } from '@playwright/test';
import { DiffPage } from './pages/DiffPage';
import { StrataPage } from './pages/StrataPage';

test('the restatement chart overlays v2 and v3 and shades 2024-01-02; a bar click shows its version', async ({
  page,
}) => {
  const app = new StrataPage(page);
  const diff = new DiffPage(page);
  await app.goto();
  await app.loadSample();
  await diff.view('Charts').click();

  const restatement = diff.figure('Restatement');
  await expect(restatement.getByLabel('X column')).toHaveValue('datetime');
  await expect(restatement.getByLabel('Y column')).toHaveValue('open');
  await diff.from.selectOption('2');
  await diff.to.selectOption('3');
  await expect(restatement).toHaveAccessibleDescription(
    'open differs between v2 and v3 in 1 range: 2024-01-02 08:00:00 – 2024-01-02 16:29:00.',
  );
  await expect(restatement.locator('.recharts-reference-area')).toHaveCount(1);
  await expect(restatement.locator('.recharts-line')).toHaveCount(2);
  // The worker downsampled to the plot width; 6 rows per version come back as 6 points, drawn as they are.
  await expect(restatement.locator('.recharts-line-dot')).toHaveCount(12);
  await expect(restatement).toContainText('6 points drawn for 6 rows');
  await restatement.getByLabel('Y column').selectOption('close');
  await expect(restatement).toHaveAccessibleDescription(/^close differs between v2 and v3 in 1 range/);

  const bars = diff.figure('Rows per version');
  await expect(bars).toHaveAccessibleDescription(/v3 update: \+2 −2, 6 rows/);
  await expect(bars.getByRole('button', { name: /^Show v4 / })).toHaveAttribute('aria-pressed', 'true');
  // Bars of the first series (rows added) run v0…v4: click v1's.
  await bars.locator('.recharts-bar-rectangle').nth(1).click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');
  await expect(bars.getByRole('button', { name: /^Show v1 / })).toHaveAttribute('aria-pressed', 'true');
  // The comparison follows the version shown: v0 → v1, an append, differs only in its new day.
  await expect(diff.from).toHaveValue('0');
  await expect(restatement).toHaveAccessibleDescription(/in 1 range: 2024-01-02 08:00:00 – 2024-01-02 16:29:00/);
  // Keyboard: the version labels under the bars are buttons.
  await bars.getByRole('button', { name: /^Show v3 / }).press('Enter');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '3');
});
