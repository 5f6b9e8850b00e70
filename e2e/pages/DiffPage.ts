import { expect, type Locator, type Page } from '@playwright/test';

export interface CsvFile {
  readonly name: string;
  readonly text: string;
}

export const csv = (name: string, ...lines: string[]): CsvFile => ({ name, text: `${lines.join('\n')}\n` });

/** The Compare and Charts views of the table shown, by their accessible names. */
export class DiffPage {
  constructor(readonly page: Page) {}

  view(name: 'Rows' | 'Compare' | 'Charts'): Locator {
    return this.page.getByRole('group', { name: 'View' }).getByRole('button', { name, exact: true });
  }
  get from(): Locator {
    return this.page.getByLabel('From version');
  }
  get to(): Locator {
    return this.page.getByLabel('To version');
  }
  get key(): Locator {
    return this.page.getByLabel('Key column', { exact: true });
  }
  get summary(): Locator {
    return this.page.getByRole('region', { name: 'Diff summary' });
  }
  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Diff', exact: true });
  }
  get schemaNote(): Locator {
    return this.page.getByRole('note', { name: 'Schema changes' });
  }
  /** Data rows of the Diff grid, optionally of one change kind. */
  rows(change?: 'added' | 'removed' | 'changed'): Locator {
    return this.grid.locator(change ? `[role="row"][data-change="${change}"]` : '[role="row"][data-change]');
  }
  cell(row: Locator, column: string): Locator {
    return row.locator(`[role="gridcell"][data-column="${column}"]`);
  }
  filter(kind: 'Added' | 'Removed' | 'Changed'): Locator {
    return this.page.getByRole('checkbox', { name: kind, exact: true });
  }
  get hideUnchanged(): Locator {
    return this.page.getByRole('checkbox', { name: 'Hide unchanged columns' });
  }
  figure(name: 'Rows per version' | 'Restatement' | 'Row history'): Locator {
    return this.page.getByRole('figure', { name });
  }

  async open(): Promise<void> {
    await this.view('Compare').click();
    await expect(this.view('Compare')).toHaveAttribute('aria-pressed', 'true');
    await expect(this.summary).toBeVisible();
  }

  /** Chooses the two versions and waits for their summary. */
  async compare(from: number, to: number): Promise<void> {
    await this.from.selectOption(String(from));
    await this.to.selectOption(String(to));
    await expect(this.summary).toContainText(`v${from} → v${to}`);
    await expect(this.summary).toHaveAttribute('aria-busy', 'false');
  }

  /** Imports CSV files through the Import CSV dialog (as a user picks them) and commits with `prepare`'s choices. */
  async importCsv(file: CsvFile, prepare?: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.page
      .getByLabel('Import CSV')
      .setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text) });
    const dialog = this.page.getByRole('dialog', { name: 'Import CSV' });
    await expect(dialog).toBeVisible();
    await prepare?.(dialog);
    await dialog.getByRole('button', { name: 'Commit' }).click();
    await expect(dialog).toBeHidden();
  }
}
