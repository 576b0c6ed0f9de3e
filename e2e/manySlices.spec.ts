/**
 * Hundreds of slices (issue 13): 128 grid-cell SFs typed into the editor, a short training, the results
 * sorted by Δ vs plain and searched by name, and a page that stays the window's width and about the
 * height it has with 8 slices. Screenshots at 8 and 128 slices go to /tmp (many-slices-*.png).
 */
import { type Page } from '@playwright/test';
import { App, test, expect } from './app/index.ts';
import { gridSfNames, gridSfSource } from '../bench/perf/gridSfs.ts';

test.use({ viewport: { width: 1440, height: 900 } });

async function loadGrid(app: App, page: Page, count: number) {
  await app.editor.replaceSfSource(gridSfSource(count));
  await app.editor.applyWithKeyboard();
  await expect(page.getByTestId('slices.shown')).toHaveText(`${count} slices`, { timeout: 60_000 });
  await expect(page.getByTestId('slices.status')).toContainText('Up to date');
}

async function trainBriefly(app: App, page: Page, slices: number) {
  await app.training.train();
  await app.training.waitTrained();
  // The results list every slice of the run (the page shows some of them; the rest scroll).
  await expect(page.getByTestId('results.shown')).toHaveText(`${slices} slices`);
}

/** The page's scrollable size, and the window's. */
const pageSize = (page: Page) =>
  page.evaluate(() => ({
    width: document.scrollingElement!.scrollWidth,
    height: document.scrollingElement!.scrollHeight,
    inner: window.innerWidth,
  }));

/** Slice names of the results rows in the page, top to bottom (the virtualised list renders the top ones). */
const resultRows = (page: Page) =>
  page
    .getByTestId('results.table')
    .locator('tbody tr[data-testid^="results.row."]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('results.row.'.length)));

test('128 slices: sorted by Δ, found by name, and the page neither scrolls sideways nor grows', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new App(page);
  await app.open();
  await app.training.setNumber('Epochs', 2);

  await loadGrid(app, page, 8);
  await trainBriefly(app, page, 8);
  const small = await pageSize(page);
  expect(small.width).toBeLessThanOrEqual(small.inner);
  await page.screenshot({ path: '/tmp/many-slices-8.png', fullPage: true });

  await loadGrid(app, page, 128);
  await trainBriefly(app, page, 128);
  const big = await pageSize(page);
  await page.screenshot({ path: '/tmp/many-slices-128.png', fullPage: true });
  expect(big.width, 'no sideways scroll with 128 slices').toBeLessThanOrEqual(big.inner);
  expect(big.height, `page height with 128 slices (${big.height}) vs 8 (${small.height})`).toBeLessThanOrEqual(1.5 * small.height);
  // Every slice view is on screen and bounded.
  for (const id of ['slices.table', 'results.table', 'charts.sliceAccuracy']) await expect(page.getByTestId(id)).toBeVisible();
  await page.getByTestId('slices.overlap.toggle').click();
  await expect(page.getByTestId('slices.overlap.canvas')).toBeVisible();
  await expect(page.getByTestId('charts.attention.sram.map.canvas')).toBeVisible();

  // Sort the results by the gain over plain: the rows come in the order of the store's own figures.
  await page.getByTestId('results.sort').selectOption('delta');
  const expected = await page.evaluate(() => {
    const s = window.slicewise!.store.getState();
    const model = s.recommendation?.model && s.recommendation.model !== 'plain' ? s.recommendation.model : 'reweighted';
    const gain = (name: string) => s.final[model]!.slices[name]!.accuracy - s.final.plain!.slices[name]!.accuracy;
    return {
      model,
      order: s.runSlices
        .filter((r) => r.validCount > 0)
        .map((r) => r.name)
        .sort((a, b) => gain(b) - gain(a)),
      gains: Object.fromEntries(s.runSlices.map((r) => [r.name, gain(r.name)])),
    };
  });
  await expect(page.getByTestId('results.sort')).toHaveValue('delta');
  const shown = (await resultRows(page)).filter((n) => n !== 'overall');
  expect(shown.length).toBeGreaterThan(5);
  expect(shown.length).toBeLessThan(128); // virtualised: the others are a scroll away
  const gains = shown.slice(0, 5).map((n) => expected.gains[n]!);
  expect(gains, `results sorted by Δ of ${expected.model}`).toEqual([...gains].sort((a, b) => b - a));
  expect(gains[0]).toBe(expected.gains[expected.order[0]!]);

  // Find a slice by name: the filter narrows every view to it.
  const name = gridSfNames(128)[77]!;
  await page.getByTestId('results.filter').fill(name);
  await expect(page.getByTestId(`results.row.${name}`)).toBeVisible();
  expect((await resultRows(page)).filter((n) => n !== 'overall')).toEqual([name]);
  await expect(page.getByTestId(`slices.row.${name}`)).toBeVisible();
  await expect(page.getByTestId('slices.shown')).toHaveText('1 of 128');
  // Pin it, then clear the filter: it stays first in every view whatever the order.
  await page
    .getByTestId('slices.table')
    .getByRole('checkbox', { name: `Pin ${name}` })
    .check();
  await page.getByTestId('results.filter').fill('');
  await expect(page.getByTestId('slices.shown')).toHaveText('128 slices · 1 pinned');
  expect((await resultRows(page)).filter((n) => n !== 'overall')[0]).toBe(name);
  await expect(page.getByTestId('charts.sliceAccuracy').locator('[data-testid^="charts.slice."]').nth(1)).toHaveAttribute(
    'data-testid',
    `charts.slice.${name}`,
  );
  const after = await pageSize(page);
  expect(after.width).toBeLessThanOrEqual(after.inner);
});
