/**
 * Projects (issue 5, part 5): a project autosaves to IndexedDB as the person works and comes back
 * exactly after a reload, a crash or a closed tab, its last run included; several projects can be
 * created, switched, renamed, deleted, exported to one file and imported back; a failed save says so;
 * the project of the version before projects (localStorage) is migrated on first start.
 */
import { type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, fixture, test, expect } from './app/index.ts';

const PENGUIN_SFS =
  "export const dream = (row: Row) => row.island === 'dream';\nexport const long_bill = (row: Row) => row.bill_length_mm > 45;\n";

const state = (page: Page) =>
  page.evaluate(() => {
    const s = window.slicewise!.store.getState();
    return {
      sfSource: s.sfSource,
      config: s.config,
      settings: s.settings,
      final: s.final,
      history: s.history.length,
      runSlices: s.runSlices,
      runClasses: s.runClasses,
      parameters: s.parameters,
      recommendation: s.recommendation,
      datasetName: s.datasetName,
      projectName: s.projectName,
    };
  });

/** Penguins, species label, island only for an SF, a short run of two models. */
async function trainPenguins(app: App) {
  const { page } = app;
  await app.data.upload('penguins.csv');
  await page.getByLabel('Label column').selectOption('species');
  await page.getByLabel('Split column').selectOption('split');
  await page
    .getByTestId('data.features')
    .getByRole('checkbox', { name: /island/ })
    .uncheck();
  await app.editor.replaceSfSource(PENGUIN_SFS);
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('dream')).toBeVisible();
  await page.getByLabel('SRAM', { exact: true }).uncheck();
  await app.training.setNumber('Epochs', 8);
  await app.training.setNumber('Batch size', 16);
  await app.training.train();
  await app.training.waitTrained();
}

