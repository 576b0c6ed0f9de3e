import { readFileSync } from 'node:fs';
import { fixture, test, expect } from './app/index.ts';

test('a CSV is uploaded, its label picked, SFs written for it, and a short training shows per-slice numbers', async ({ page, app }) => {
  await app.open();
  await app.data.upload('customers.csv');
  const lines = readFileSync(fixture('customers.csv'), 'utf8').trim().split('\n').length - 1;
  await expect(page.getByTestId('data.rows')).toHaveText(lines.toLocaleString('en-US'));

  await page.getByLabel('Label column').selectOption('churned');
  await expect(page.getByLabel('Label column')).toHaveValue('churned');
  // The label is never a feature; the text and category columns are offered as features too.
  const features = page.getByTestId('data.features');
  await expect(features).not.toContainText('churned');
  await expect(features).toContainText('comment');

  await app.editor.replaceSfSource(
    "export const young = (row: Row) => row.age < 30;\nexport const pro_plan = (row: Row) => row.plan === 'pro';\n",
  );
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('young')).toBeVisible();
  await expect(app.editor.sliceCount('pro_plan')).toBeVisible();

  await page.getByLabel('Reweighted', { exact: true }).check();
  await app.training.setNumber('Epochs', 15);
  await app.training.setNumber('Batch size', 32);
  await app.training.train();
  await app.training.waitTrained();
  for (const slice of ['overall', 'young', 'pro_plan']) {
    for (const model of ['plain', 'reweighted', 'sram']) {
      const acc = await app.training.accuracy(slice, model);
      // a share of rows, and no model is wrong on every row of these slices
      expect(acc).toBeGreaterThan(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
  }
  // The fixture has a learnable signal: 15 epochs beat always-predicting the majority class.
  const majority = await page.evaluate(() => {
    const s = window.slicewise!.store.getState();
    const ev = s.final.plain!.overall;
    const perClass = ev.confusion.map((row) => row.reduce((a, b) => a + b, 0));
    return Math.max(...perClass) / ev.support;
  });
  expect(await app.training.accuracy('overall', 'plain')).toBeGreaterThan(majority);
  // Other metrics and the confusion matrix of a slice, read off the screen.
  await page.getByLabel('Metric').selectOption('f1');
  const f1 = await page.evaluate(() => window.slicewise!.store.getState().final.plain!.slices['young']!.f1);
  await expect(page.getByTestId('results.cell.young.plain')).toContainText(`${(f1 * 100).toFixed(1)}%`);
  await page.getByTestId('results.row.young').getByRole('button').click();
  const confusion = page.getByTestId('results.confusion.young');
  await expect(confusion).toContainText('yes');
  const n = Number((await page.getByTestId('results.row.young').locator('td').nth(1).innerText()).replace(/,/g, ''));
  const cells = await confusion.locator('table').first().locator('tbody td').allInnerTexts();
  expect(cells).toHaveLength(4);
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(n);
  await page.screenshot({ path: 'test-results/customers-trained.png', fullPage: true });
});

test('a file dropped on the data panel loads too', async ({ page, app }) => {
  await app.open();
  const text = readFileSync(fixture('customers.csv'), 'utf8');
  const transfer = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.getByTestId('data.dropzone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('project.name')).toHaveText('dropped.csv');
});

test('a ragged CSV gets a message naming the line, and the project stays as it was', async ({ page, app }) => {
  await app.open();
  const before = await page.evaluate(() => window.slicewise!.store.getState().sfSource);
  await page.getByTestId('data.file').setInputFiles(fixture('ragged.csv'));
  const error = page.getByTestId('data.error');
  await expect(error).toContainText('ragged.csv');
  await expect(error).toContainText(/line \d+/);
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
  expect(await page.evaluate(() => window.slicewise!.store.getState().sfSource)).toBe(before);
});

test('an uploaded dataset, its label choice and the SF code survive a reload', async ({ page, app }) => {
  await app.open();
  await app.data.upload('customers.csv');
  await page.getByLabel('Label column').selectOption('churned');
  await app.editor.replaceSfSource('export const young = (row: Row) => row.age < 30;\n');
  await app.editor.applyWithKeyboard();
  const young = await app.editor.sliceCount('young').innerText();
  await page.reload();
  await expect(page.getByTestId('project.name')).toHaveText('customers.csv');
  await expect(page.getByLabel('Label column')).toHaveValue('churned');
  await expect(app.editor.sliceCount('young')).toHaveText(young);
  // And back to the example with one click.
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
});
