/** The SF editor (Monaco) and the slice table it feeds. Finds things the way a person does (roles, labels, dotted test ids). */
import { expect, type Page } from '@playwright/test';

export class EditorArea {
  constructor(readonly page: Page) {}

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
}
