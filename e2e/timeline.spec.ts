import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

// Commit times are shown, and "As of time" is read, in the user's zone: run in one that is not UTC.
test.use({ timezoneId: 'America/New_York' });

test('the empty state teaches the flow and "Load sample" shows five versions', async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await expect(page.getByRole('heading', { name: 'Drop a CSV here' })).toBeVisible();
  await app.loadSample();
  await expect(app.table('AAPL')).toBeVisible();
  await expect(app.table('AAPL')).toHaveAccessibleDescription(/8 rows · [\d.]+ KB/);
  await expect(app.slider).toHaveAttribute('aria-valuemin', '0');
  await expect(app.slider).toHaveAttribute('aria-valuemax', '4');
  await expect(app.history.getByRole('listitem')).toHaveCount(5);
  await expect(app.history.getByRole('listitem').first()).toHaveText(/^v4 append/);
  await expect(app.historyItem(3)).toContainText('+2 −2 6 rows');
  await expect(app.historyItem(3)).toContainText('AAPL_2024-01-02_restatement.csv');
  const grid = app.grid('AAPL');
  await expect(grid.getByRole('columnheader', { name: 'open', exact: true })).toHaveAccessibleDescription('float64');
  await expect(grid.getByRole('columnheader', { name: 'trades', exact: true })).toHaveAccessibleDescription('int64');
  await expect(grid.getByRole('row').nth(1)).toHaveAttribute('aria-rowindex', '2');
  await expect(grid.getByRole('row').nth(1)).toContainText('2024-01-01 08:00:00');
});

test('keyboard only: Tab to the slider, then ArrowLeft/Home/End scrub and the grid follows', async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  for (let i = 0; i < 40 && !(await app.slider.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(app.slider).toBeFocused();

  await page.keyboard.press('ArrowLeft');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '3');
  await expect(app.slider).toHaveAttribute('aria-valuetext', /^v3 · update · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await page.keyboard.press('ArrowLeft');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  const grid = app.grid('AAPL');
  await expect(grid).toHaveAttribute('aria-rowcount', '7');
  await expect(grid).toContainText('0.543514');
  await expect(grid).not.toContainText('0.726245');
  expect(await app.column('AAPL', 'open')).toEqual([
    '0.758089',
    '0.221275',
    '0.543514',
    '0.363511',
    '0.054882',
    '0.237748',
  ]);

  await page.keyboard.press('Home');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '0');
  await expect(grid).toHaveAttribute('aria-rowcount', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '0');

  await page.keyboard.press('End');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');
  await expect(grid).toHaveAttribute('aria-rowcount', '9');
  await expect(grid).toContainText('0.726245');
  await expect(grid).not.toContainText('0.543514');
  await expect(app.historyItem(4).getByRole('button')).toHaveAttribute('aria-current', 'true');
});

test('dragging the slider scrubs; choosing a history item shows that version', async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  const box = await app.slider.boundingBox();
  if (!box) throw new Error('slider has no box');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 4, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, y, { steps: 5 });
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  await page.mouse.move(box.x + 2, y, { steps: 5 });
  await page.mouse.up();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '0');
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '3');

  await app.historyItem(1).getByRole('button').click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '1');
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '5');
  await expect(app.historyItem(1).getByRole('button')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText('Earlier version · latest is v4')).toBeVisible();

  await app.button('Play').click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');
  await expect(app.button('Play')).toBeVisible();
});

test('"As of time" jumps to the latest version committed at or before that second, in the local zone', async ({
  page,
}) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  const sampleTime = (await app.slider.getAttribute('aria-valuetext'))!.split(' · ')[2]!;
  // A later commit (now), in a later second than the sample's fixed 2024 times.
  await app.showVersion(2);
  await app.button('Restore this version').click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
  const restoreTime = (await app.slider.getAttribute('aria-valuetext'))!.split(' · ')[2]!;
  expect(restoreTime).not.toBe(sampleTime);

  await app.asOf.fill(sampleTime.replace(' ', 'T'));
  await expect(app.slider).toHaveAttribute('aria-valuenow', '4');
  await expect(app.grid('AAPL')).toContainText('0.726245');
  await app.asOf.fill(restoreTime.replace(' ', 'T'));
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
  await expect(app.grid('AAPL')).toContainText('0.543514');
  await app.asOf.fill('2001-01-01T00:00:00');
  await expect(page.getByRole('alert')).toHaveText('No version yet at that time');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '5');
});
