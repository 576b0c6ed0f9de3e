/**
 * A page object for the workbench: finds things the way a person does (roles, labels, dotted test ids).
 */
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file in e2e/fixtures. */
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export class Workbench {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByTestId('slices.table')).toBeVisible();
  }

  /** Upload a fixture through the file picker, as a person would, and wait until it is loaded. */
  async upload(name: string) {
    await this.page.getByTestId('data.file').setInputFiles(fixture(name));
    await expect(this.page.getByTestId('project.name')).toHaveText(name);
  }

  /** Wait until Monaco has rendered. */
  async editorReady() {
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible();
  }

  /** Replace the whole SF file as a person would: select all in the editor, then paste new text. */
  async replaceSfSource(source: string) {
    await this.editorReady();
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(source);
  }

  async applyWithKeyboard() {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+Enter');
  }

  sliceCount(name: string) {
    return this.page.getByTestId(`slices.count.${name}`);
  }

  async setNumber(label: string, value: number) {
    const input = this.page.getByLabel(label, { exact: true });
    await input.fill(String(value));
    await input.blur();
  }

  /** Click Train and wait until the new run has started (the status no longer shows the last one). */
  async train() {
    await this.page.getByTestId('train.start').click();
    await expect(this.page.getByTestId('train.status')).not.toContainText('Finished');
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
