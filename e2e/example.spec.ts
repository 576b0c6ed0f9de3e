import { test, expect } from './app/index.ts';

test('the example project is loaded at once, with its 8 circle slices', async ({ page, app }) => {
  await app.open();
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(page.getByLabel('Label column')).toHaveValue('label');
  for (let j = 1; j <= 8; j++) {
    // Each circle holds ~1.6-1.9% of 20,000 points.
    const n = Number((await app.editor.sliceCount(`circle_${j}`).innerText()).replace(/,/g, ''));
    expect(n).toBeGreaterThan(250);
    expect(n).toBeLessThan(450);
  }
  // The editor shows the SF source, with the Row type known to Monaco (no error markers).
  await app.editor.editorReady();
  await expect(page.locator('.monaco-editor')).toContainText('circles2d, the task of the slice-based learning');
  await expect(page.getByTestId('slices.overlap')).toBeVisible();
  await page.getByTestId('slices.row.circle_3').click();
  await expect(page.getByTestId('slices.rows')).toContainText('circle_3: first');
});

test('one click on Train trains the default models (plain, reweighted, SRAM) and shows the per-slice table', async ({ page, app }) => {
  await app.open();
  await app.training.setNumber('Epochs', 3);
  await app.training.train();
  await expect(page.getByTestId('backend.badge')).toContainText(/wasm|webgl|cpu|webgpu/);
  // On wasm (here: no GPU) SRAM's per-expert work runs in its WebAssembly SIMD kernel, not the JS fallback.
  if ((await page.getByTestId('backend.badge').innerText()).includes('wasm'))
    await expect(page.getByTestId('backend.badge')).toHaveAttribute('title', /SRAM kernel: wasm SIMD/);
  // Live charts appear while it trains.
  await expect(page.getByTestId('charts.sliceAccuracy')).toBeVisible();
  await app.training.waitTrained();
  await expect(page.getByTestId('charts.attention')).toBeVisible();
  await expect(page.getByTestId('charts.loss')).toBeVisible();
  for (const slice of ['overall', 'circle_1', 'circle_8']) {
    for (const model of ['plain', 'reweighted', 'sram']) {
      const acc = await app.training.accuracy(slice, model);
      expect(acc).toBeGreaterThan(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
  }
  // After 3 epochs the overall accuracy is well above chance (the base task is linear).
  expect(await app.training.accuracy('overall', 'plain')).toBeGreaterThan(0.7);
  expect(await app.training.accuracy('overall', 'sram')).toBeGreaterThan(0.7);
  await page.screenshot({ path: 'test-results/example-trained.png', fullPage: true });

  // Same seed, same numbers: a second run gives the very same table; another seed does not.
  const first = await page.getByTestId('results.table').innerText();
  await app.training.train();
  await app.training.waitTrained();
  expect(await page.getByTestId('results.table').innerText()).toBe(first);
  await app.training.setNumber('Seed', 2);
  await app.training.train();
  await app.training.waitTrained();
  expect(await page.getByTestId('results.table').innerText()).not.toBe(first);
});

test('SRAM and the mixture of experts each show how they route every slice over the experts', async ({ page, app }) => {
  await app.open();
  await page.getByLabel('Plain', { exact: true }).uncheck();
  await page.getByLabel('Reweighted', { exact: true }).uncheck();
  await page.getByLabel('Mixture of experts', { exact: true }).check();
  await app.training.setNumber('SRAM temperature', 0.5);
  await app.training.setNumber('Epochs', 2);
  await app.training.train();
  await app.training.waitTrained();
  expect(await page.evaluate(() => window.slicewise!.store.getState().runSettings!.options.sram.temperature)).toBe(0.5);
  for (const [model, title] of [
    ['sram', 'SRAM attention by slice'],
    ['moe', 'Mixture of experts gate by slice'],
  ] as const) {
    const heatmap = page.getByTestId(`charts.attention.${model}`);
    await expect(heatmap).toContainText(title);
    // 8 slices + the 'all' row, 8 experts + base: every row is a distribution over the experts.
    await expect(heatmap.locator('tbody tr')).toHaveCount(9);
    await expect(heatmap.locator('thead th.rot')).toHaveCount(9);
    const summary = await page.evaluate(
      (m) => window.slicewise!.store.getState().history.findLast((h) => h.model === m)!.attention!,
      model,
    );
    expect(summary.experts).toHaveLength(9);
    expect(summary.experts.at(-1)).toBe('base');
    for (const w of summary.weights) expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    await expect(page.getByTestId(`results.cell.overall.${model}`)).toBeVisible();
  }
});
