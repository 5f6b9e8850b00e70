/**
 * The seeds' workflows, exactly as the documents describe them, done in the app by a person.
 */
import { expect, test } from '@playwright/test';
import { StrataPage } from './pages/StrataPage';

test.use({ timezoneId: 'UTC' });

test('ArcticDB: as of 2024-01-03 18:00 and the snapshot tag show version 2, before the restatement', async ({
  page,
}) => {
  const app = new StrataPage(page);
  await app.goto();
  await app.loadSample();
  // read("AAPL"): the restated 2024-01-02 rows and day 4.
  expect((await app.column('AAPL', 'open')).slice(2, 4)).toEqual(['0.726245', '0.91218']);
  // read("AAPL", as_of=pandas.Timestamp("2024-01-03T18:00:00")) → the same data as version 2.
  await app.asOf.fill('2024-01-03T18:00:00');
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  await expect(app.grid('AAPL')).toHaveAttribute('aria-rowcount', '7');
  expect((await app.column('AAPL', 'open')).slice(2, 4)).toEqual(['0.543514', '0.363511']);
  // read("AAPL", as_of="snapshot-2024-01-03")
  await app.showVersion(4);
  await app.tag('snapshot-2024-01-03').click();
  await expect(app.slider).toHaveAttribute('aria-valuenow', '2');
  expect((await app.column('AAPL', 'open')).slice(2, 4)).toEqual(['0.543514', '0.363511']);
});

test('datashard: history, travel by version and by timestamp, expire old versions', async ({ page }) => {
  const app = new StrataPage(page);
  await app.goto();
  const importCsv = async (name: string, csv: string, mode: 'New table' | 'Append') => {
    await page.getByLabel('Import CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = app.dialog('Import CSV');
    await dialog.getByRole('textbox', { name: 'Table name' }).fill('workflow_history');
    await dialog.getByRole('radio', { name: mode }).check();
    await dialog.getByRole('button', { name: 'Commit' }).click();
  };
  await importCsv('step1.csv', 'step_id,step_name,status,timestamp\n1,init,completed,1709287200000\n', 'New table');
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 0 of workflow_history' })).toBeVisible();
  // The next snapshot lands in a later second: wait until the page's clock has passed v0's second.
  await expect(app.slider).toHaveAttribute('aria-valuenow', '0');
  const v0Second = (await app.slider.getAttribute('aria-valuetext'))!.split(' · ')[2]!;
  const v0Ms = await page.evaluate((t) => new Date(t.replace(' ', 'T')).getTime(), v0Second);
  await expect.poll(() => page.evaluate(() => Date.now())).toBeGreaterThanOrEqual(v0Ms + 1000);
  await importCsv('step2.csv', 'step_id,step_name,status,timestamp\n2,process,completed,1709287200100\n', 'Append');
  await expect(page.getByRole('status').filter({ hasText: 'Committed version 1 of workflow_history' })).toBeVisible();
  // snapshots(): newest first, with operations.
  await expect(app.history.getByRole('listitem')).toHaveCount(2);
  await expect(app.historyItem(1)).toContainText('append');
  await expect(app.historyItem(0)).toContainText('create');
  // time_travel(snapshot_id=snapshot1)
  await app.showVersion(0);
  await expect(app.grid('workflow_history')).toHaveAttribute('aria-rowcount', '2');
  // time_travel(timestamp=…): the second in which v0 was committed.
  const v0Time = (await app.slider.getAttribute('aria-valuetext'))!.split(' · ')[2]!;
  await app.showVersion(1);
  await app.asOf.fill(v0Time.replace(' ', 'T'));
  await expect(app.slider).toHaveAttribute('aria-valuenow', '0');
  // expire_snapshots: keep the last one; the head is never removed.
  await app.button('Retention').click();
  const retention = app.dialog('Retention');
  await retention.getByLabel('Keep last').fill('1');
  await retention.getByRole('button', { name: 'Preview' }).click();
  await expect(retention).toContainText('v0');
  await retention.getByRole('button', { name: 'Apply' }).click();
  await expect(app.grid('workflow_history')).toHaveAttribute('aria-rowcount', '3');
  await expect(app.historyItem(0)).toContainText(/expired/i);
});
