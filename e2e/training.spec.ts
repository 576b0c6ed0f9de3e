import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, test, expect } from './app/index.ts';

test('a 3-class dataset trains the three default models, with a slice on a column the model does not read', async ({ page, app }) => {
  await app.open();
  await app.data.upload('penguins.csv');
  await page.getByLabel('Label column').selectOption('species');
  await page.getByLabel('Split column').selectOption('split');
  // island is metadata for the SF only: untick it as a feature.
  await page.getByTestId('data.features').getByRole('checkbox', { name: 'island' }).uncheck();
  await app.editor.replaceSfSource(
    "export const dream = (row: Row) => row.island === 'dream';\nexport const long_bill = (row: Row) => row.bill_length_mm > 45;\n",
  );
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('dream')).toBeVisible();
  await expect(page.getByLabel('Reweighted', { exact: true })).toBeChecked();
  await app.training.setNumber('Epochs', 25);
  await app.training.setNumber('Batch size', 16);
  await app.training.train();
  await app.training.waitTrained();
  for (const model of ['plain', 'reweighted', 'sram']) {
    // Three classes: chance is 1/3; the species are mostly separable, on Dream island too.
    expect(await app.training.accuracy('overall', model)).toBeGreaterThan(0.6);
    expect(await app.training.accuracy('dream', model)).toBeGreaterThan(0.4);
  }
  const classes = await page.evaluate(() => window.slicewise!.store.getState().final.plain!.overall.confusion.length);
  expect(classes).toBe(3);

  // Download the recommended model and serve it headless, without any SF: its accuracy on the valid
  // rows equals what the app shows.
  const recommended = await page.evaluate(() => window.slicewise!.store.getState().recommendation!.model);
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-export-'));
  const downloads: string[] = [];
  page.on('download', async (d) => {
    await d.saveAs(join(dir, d.suggestedFilename()));
    downloads.push(d.suggestedFilename());
  });
  await page.getByTestId('train.export.recommended').click();
  await expect.poll(() => downloads.sort().join(',')).toBe('model.json,weights.bin');
  const out = join(dir, 'pred.csv');
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('node', ['bin/slicewise.mjs', 'predict', '--model', dir, '--data', fixture('penguins.csv'), '--out', out], { cwd: root });
  const data = readFileSync(fixture('penguins.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const predicted = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  expect(predicted).toHaveLength(data.length);
  let n = 0,
    correct = 0;
  data.forEach((row, i) => {
    if (row[5] !== 'valid') return;
    n++;
    if (predicted[i] === row[4]) correct++;
  });
  expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).kind).toBe(recommended);
  expect((100 * correct) / n).toBeCloseTo((await app.training.accuracy('overall', recommended)) * 100, 1);
});

test('a diverging training says so and loses nothing; Stop ends a run early', async ({ page, app }) => {
  await app.open();
  const source = await page.evaluate(() => window.slicewise!.store.getState().sfSource);
  await app.training.setNumber('Learning rate', 1e6);
  await app.training.setNumber('Epochs', 3);
  await app.training.train();
  await expect(page.getByTestId('train.diverged.plain')).toContainText('diverged');
  await expect(page.getByTestId('train.diverged.sram')).toContainText('learning rate');
  expect(await page.evaluate(() => window.slicewise!.store.getState().sfSource)).toBe(source);
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();

  // A sane learning rate trains again; Stop ends it after the first epoch shows up.
  await app.training.setNumber('Learning rate', 0.001);
  await app.training.setNumber('Epochs', 200);
  await app.training.train();
  await expect(page.getByTestId('train.status')).toContainText(/Epoch \d+ of 200/);
  await page.getByTestId('train.stop').click();
  await expect(page.getByTestId('train.status')).toContainText('Stopped');
  const epochs = await page.evaluate(() => Math.max(...window.slicewise!.store.getState().history.map((h) => h.epoch)));
  expect(epochs).toBeLessThan(200);
  await expect(page.getByTestId('results.row.circle_1')).toBeVisible();
});

test('loading other data during a training discards that run: nothing of it reaches the new project', async ({ page, app }) => {
  await app.open();
  await app.training.setNumber('Epochs', 200);
  await app.training.train();
  await expect(page.getByTestId('train.status')).toContainText(/Epoch \d+ of 200/);
  await app.data.upload('customers.csv');
  await expect(page.getByTestId('train.empty')).toBeVisible();
  await expect(page.getByTestId('results')).toHaveCount(0);
  await expect(page.getByTestId('train.start')).toBeEnabled();
  // A 1-epoch run on the new data: the worker answers in order, so every late message of the old
  // run has arrived (and must have been dropped) by the time this one finishes.
  await page.getByLabel('Label column').selectOption('churned');
  await app.training.setNumber('Epochs', 1);
  await app.training.train();
  await app.training.waitTrained();
  const epochs = await page.evaluate(() => window.slicewise!.store.getState().history.map((h) => h.epoch));
  // one epoch report per ticked model (plain, reweighted, SRAM), none of the old run's
  expect(epochs).toEqual([1, 1, 1]);
});
