/**
 * Projects (issue 5, part 5): a project autosaves to IndexedDB as the person works and comes back
 * exactly after a reload, a crash or a closed tab, its last run included; several projects can be
 * created, switched, renamed, deleted, exported to one file and imported back; a failed save says so;
 * the project of the version before projects (localStorage) is migrated on first start.
 */
import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench, fixture } from './workbench.ts';

const PENGUIN_SFS = "export const dream = (row: Row) => row.island === 'dream';\nexport const long_bill = (row: Row) => row.bill_length_mm > 45;\n";

const state = (page: Page) =>
  page.evaluate(() => {
    const s = window.slicewise!.store.getState();
    return { sfSource: s.sfSource, config: s.config, settings: s.settings, final: s.final, history: s.history.length, runSlices: s.runSlices, runClasses: s.runClasses, datasetName: s.datasetName, projectName: s.projectName };
  });

/** Penguins, species label, island only for an SF, a short run of two models. */
async function trainPenguins(app: Workbench) {
  const { page } = app;
  await app.upload('penguins.csv');
  await page.getByLabel('Label column').selectOption('species');
  await page.getByLabel('Split column').selectOption('split');
  await page.getByTestId('data.features').getByRole('checkbox', { name: /island/ }).uncheck();
  await app.replaceSfSource(PENGUIN_SFS);
  await app.applyWithKeyboard();
  await expect(app.sliceCount('dream')).toBeVisible();
  await page.getByLabel('Slice-aware', { exact: true }).uncheck();
  await app.setNumber('Epochs', 8);
  await app.setNumber('Batch size', 16);
  await app.train();
  await app.waitTrained();
}

test('the project autosaves and comes back exactly after a reload, a crash and a closed tab, last run included', async ({ page, context }) => {
  const app = new Workbench(page);
  await app.open();
  await trainPenguins(app);
  await app.waitSaved();
  const before = await state(page);
  const results = await page.getByTestId('results').innerText();
  const status = await page.getByTestId('train.status').innerText();
  expect(before.history).toBeGreaterThan(0);

  const check = async (p: Page) => {
    const again = new Workbench(p);
    await expect(p.getByTestId('project.name')).toHaveText('penguins.csv');
    await expect(p.getByTestId('results')).toBeVisible();
    expect(await p.getByTestId('results').innerText()).toBe(results);
    await expect(p.getByTestId('train.status')).toHaveText(status);
    await expect(p.getByTestId('charts.sliceAccuracy')).toBeVisible();
    await expect(p.getByTestId('charts.loss')).toBeVisible();
    await expect(p.getByLabel('Label column')).toHaveValue('species');
    await expect(p.getByTestId('data.features').getByRole('checkbox', { name: /island/ })).not.toBeChecked();
    await expect(p.getByLabel('Epochs', { exact: true })).toHaveValue(String(before.settings.epochs));
    await expect(again.sliceCount('dream')).toBeVisible();
    expect(await state(p)).toEqual(before);
  };

  // 1. Reload.
  await page.reload();
  await check(page);

  // 2. A crash of the renderer right after an edit, before the debounced save (no unload handlers
  //    run either): the edit comes back all the same.
  await page.getByLabel('Epochs', { exact: true }).fill('9');
  await page.getByLabel('Epochs', { exact: true }).blur();
  before.settings.epochs = 9;
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined); // never answers: the renderer is gone
  await crashed;
  const second = await context.newPage();
  await second.goto('/');
  await check(second);

  // 3. A closed tab: close it, open the app in a new one.
  await page.close().catch(() => undefined);
  await second.close();
  const third = await context.newPage();
  await third.goto('/');
  await check(third);
});