test('the project autosaves and comes back exactly after a reload, a crash and a closed tab, last run included', async ({
  page,
  context,
  app,
}) => {
  await app.open();
  await trainPenguins(app);
  await app.projects.waitSaved();
  const before = await state(page);
  const results = await page.getByTestId('results').innerText();
  const status = await page.getByTestId('train.status').innerText();
  expect(before.history).toBeGreaterThan(0);

  const check = async (p: Page) => {
    const again = new App(p);
    await expect(p.getByTestId('project.name')).toHaveText('penguins.csv');
    await expect(p.getByTestId('results')).toBeVisible();
    expect(await p.getByTestId('results').innerText()).toBe(results);
    await expect(p.getByTestId('train.status')).toHaveText(status);
    await expect(p.getByTestId('charts.sliceAccuracy')).toBeVisible();
    await expect(p.getByTestId('charts.loss')).toBeVisible();
    await expect(p.getByLabel('Label column')).toHaveValue('species');
    await expect(p.getByTestId('data.features').getByRole('checkbox', { name: /island/ })).not.toBeChecked();
    await expect(p.getByLabel('Epochs', { exact: true })).toHaveValue(String(before.settings.epochs));
    await expect(again.editor.sliceCount('dream')).toBeVisible();
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

test('several projects: new, rename, switch, export to one file, delete, import back', async ({ page, app }) => {
  await app.open();
  await expect(page.getByTestId('projects.current')).toHaveText('Example project');
  await app.projects.renameProject('Circles, my SFs');
  const extra = '\nexport const upper_left = (row: Row) => row.z0 < -0.5 && row.z1 > 0.5;\n';
  const exampleSource = (await state(page)).sfSource;
  await app.editor.replaceSfSource(exampleSource + extra);
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('upper_left')).toBeVisible();
  await app.projects.waitSaved();
  const edited = (await state(page)).sfSource; // as the editor took it (Monaco may indent what is typed)
  expect(edited).toContain('upper_left');

  // A second project, from the example: the first project's SF edit is not in it.
  await app.projects.newProject();
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
  expect((await state(page)).sfSource).toBe(exampleSource);
  await app.projects.renameProject('Penguins');
  await trainPenguins(app);
  await app.projects.waitSaved();
  expect(await app.projects.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);

  // Switch back and forth: each comes back as it was.
  await app.projects.switchProject('Circles, my SFs');
  await expect(page.getByTestId('project.name')).toHaveText(/^Example/);
  await expect(app.editor.sliceCount('upper_left')).toBeVisible();
  expect((await state(page)).sfSource).toBe(edited);
  await expect(page.getByTestId('train.empty')).toBeVisible();
  await app.projects.switchProject('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  const penguins = await state(page);
  const results = await page.getByTestId('results').innerText();

  // Export Penguins (data included) to one file, delete it, import it back.
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-projects-'));
  const file = await app.projects.exportProject(dir);
  expect(file.endsWith('Penguins.slicewise.json')).toBe(true);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.format).toBe('slicewise-project');
  expect(Buffer.from(json.dataset.base64, 'base64').toString('utf8')).toBe(
    readFileSync(new URL('./fixtures/penguins.csv', import.meta.url), 'utf8'),
  );

  await app.projects.deleteProject();
  await expect(page.getByTestId('projects.current')).toHaveText('Circles, my SFs');
  expect(await app.projects.projectNames()).toEqual(['Circles, my SFs']);

  await app.projects.importProject(file);
  await expect(page.getByTestId('projects.current')).toHaveText('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  expect(await page.getByTestId('results').innerText()).toBe(results);
  expect(await state(page)).toEqual(penguins);
  expect(await app.projects.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);

  // The imported project survives a reload like any other.
  await app.projects.waitSaved();
  await page.reload();
  await expect(page.getByTestId('projects.current')).toHaveText('Penguins');
  await expect(page.getByTestId('project.name')).toHaveText('penguins.csv');
  await expect(page.getByTestId('results')).toBeVisible();
  expect(await state(page)).toEqual(penguins);

  // A file that is not a project says so and changes nothing.
  await app.projects.importProject(fixture('penguins.csv'));
  await expect(page.getByTestId('projects.error')).toContainText('penguins.csv: not a Slicewise project file');
  expect(await app.projects.projectNames()).toEqual(['Circles, my SFs', 'Penguins']);
});

test('a failed save says so in the header, keeps the work on screen, and the next save catches up', async ({ page, app }) => {
  await app.open();
  await app.projects.waitSaved();
  // The browser's storage starts failing (a full disk, a quota): every IndexedDB write throws.
  await page.evaluate(() => {
    const w = window as unknown as { __put: typeof IDBObjectStore.prototype.put };
    w.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await app.training.setNumber('Epochs', 11);
  await expect(page.getByTestId('project.save-error')).toContainText('Could not save project "Example project"');
  await expect(page.getByTestId('project.save-error')).toContainText('quota');
  await expect(page.getByTestId('projects.save-status')).toHaveText('Not saved');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('11');
  await page.screenshot({ path: 'test-results-h4/save-failed.png' });

  // Storage works again: the next change saves everything, and the message goes.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = (window as unknown as { __put: typeof IDBObjectStore.prototype.put }).__put;
  });
  await app.training.setNumber('Learning rate', 0.002);
  await app.projects.waitSaved();
  await expect(page.getByTestId('project.save-error')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('11');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.002');
});

test('the project saved by the version before projects (localStorage + text data) is migrated on first start', async ({ page }) => {
  // Seed what version 1 left behind, on the app's origin, before the app first starts.
  await page.goto('/favicon.svg');
  const csv = readFileSync(new URL('./fixtures/customers.csv', import.meta.url), 'utf8');
  const sf = 'export const young = (row: Row) => row.age < 30;\n';
  await page.evaluate(
    async ({ csv, sf }) => {
      localStorage.setItem(
        'slicewise.project.v1',
        JSON.stringify({
          datasetName: 'customers.csv',
          label: 'churned',
          features: ['age', 'income', 'plan'],
          splitColumn: null,
          sfSource: sf,
          settings: { epochs: 4 },
          backend: 'cpu',
        }),
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
  const app = new App(page);
  await app.open();
  await expect(page.getByTestId('projects.current')).toHaveText('My project (customers.csv)');
  await expect(page.getByTestId('project.name')).toHaveText('customers.csv');
  await expect(page.getByLabel('Label column')).toHaveValue('churned');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
  await expect(app.editor.sliceCount('young')).toBeVisible();
  const s = await state(page);
  expect(s.sfSource).toBe(sf);
  expect(s.config.features).toEqual(['age', 'income', 'plan']);
  await app.projects.waitSaved();

  // Once only: a reload opens the migrated project; it is not migrated again.
  await page.reload();
  await expect(page.getByTestId('projects.current')).toHaveText('My project (customers.csv)');
  expect(await app.projects.projectNames()).toEqual(['My project (customers.csv)']);
});

test("a project file exported before the six models opens: its slice-aware settings and run become SRAM's", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new App(page);
  await app.open();
  // What an export of the example looked like with models plain / reweighted / sliceAware.
  const metrics = (accuracy: number) => ({
    support: 4000,
    accuracy,
    precision: accuracy,
    recall: accuracy,
    f1: accuracy,
    accuracyCi: [accuracy - 0.01, accuracy + 0.01],
    confusion: [
      [1, 0],
      [0, 1],
    ],
  });
  const report = (model: string, accuracy: number) => ({
    model,
    epoch: 1,
    trainLoss: 0.5,
    seconds: 1,
    valid: { overall: metrics(accuracy), slices: {} },
  });
  const settings = {
    models: ['plain', 'reweighted', 'sliceAware'],
    epochs: 12,
    learningRate: 0.001,
    batchSize: 256,
    hiddenSize: 64,
    seed: 1,
    temperature: 0.1,
    confidence: 'maxProb',
    sliceWeight: 5,
    sram: 'slicewise',
    sramOptions: {},
  };
  const old = {
    format: 'slicewise-project',
    version: 1,
    exportedAt: '2025-01-01T00:00:00.000Z',
    project: {
      name: 'Before six models',
      datasetName: null,
      config: { label: 'label', features: ['f0', 'f1', 'f2', 'f3'], splitColumn: 'split', validFraction: 0.2, testFraction: 0, types: {} },
      sfSource: 'export const right = (row: Row) => row.z0 > 0;\n',
      settings,
      backend: 'auto',
      run: {
        status: 'done',
        trainMessage: 'Finished in 9.9 s.',
        history: [report('plain', 0.8), report('reweighted', 0.81), report('sliceAware', 0.82)],
        final: {
          plain: report('plain', 0.8).valid,
          reweighted: report('reweighted', 0.81).valid,
          sliceAware: report('sliceAware', 0.82).valid,
        },
        diverged: [],
        runSlices: [],
        runSettings: settings,
        runClasses: ['0', '1'],
        predictions: {},
      },
    },
    dataset: null,
  };
  const file = join(mkdtempSync(join(tmpdir(), 'slicewise-old-')), 'before.slicewise.json');
  writeFileSync(file, JSON.stringify(old));
  await app.projects.importProject(file);
  await expect(page.getByTestId('projects.current')).toHaveText('Before six models');
  await expect(page.getByTestId('projects.error')).toHaveCount(0);
  // Settings: sliceAware is SRAM now, with the old temperature; the in-slice weight is reweighted's.
  for (const label of ['Plain', 'Reweighted', 'SRAM']) await expect(page.getByLabel(label, { exact: true })).toBeChecked();
  await expect(page.getByLabel('Mixture of experts', { exact: true })).not.toBeChecked();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('12');
  await expect(page.getByLabel('Reweighted weight', { exact: true })).toHaveValue('5');
  await expect(page.getByLabel('SRAM temperature', { exact: true })).toHaveValue('0.1');
  await expect(page.getByLabel('Objective')).toHaveValue('meanSlice');
  // The old run's results are on screen under SRAM, without parameter counts (they were not saved then).
  await expect(page.getByTestId('results.cell.overall.sram')).toContainText('82.0%');
  await expect(page.getByTestId('results.params.sram')).toHaveText('–');
  await expect(page.getByTestId('train.status')).toHaveText('Finished in 9.9 s.');
  const s = await page.evaluate(() => window.slicewise!.store.getState().settings);
  expect(Object.keys(s).sort()).toEqual(['batchSize', 'epochs', 'hiddenSize', 'learningRate', 'models', 'objective', 'options', 'seed']);
  // A new run of the opened project trains.
  await app.training.setNumber('Epochs', 1);
  await app.training.train();
  await app.training.waitTrained();
  await expect(page.getByTestId('train.recommendation')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the project menu, screenshot', async ({ page, app }) => {
  await app.open();
  await app.projects.renameProject('Churn, March');
  await app.projects.newProject();
  await app.projects.waitSaved();
  await app.projects.openProjectMenu();
  await page.screenshot({ path: 'test-results-h4/project-menu.png', clip: { x: 0, y: 0, width: 900, height: 420 } });
});
