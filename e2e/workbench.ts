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

  /** Type into the editor at the cursor, key by key (completion and auto-closing react as for a person). */
  async typeInEditor(text: string) {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  /** Ctrl/Cmd+S in the editor: formats, saves and applies. */
  async saveWithKeyboard() {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+S');
  }

  /** The editor's text as shown, one entry per visual line (wrapped lines split; Monaco renders spaces as U+00A0). */
  async editorText(): Promise<string> {
    const lines = await this.page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els) =>
      els
        .map((el) => ({ top: parseFloat((el as HTMLElement).style.top), text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' ')),
    );
    return lines.join('\n');
  }

  /**
   * Walk the file's problems as a person would (Ctrl+Home, then F8 `count` times) and read each:
   * the line the cursor lands on and the message in Monaco's problem widget.
   */
  async problems(count: number): Promise<{ line: number; message: string }[]> {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+Home');
    const widget = this.page.locator('.monaco-editor .marker-widget');
    const found: { line: number; message: string }[] = [];
    for (let k = 0; k < count; k++) {
      if (k === 0) {
        // Markers arrive a moment after an edit (type checking, the SF worker): retry until one shows.
        await expect(async () => {
          await this.page.keyboard.press('F8');
          await expect(widget).toBeVisible({ timeout: 1000 });
        }).toPass();
      } else {
        const previous = await widget.innerText();
        await this.page.keyboard.press('F8');
        await expect(widget).not.toHaveText(previous);
      }
      const message = await widget.innerText();
      const line = Number(await this.page.locator('.monaco-editor .line-numbers.active-line-number').innerText());
      found.push({ line, message });
    }
    await this.page.keyboard.press('Escape');
    return found;
  }

  async firstProblem(): Promise<{ line: number; message: string }> {
    return (await this.problems(1))[0]!;
  }

  /** The problems listed under the editor. */
  sfErrors() {
    return this.page.getByTestId('slices.errors');
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

  // --- Projects (the header's project menu) and monitoring (h4) ---

  /** Wait until the open project is saved in the browser (the header says "Saved"). */
  async waitSaved() {
    await expect(this.page.getByTestId('projects.save-status')).toHaveText('Saved');
  }

  async openProjectMenu() {
    const popover = this.page.getByTestId('projects.popover');
    if (!(await popover.isVisible())) await this.page.getByTestId('projects.menu').click();
    await expect(popover).toBeVisible();
    return popover;
  }

  /** The names in the project menu's list, in order. */
  async projectNames(): Promise<string[]> {
    const popover = await this.openProjectMenu();
    const names = await popover.getByTestId('projects.list').locator('button .grow').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return names;
  }

  async renameProject(name: string) {
    await this.openProjectMenu();
    await this.page.getByTestId('projects.rename').click();
    await this.page.getByLabel('Project name').fill(name);
    await this.page.getByLabel('Project name').press('Enter');
    await expect(this.page.getByTestId('projects.current')).toHaveText(name);
    await this.page.keyboard.press('Escape');
  }

  /** New project (the built-in example); waits until it is on screen. */
  async newProject() {
    await this.openProjectMenu();
    await this.page.getByTestId('projects.new').click();
    await expect(this.page.getByTestId('projects.current')).toHaveText(/Untitled project/);
    await expect(this.page.getByTestId('slices.table')).toBeVisible();
  }

  async switchProject(name: string) {
    const popover = await this.openProjectMenu();
    await popover.getByTestId('projects.list').getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect(this.page.getByTestId('projects.current')).toHaveText(name);
  }

  /** Export the open project through the menu; returns the downloaded file's path. */
  async exportProject(dir: string): Promise<string> {
    await this.openProjectMenu();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('projects.export').click()]);
    const path = `${dir}/${download.suggestedFilename()}`;
    await download.saveAs(path);
    await this.page.keyboard.press('Escape');
    return path;
  }

  async importProject(path: string) {
    await this.openProjectMenu();
    await this.page.getByTestId('projects.import').setInputFiles(path);
  }

  async deleteProject() {
    await this.openProjectMenu();
    await this.page.getByTestId('projects.delete').click();
    await this.page.getByTestId('projects.delete-confirm').click();
  }

  /** Open the monitoring view and score the last run's models on a fixture file. */
  async monitor(name: string) {
    if (!(await this.page.getByTestId('monitor.view').isVisible())) await this.page.getByTestId('monitor.open').click();
    await this.page.getByLabel('New data file').setInputFiles(fixture(name));
  }
}
