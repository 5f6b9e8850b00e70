import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The Strata app, by the accessible names users (and the acceptance tests) rely on. */
export class StrataPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  get tables(): Locator {
    return this.page.getByRole('list', { name: 'Tables' });
  }
  table(name: string): Locator {
    return this.tables.getByRole('button', { name, exact: true });
  }
  get tags(): Locator {
    return this.page.getByRole('list', { name: 'Tags' });
  }
  tag(name: string): Locator {
    return this.tags.getByRole('button', { name, exact: true });
  }
  grid(name: string): Locator {
    return this.page.getByRole('grid', { name, exact: true });
  }
  get slider(): Locator {
    return this.page.getByRole('slider', { name: 'Version' });
  }
  get asOf(): Locator {
    return this.page.getByLabel('As of time');
  }
  get history(): Locator {
    return this.page.getByRole('list', { name: 'History' });
  }
  historyItem(version: number): Locator {
    return this.history.getByRole('listitem').filter({ hasText: new RegExp(`^v${version} `) });
  }
  /** What the last action on the version shown came to. */
  get versionStatus(): Locator {
    return this.page.getByRole('region', { name: 'Version shown' }).getByRole('status');
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }
  /** The text cells of the grid's data rows, one array per row in view. */
  async rows(table: string): Promise<string[][]> {
    const rows = this.grid(table).getByRole('row');
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 1; i < count; i++) out.push(await rows.nth(i).getByRole('gridcell').allInnerTexts());
    return out;
  }
  /** The values of one column in the rows in view (by header position). */
  async column(table: string, column: string): Promise<string[]> {
    const headers = await this.grid(table).getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((h) => h.split(/\s+/).includes(column));
    expect(index, `column ${column} in ${headers.join('|')}`).toBeGreaterThan(0);
    return (await this.rows(table)).map((r) => r[index] ?? '');
  }

  /** "Load sample" on the empty state: the AAPL table, v0…v4. */
  async loadSample(): Promise<void> {
    await this.button('Load sample').click();
    await expect(this.grid('AAPL')).toHaveAttribute('aria-rowcount', '9');
    await expect(this.slider).toHaveAttribute('aria-valuenow', '4');
  }

  async showVersion(version: number): Promise<void> {
    await this.historyItem(version).getByRole('button').click();
    await expect(this.slider).toHaveAttribute('aria-valuenow', String(version));
  }

  async download(name: 'Export CSV' | 'Export Arrow'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.button(name).click();
    return download;
  }

  async tagShownVersion(name: string): Promise<void> {
    await this.button('Tag version').click();
    const dialog = this.dialog('Tag version');
    await dialog.getByRole('textbox', { name: 'Tag name' }).fill(name);
    await dialog.getByRole('button', { name: 'Save tag' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.tag(name)).toBeVisible();
  }
}
