import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { App, test, expect } from './app/index.ts';

const ROWS = 1_000_000;
const GROUPS = ['north', 'south', 'east'];
/** Row i (0-based) of the generated file: x runs through k/1000 for every k once per 1,000 rows. */
const xOf = (i: number) => ((i * 7919) % 1000) / 1000;

/** A 1M-row CSV (id, x, group, label), about 24 MB, written by the spec itself. */
async function writeMillionRows(path: string) {
  const out = createWriteStream(path);
  out.write('id,x,group,label\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const x = xOf(i);
    chunk += `${i + 1},${x},${GROUPS[i % 3]},${x > 0.5 ? 'yes' : 'no'}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

test('a million rows: the virtualised table scrolls to the end, and a slice filter shows its rows', async ({ page }, info) => {
  test.setTimeout(300_000);
  const file = info.outputPath('million.csv');
  await writeMillionRows(file);
  const app = new App(page);
  await app.open();
  await app.data.uploadPath(file, 240_000);
  await expect(page.getByTestId('data.rows')).toHaveText('1,000,000');

  await app.data.openColumnSummaries();
  await expect(page.getByTestId('data.summary.x')).toContainText(/0 … 0\.999, mean 0\.(499|5)\b/);
  await expect(page.getByTestId('data.summary.group')).toContainText('3 levels');

  await app.data.openRows();
  const scroller = page.getByTestId('dataview.scroller');
  await expect(page.getByTestId('dataview.count')).toHaveText('1,000,000 of 1,000,000 rows');
  await expect(page.getByTestId('dataview.row.1')).toBeVisible();
  // Only the rows in view (and a few more) are in the page.
  expect(await page.locator('[data-testid^="dataview.row."]').count()).toBeLessThan(60);
  // Numbers are right-aligned; the label comes first.
  const firstRow = page.getByTestId('dataview.row.1');
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('no');
  await expect(firstRow.getByRole('cell').filter({ hasText: /^0$/ }).first()).toHaveCSS('text-align', 'right');

  // Scroll as a person would: the wheel a few times, then the End key on the focused table.
  await scroller.hover();
  for (let k = 0; k < 5; k++) await page.mouse.wheel(0, 4000);
  await expect(page.getByTestId('dataview.row.1')).toHaveCount(0);
  // Mid-table the rendered rows are still one unbroken run (the scaled scroll skips none).
  const rendered = await page
    .locator('[data-testid^="dataview.row."]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.split('.')[2])).sort((a, b) => a - b));
  expect(rendered[0]).toBeGreaterThan(1000);
  expect(rendered.every((r, k) => k === 0 || r === rendered[k - 1]! + 1)).toBe(true);
  await scroller.focus();
  await page.keyboard.press('End');
  const last = page.getByTestId(`dataview.row.${ROWS}`);
  await expect(last).toBeVisible();
  await expect(last).toContainText('1,000,000');
  await expect(last).toContainText(String(xOf(ROWS - 1)));
  await expect(last).toContainText(GROUPS[(ROWS - 1) % 3]!);
  expect(await page.locator('[data-testid^="dataview.row."]').count()).toBeLessThan(60);
  await scroller.screenshot({ path: 'test-results/h5-million-end.png' });

  // A slice over the million rows: x > 0.9 holds for k = 901..999 of every 1,000 rows.
  await app.editor.replaceSfSource('export const high_x = (row: Row) => row.x > 0.9;\n');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('high_x')).toHaveText('99,000', { timeout: 60_000 });
  await page.getByTestId('dataview.filter').selectOption({ label: 'Slice high_x (99,000)' });
  await expect(page.getByTestId('dataview.count')).toHaveText('99,000 of 1,000,000 rows');
  // The first row of the slice is the first row with x > 0.9 (computed here, not read from the app).
  let first = 0;
  while (!(xOf(first) > 0.9)) first++;
  await expect(page.getByTestId(`dataview.row.${first + 1}`)).toBeVisible();
  await scroller.focus();
  await page.keyboard.press('End');
  let lastIn = ROWS - 1;
  while (!(xOf(lastIn) > 0.9)) lastIn--;
  await expect(page.getByTestId(`dataview.row.${lastIn + 1}`)).toBeVisible();
});

test('after training, the data view shows each model’s prediction per row and marks the wrong ones', async ({ page, app }) => {
  await app.open();
  await app.data.openRows();
  await expect(page.getByText('Predictions appear here once a run finishes.')).toBeVisible();
  // circles2d has 68 columns: only those in view are in the page; scrolling right brings the last.
  const grid = page.getByTestId('dataview.scroller');
  expect(await grid.getByRole('columnheader').count()).toBeLessThan(30);
  await page.getByTestId('dataview.scroller').hover();
  await page.mouse.wheel(20_000, 0);
  await expect(grid.getByRole('columnheader', { name: 'split', exact: true })).toBeVisible();
  await expect(page.getByTestId('dataview.row.1').getByRole('cell').last()).toHaveText('train');
  await page.mouse.wheel(-20_000, 0);
  await app.training.setNumber('Epochs', 2);
  await app.training.train();
  await app.training.waitTrained();

  await expect(grid.getByRole('columnheader', { name: 'Plain predicts' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'SRAM predicts' })).toBeVisible();
  // Only the rows the plain model gets wrong: every one is marked, and differs from its label.
  await page.getByTestId('dataview.filter').selectOption({ label: 'Rows Plain gets wrong' });
  const countText = await page.getByTestId('dataview.count').innerText();
  const wrong = Number(/^([\d,]+) of/.exec(countText)![1]!.replace(/,/g, ''));
  expect(wrong).toBeGreaterThan(0);
  expect(wrong).toBeLessThan(20_000 / 2);
  const rows = page.locator('[data-testid^="dataview.row."]');
  const n = Math.min(5, await rows.count());
  for (let k = 0; k < n; k++) {
    const cells = rows.nth(k).getByRole('cell');
    const label = (await cells.nth(1).innerText()).trim();
    const plain = cells.nth(2);
    await expect(plain).toHaveClass(/wrong/);
    expect((await plain.innerText()).replace('✗', '').trim()).not.toBe(label);
  }
  // A slice's rows with their label and both predictions.
  const filter = page.getByTestId('dataview.filter');
  const option = await filter.locator('option', { hasText: /^Slice circle_1 / }).getAttribute('value');
  await filter.selectOption(option!);
  await expect(page.getByTestId('dataview.count')).toHaveText(/^[\d,]+ of 20,000 rows$/);
  await page.getByTestId('dataview.scroller').screenshot({ path: 'test-results/h5-predictions.png' });
});
