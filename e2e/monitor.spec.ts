/**
 * Monitoring new data (issue 5, part 6): with the models of a finished run, load next month's data
 * (same columns), see every slice's accuracy on it beside its training-time accuracy, and the
 * slices whose accuracy dropped most first and highlighted.
 *
 * Fixture: e2e/fixtures/circles-next-month.csv (circlesNextMonth.ts): the example's columns and
 * feature embedding, new points, and two swapped sensors in the bottom band (z1 < -0.5), so a model
 * trained on the example gets that band wrong and the rest about as right as before.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, test, expect } from './app/index.ts';

const BANDS = '\nexport const bottom_band = (row: Row) => row.z1 < -0.5;\nexport const top_band = (row: Row) => row.z1 > 0.5;\n';

const pctOf = (text: string) => {
  const m = /(-?[\d.]+)%/.exec(text);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]) / 100;
};

/** The example with two band SFs added, and a short run of the plain model. */
async function trainWithBands(app: App) {
  const { page } = app;
  const source = await page.evaluate(() => window.slicewise!.store.getState().sfSource);
  await app.editor.replaceSfSource(source + BANDS);
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('bottom_band')).toBeVisible();
  await page.getByLabel('Reweighted', { exact: true }).uncheck();
  await page.getByLabel('SRAM', { exact: true }).uncheck();
  await app.training.setNumber('Epochs', 3);
  await app.training.train();
  await app.training.waitTrained();
}

test("next month's data: per-slice accuracy beside training time, the largest drops first and highlighted", async ({ page, app }) => {
  await app.open();

  // Before any training there is nothing to monitor, and the view says so.
  await page.getByTestId('monitor.open').click();
  await expect(page.getByTestId('monitor.view')).toContainText('Train first');
  await expect(page.getByLabel('New data file')).toBeDisabled();
  await page.getByTestId('monitor.close').click();

  // Two SFs of our own next to the example's circles, then a short run of the plain model.
  await trainWithBands(app);
  const trainedOverall = await app.training.accuracy('overall', 'plain');
  const trainedBottom = await app.training.accuracy('bottom_band', 'plain');
  const trainedTop = await app.training.accuracy('top_band', 'plain');
  expect(trainedOverall).toBeGreaterThan(0.75);

  // A file without the model's columns: the message names them.
  await app.projects.monitor('customers.csv');
  await expect(page.getByTestId('monitor.error')).toContainText('customers.csv lacks');
  await expect(page.getByTestId('monitor.error')).toContainText('"z1"');
  await expect(page.getByTestId('monitor.error')).toContainText('"f0"');
  await expect(page.getByTestId('monitor.error')).toContainText('"label"');

  // Next month's data.
  await app.projects.monitor('circles-next-month.csv');
  await expect(page.getByTestId('monitor.result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('monitor.result')).toContainText('circles-next-month.csv: 2,000 rows, 2,000 scored');

  // Training-time figures are the results table's own.
  expect(pctOf(await page.getByTestId('monitor.before.overall').innerText())).toBeCloseTo(trainedOverall, 3);
  expect(pctOf(await page.getByTestId('monitor.before.bottom_band').innerText())).toBeCloseTo(trainedBottom, 3);
  expect(pctOf(await page.getByTestId('monitor.before.top_band').innerText())).toBeCloseTo(trainedTop, 3);

  // The swapped sensors wreck the bottom band; the top band is as before (within a few points).
  const bottomNow = pctOf(await page.getByTestId('monitor.after.bottom_band').innerText());
  const topNow = pctOf(await page.getByTestId('monitor.after.top_band').innerText());
  expect(bottomNow).toBeLessThan(trainedBottom - 0.3);
  expect(Math.abs(topNow - trainedTop)).toBeLessThan(0.08);

  // The largest drop is listed first, flagged beyond noise, and its row is highlighted.
  const drops = page.getByTestId('monitor.drops').locator('li');
  await expect(drops.first()).toContainText('bottom_band');
  await expect(drops.first()).toContainText('beyond noise');
  await expect(page.getByTestId('monitor.row.bottom_band')).toHaveAttribute('data-highlighted', 'true');
  await expect(page.getByTestId('monitor.row.top_band')).not.toHaveAttribute('data-highlighted', 'true');
  await expect(page.getByTestId('monitor.row.circle_1')).toBeVisible();
  await page.getByTestId('monitor.view').screenshot({ path: 'test-results-h4/monitor.png' });
});

test("an exported model monitors new data after a reload, against its accuracy on the project's data", async ({ page, app }) => {
  await app.open();
  await trainWithBands(app);
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-monitor-'));
  const saved: string[] = [];
  page.on('download', async (d) => {
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    saved.push(path);
  });
  // Only plain trained, so it is the recommended model: the primary download.
  await expect(page.getByTestId('train.export.recommended')).toHaveText('Download recommended (Plain)');
  await page.getByTestId('train.export.recommended').click();
  await expect.poll(() => saved.length).toBe(2);
  await app.projects.waitSaved();

  // After a reload the run's results come back, but its models are gone with the old worker.
  await page.reload();
  await expect(page.getByTestId('results')).toBeVisible();
  await app.projects.monitor('circles-next-month.csv');
  await expect(page.getByTestId('monitor.error')).toContainText('no trained model in this session');

  // The downloaded model (both files chosen together) monitors instead.
  await page.getByLabel('Exported model files').setInputFiles(saved);
  await expect(page.getByTestId('monitor.source')).toContainText('model.json');
  await expect(page.getByTestId('monitor.source')).toContainText('Plain');
  await app.projects.monitor('circles-next-month.csv');
  await expect(page.getByTestId('monitor.result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('monitor.table')).toContainText("Accuracy on the project's data");
  const drops = page.getByTestId('monitor.drops').locator('li');
  await expect(drops.first()).toContainText('bottom_band');
  await expect(page.getByTestId('monitor.row.bottom_band')).toHaveAttribute('data-highlighted', 'true');
  // On the project's own rows the model is about as accurate as at training time.
  const reference = pctOf(await page.getByTestId('monitor.before.overall').innerText());
  const trained = await app.training.accuracy('overall', 'plain');
  expect(Math.abs(reference - trained)).toBeLessThan(0.05);
  await page.getByTestId('monitor.view').screenshot({ path: 'test-results-h4/monitor-imported.png' });
});
