/** The Training panel: settings, Train, the results table. Finds things the way a person does (roles, labels, dotted test ids). */
import { expect, type Page } from '@playwright/test';

export class TrainingArea {
  constructor(readonly page: Page) {}

  async setNumber(label: string, value: number) {
    const input = this.page.getByLabel(label, { exact: true });
    await input.fill(String(value));
    await input.blur();
  }

  /** Click Train and wait until the new run has started (the status no longer shows the last one). */
  /** Clicks Train and waits until the app has started THIS run (the status's run counter moved on). */
  async train() {
    const status = this.page.getByTestId('train.status');
    const before = Number(await status.getAttribute('data-run'));
    await this.page.getByTestId('train.start').click();
    await expect(status).toHaveAttribute('data-run', String(before + 1));
  }

  async waitTrained() {
    await expect(this.page.getByTestId('train.status')).toContainText('Finished', { timeout: 150_000 });
  }

  /** The accuracy shown in the results table, as a fraction. */
  async accuracy(slice: string, model: string): Promise<number> {
    const text = await this.page.getByTestId(`results.cell.${slice}.${model}`).innerText();
    const match = /([\d.]+)%/.exec(text);
    if (!match) throw new Error(`no accuracy in "${text}"`);
    return Number(match[1]) / 100;
  }
}
