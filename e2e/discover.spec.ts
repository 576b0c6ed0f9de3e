import { test, expect } from './app/index.ts';

const CIRCLES = Array.from({ length: 8 }, (_, k) => `circle_${k + 1}(row)`).join(' || ');

test('after a short run, the weak slices found lie in the circles, and one becomes an SF', async ({ page, app }) => {
  await app.open();
  await app.training.setNumber('Epochs', 5);
  await app.training.train();
  await app.training.waitTrained();

  await page.getByTestId('discover.start').click();
  const list = page.getByTestId('discover.list');
  await expect(list).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('discover.status')).toContainText('last run’s plain model');
  await page.getByTestId('discover').screenshot({ path: test.info().outputPath('discover.png') });

  // Add the top three as SFs; each appears in the slice table at once, with its size.
  const names: string[] = [];
  for (const i of [0, 1, 2]) {
    const validSize = Number((await page.getByTestId(`discover.slice.${i}`).locator('td').nth(1).innerText()).replace(/,/g, ''));
    await page.getByTestId(`discover.add.${i}`).click();
    const name = await page.getByTestId(`discover.added.${i}`).locator('code').innerText();
    names.push(name);
    const size = app.editor.sliceCount(name);
    await expect(size).toBeVisible();
    // The table counts every row (train and valid): at least the slice's valid rows.
    expect(Number((await size.innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(validSize);
  }
  await page.getByTestId('discover').screenshot({ path: test.info().outputPath('discover-added.png') });

  // As a person would check it: one more SF per found slice, its rows that are in any circle.
  await app.editor.editorReady();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(
    '\n' + names.map((n) => `export const ${n}_in_circles = (row: Row) => ${n}(row) && (${CIRCLES});`).join('\n') + '\n',
  );
  for (const n of names) {
    const inCircles = app.editor.sliceCount(`${n}_in_circles`);
    await expect(inCircles).toBeVisible();
    const all = Number((await app.editor.sliceCount(n).innerText()).replace(/,/g, ''));
    const inside = Number((await inCircles.innerText()).replace(/,/g, ''));
    expect(inside / all, `${n}: ${inside} of ${all} rows in a circle`).toBeGreaterThan(0.5);
  }

  // The discovered slices train: a new run reports each of them, with its validation rows.
  await app.training.setNumber('Epochs', 1);
  await app.training.train();
  await app.training.waitTrained();
  for (const n of names) {
    // found by name, as a person would in a long (virtualised) table
    await page.getByTestId('results.filter').fill(`${n}`);
    const row = page.getByTestId(`results.row.${n}`);
    await expect(row).toBeVisible();
    expect(Number((await row.locator('td').nth(1).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
  }
});

test('without a run, Find weak slices trains a quick plain model first, and Cancel stops it', async ({ page, app }) => {
  await app.open();
  await page.getByTestId('discover.start').click();
  await expect(page.getByTestId('discover.status')).toContainText('quick plain model');
  await page.getByTestId('discover.cancel').click();
  await expect(page.getByTestId('discover.status')).toHaveText('Cancelled.');
  await expect(page.getByTestId('discover.start')).toBeEnabled();
  // And run to the end: slices from the quick model.
  await page.getByTestId('discover.start').click();
  await expect(page.getByTestId('discover.list')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('discover.status')).toContainText('a quick plain model');
});
