/** The header's project menu, and monitoring new data. Finds things the way a person does (roles, labels, dotted test ids). */
import { expect, type Page } from '@playwright/test';
import { fixture } from './fixture.ts';

export class ProjectsArea {
  constructor(readonly page: Page) {}

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
    await popover
      .getByTestId('projects.list')
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
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
