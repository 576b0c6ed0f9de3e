/**
 * The app as a person uses it, one page object per area of the screen, and the `app` fixture:
 * `test('...', async ({ app, page }) => { await app.open(); await app.data.upload('x.csv'); ... })`.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { DataArea } from './data.ts';
import { EditorArea } from './editor.ts';
import { ProjectsArea } from './projects.ts';
import { TrainingArea } from './training.ts';

export { fixture } from './fixture.ts';

export class App {
  readonly data: DataArea;
  readonly editor: EditorArea;
  readonly training: TrainingArea;
  readonly projects: ProjectsArea;

  constructor(readonly page: Page) {
    this.data = new DataArea(page);
    this.editor = new EditorArea(page);
    this.training = new TrainingArea(page);
    this.projects = new ProjectsArea(page);
  }

  /** Opens the app and waits for the example project's slices. */
  async open() {
    await this.page.goto('/');
    await expect(this.page.getByTestId('slices.table')).toBeVisible();
  }
}

export const test = base.extend<{ app: App }>({
  app: async ({ page }, use) => {
    await use(new App(page));
  },
});

export { expect };
