import { test, expect } from '@playwright/test';
import { Workbench } from './workbench.ts';

test('the example project is loaded at once, with its 8 circle slices', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(page.getByLabel('Label column')).toHaveValue('label');
  for (let j = 1; j <= 8; j++) {
    // Each circle holds ~1.6-1.9% of 20,000 points.
    const n = Number((await app.sliceCount(`circle_${j}`).innerText()).replace(/,/g, ''));
    expect(n).toBeGreaterThan(250);
    expect(n).toBeLessThan(450);
  }
  // The editor shows the SF source, with the Row type known to Monaco (no error markers).
  await app.editorReady();
  await expect(page.locator('.monaco-editor')).toContainText('circles2d, the task of the slice-based learning');
  await expect(page.getByTestId('slices.overlap')).toBeVisible();
  await page.getByTestId('slices.row.circle_3').click();
  await expect(page.getByTestId('slices.rows')).toContainText('circle_3: first');
});

test('one click on Train trains plain and slice-aware models and shows the per-slice table', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await app.setNumber('Epochs', 3);
  await app.train();
  await expect(page.getByTestId('backend.badge')).toContainText(/wasm|webgl|cpu|webgpu/);
  // Live charts appear while it trains.
  await expect(page.getByTestId('charts.sliceAccuracy')).toBeVisible();
  await app.waitTrained();
  await expect(page.getByTestId('charts.attention')).toBeVisible();
  await expect(page.getByTestId('charts.loss')).toBeVisible();
  for (const slice of ['overall', 'circle_1', 'circle_8']) {
    for (const model of ['plain', 'sliceAware']) {
      const acc = await app.accuracy(slice, model);
      expect(acc).toBeGreaterThan(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
  }
  // After 3 epochs the overall accuracy is well above chance (the base task is linear).
  expect(await app.accuracy('overall', 'plain')).toBeGreaterThan(0.7);
  expect(await app.accuracy('overall', 'sliceAware')).toBeGreaterThan(0.7);
  await page.screenshot({ path: 'test-results/example-trained.png', fullPage: true });

  // Same seed, same numbers: a second run gives the very same table; another seed does not.
  const first = await page.getByTestId('results.table').innerText();
  await app.train();
  await app.waitTrained();
  expect(await page.getByTestId('results.table').innerText()).toBe(first);
  await app.setNumber('Seed', 2);
  await app.train();
  await app.waitTrained();
  expect(await page.getByTestId('results.table').innerText()).not.toBe(first);
});

test('the reference SRAM is selectable and shows its attention over the slice experts', async ({ page }) => {
  const app = new Workbench(page);
  await app.open();
  await page.getByLabel('Slice-aware structure').selectOption('reference');
  await page.getByLabel('Plain').uncheck();
  await page.getByLabel('Reweighted').uncheck();
  await app.setNumber('Epochs', 2);
  await app.train();
  await app.waitTrained();
  const attention = page.getByTestId('charts.attention');
  await expect(attention).toContainText('Attention by slice');
  // 8 slices + the 'all' row, 8 experts + base: every row is a distribution over the experts.
  const rows = attention.locator('tbody tr');
  await expect(rows).toHaveCount(9);
  const summary = await page.evaluate(() => window.slicewise!.store.getState().history.at(-1)!.attention!);
  expect(summary.experts).toHaveLength(9);
  for (const w of summary.weights) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  await expect(page.getByTestId('results.cell.overall.sliceAware')).toBeVisible();
});
