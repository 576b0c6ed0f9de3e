/** The Data panel: uploads, examples and the data view. Finds things the way a person does (roles, labels, dotted test ids). */
import { expect, type Page } from '@playwright/test';
import { fixture } from './fixture.ts';

export class DataArea {
  constructor(readonly page: Page) {}

  /** Upload a fixture through the file picker, as a person would, and wait until it is loaded. */
  async upload(name: string) {
    await this.page.getByTestId('data.file').setInputFiles(fixture(name));
    await expect(this.page.getByTestId('project.name')).toHaveText(name);
  }

  /** Upload a file from anywhere (e.g. one a spec generated), waiting up to `timeout` ms for it to load. */
  async uploadPath(path: string, timeout = 120_000) {
    await this.page.getByTestId('data.file').setInputFiles(path);
    await expect(this.page.getByTestId('project.name')).toHaveText(path.split('/').pop()!, { timeout });
  }

  /** Pick a built-in example by its title in the example picker and load it. */
  async loadExample(title: string) {
    await this.page.getByLabel('Example dataset').selectOption({ label: title });
    await this.page.getByTestId('data.example.load').click();
    await expect(this.page.getByTestId('project.name')).toHaveText(`Example: ${title}`);
  }

  /** The data view's Rows tab: the virtualised table of every row. */
  async openRows() {
    await this.page.getByTestId('dataview.tab.rows').click();
    await expect(this.page.getByTestId('dataview.scroller')).toBeVisible();
  }

  /** The data view's Columns tab: one summary row per column. */
  async openColumnSummaries() {
    await this.page.getByTestId('dataview.tab.columns').click();
    await expect(this.page.getByTestId('data.summaries')).toBeVisible();
  }
}