test('several projects: new, rename, switch, export to one file, delete, import back', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await expect(page.getByTestId('projects.current')).toHaveText('Example project');
  await app.renameProject('Circles, my SFs');
  const extra = '\nexport const upper_left = (row: Row) => row.z0 < -0.5 && row.z1 > 0.5;\n';
  const exampleSource = (await state(page)).sfSource;
  await app.replaceSfSource(exampleSource + extra);
  await app.applyWithKeyboard();
  await expect(app.sliceCount('upper_left')).toBeVisible();
  await app.waitSaved();
  const edited = (await state(page)).sfSource; // as the editor took it (Monaco may indent what is typed)
  expect(edited).toContain('upper_left');

  // A second project, from the example: the first project's SF edit is not in it.
  await app.newProject();
  await expect(app.sliceCount('circle_1')).toBeVisible();
  expect((await state(page)).sfSource).toBe(exampleSource);
  await app.renameProject('Penguins');
  await trainPenguins(app);
  await app.waitSaved();
  expect(await app.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);

  // Switch back and forth: each comes back as it was.
  await app.switchProject('Circles, my SFs');
  await expect(page.getByTestId('project.name')).toHaveText(/^Example/);
  await expect(app.sliceCount('upper_left')).toBeVisible();
  expect((await state(page)).sfSource).toBe(edited);
  await expect(page.getByTestId('train.empty')).toBeVisible();
  await app.switchProject('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  const penguins = await state(page);
  const results = await page.getByTestId('results').innerText();

  // Export Penguins (data included) to one file, delete it, import it back.
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-projects-'));
  const file = await app.exportProject(dir);
  expect(file.endsWith('Penguins.slicewise.json')).toBe(true);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.format).toBe('slicewise-project');
  expect(Buffer.from(json.dataset.base64, 'base64').toString('utf8')).toBe(readFileSync(new URL('./fixtures/penguins.csv', import.meta.url), 'utf8'));

  await app.deleteProject();
  await expect(page.getByTestId('projects.current')).toHaveText('Circles, my SFs');
  expect(await app.projectNames()).toEqual(['Circles, my SFs']);

  await app.importProject(file);
  await expect(page.getByTestId('projects.current')).toHaveText('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  expect(await page.getByTestId('results').innerText()).toBe(results);
  expect(await state(page)).toEqual(penguins);
  expect(await app.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);

  // The imported project survives a reload like any other.
  await app.waitSaved();
  await page.reload();
  await expect(page.getByTestId('projects.current')).toHaveText('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  expect(await state(page)).toEqual(penguins);

  // A file that is not a project says so and changes nothing.
  await app.importProject(fixture('penguins.csv'));
  await expect(page.getByTestId('projects.error')).toContainText('penguins.csv: not a Slicewise project file');
  expect(await app.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);
});

test('a failed save says so in the header, keeps the work on screen, and the next save catches up', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await app.waitSaved();
  // The browser's storage starts failing (a full disk, a quota): every IndexedDB write throws.
  await page.evaluate(() => {
    const w = window as unknown as { __put: typeof IDBObjectStore.prototype.put };
    w.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await app.setNumber('Epochs', 11);
  await expect(page.getByTestId('project.save-error')).toContainText('Could not save project "Example project"');
  await expect(page.getByTestId('project.save-error')).toContainText('quota');
  await expect(page.getByTestId('projects.save-status')).toHaveText('Not saved');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('11');
  await page.screenshot({ path: 'test-results-h4/save-failed.png' });

  // Storage works again: the next change saves everything, and the message goes.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = (window as unknown as { __put: typeof IDBObjectStore.prototype.put }).__put;
  });
  await app.setNumber('Learning rate', 0.002);
  await app.waitSaved();
  await expect(page.getByTestId('project.save-error')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('11');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
});

test('the project saved by the version before projects (localStorage + text data) is migrated on first start', async ({ page }) => {
  // Seed what version 1 left behind, on the app's origin, before the app first starts.
  await page.goto('/favicon.svg');
  const csv = readFileSync(new URL('./fixtures/customers.csv', import.meta.url), 'utf8');
  const sf = "export const young = (row: Row) => row.age < 30;\n";
  await page.evaluate(
    async ({ csv, sf }) => {
      localStorage.setItem(
        'slicewise.project.v1',
        JSON.stringify({ datasetName: 'customers.csv', label: 'churned', features: ['age', 'income', 'plan'], splitColumn: null, sfSource: sf, settings: { epochs: 4 }, backend: 'cpu' }),
      );
      // idb-keyval's default database and store.
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onupgradeneeded = () => open.result.createObjectStore('keyval');
        open.onsuccess = () => {
          const tx = open.result.transaction('keyval', 'readwrite');
          tx.objectStore('keyval').put({ name: 'customers.csv', text: csv }, 'slicewise.dataset.v1');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      });
    },
    { csv, sf },
  );
  const app = new Workbench(page);
  await app.open();
  await expect(page.getByTestId('projects.current')).toHaveText('My project (customers.csv)');
  await expect(page.getByTestId('project.name')).toHaveText('customers.csv');
  await expect(page.getByLabel('Label column')).toHaveValue('churned');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
  await expect(app.sliceCount('young')).toBeVisible();
  const s = await state(page);
  expect(s.sfSource).toBe(sf);
  expect(s.config.features).toEqual(['age', 'income', 'plan']);
  await app.waitSaved();

  // Once only: a reload opens the migrated project; it is not migrated again.
  await page.reload();
  await expect(page.getByTestId('projects.current')).toHaveText('My project (customers.csv)');
  expect(await app.projectNames()).toEqual(['My project (customers.csv)']);
});

test('the project menu, screenshot', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await app.renameProject('Churn, March');
  await app.newProject();
  await app.waitSaved();
  await app.openProjectMenu();
  await page.screenshot({ path: 'test-results-h4/project-menu.png', clip: { x: 0, y: 0, width: 900, height: 420 } });
});
