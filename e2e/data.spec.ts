import { type Page } from '@playwright/test';
import { App, test, expect } from './app/index.ts';
import { customerFiles, MISSING_INCOME, YOUNG_CUSTOMERS } from './fixtures/formats.ts';

const young = 'export const young = (row: Row) => row.age < 30;\nexport const no_income = (row: Row) => Number.isNaN(row.income);\n';

for (const file of customerFiles()) {
  test(`${file.name} loads in the data worker with the same rows and slices as every other format`, async ({ page, app }) => {
    await app.open();
    await page.getByTestId('data.file').setInputFiles(file);
    await expect(page.getByTestId('project.name')).toHaveText(file.name);
    await expect(page.getByTestId('data.rows')).toHaveText('400');
    // Column kinds are inferred the same way whatever the format.
    await expect(page.getByLabel('Type of age')).toHaveValue('integer');
    await expect(page.getByLabel('Type of income')).toHaveValue(/number|integer/);
    await expect(page.getByLabel('Type of plan')).toHaveValue('category');
    await app.editor.replaceSfSource(young);
    await app.editor.applyWithKeyboard();
    await expect(app.editor.sliceCount('young')).toHaveText(String(YOUNG_CUSTOMERS));
    await expect(app.editor.sliceCount('no_income')).toHaveText(String(MISSING_INCOME));
  });
}

/** Upload bytes as a person would pick a file; the message must name `expected`, and nothing else changes. */
async function expectRejected(page: Page, name: string, body: string, expected: RegExp[]) {
  const app = new App(page);
  await app.open();
  const before = await page.evaluate(() => window.slicewise!.store.getState().sfSource);
  await page.getByTestId('data.file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(body, 'utf8') });
  const error = page.getByTestId('data.error');
  for (const e of expected) await expect(error).toContainText(e);
  await expect(error).toContainText('The current project was kept as it was.');
  await expect(page.getByTestId('project.name')).not.toHaveText(name);
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
  expect(await page.evaluate(() => window.slicewise!.store.getState().sfSource)).toBe(before);
}

test.describe('bad files get a message saying what and where, and the project stays as it was', () => {
  test('an empty file', async ({ page }) => {
    await expectRejected(page, 'empty.csv', '', [/empty\.csv/, /empty/]);
  });
  test('a file without a header row', async ({ page }) => {
    await expectRejected(page, 'noheader.csv', '34,51000.5,basic\n27,42000.25,plus\n45,61000.75,pro\n', [/noheader\.csv/, /header/i]);
  });
  test('a ragged row', async ({ page }) => {
    await expectRejected(page, 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', [/ragged\.csv/, /line 3/, /2 fields/]);
  });
  test('an unclosed quote', async ({ page }) => {
    await expectRejected(page, 'unclosed.csv', 'a,b\n1,"never closed\n2,3\n4,5\n', [/unclosed\.csv/, /line 2/, /quote/i]);
  });
  test('invalid JSON', async ({ page }) => {
    await expectRejected(page, 'bad.json', '[{"a": 1},\n {"a": 2,, "b": 3}]\n', [/bad\.json/, /line 2/, /column \d+/]);
  });
  test('an unknown file type', async ({ page }) => {
    await expectRejected(page, 'report.xlsx', 'PK\u0003\u0004', [/report\.xlsx/, /\.xlsx/]);
  });
  test('a file too large for the browser tab', async ({ page, app }) => {
    await app.open();
    // The real limit is gigabytes; lower it so a small file shows the same message.
    await page.evaluate(() => window.slicewise!.store.setState({ maxFileBytes: 1000 }));
    await page
      .getByTestId('data.file')
      .setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n' + '1,2\n'.repeat(1000)) });
    await expect(page.getByTestId('data.error')).toContainText(/huge\.csv.*too large/);
    await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  });
});

test('a label column with a single class is flagged as soon as the file is loaded, naming the column and its value; the project stays', async ({
  page,
  app,
}) => {
  await app.open();
  // `label` is the column the app picks as the label, and it holds one value
  const body = 'x,z,label\n' + Array.from({ length: 60 }, (_, i) => `${i},${i % 7},same`).join('\n') + '\n';
  await page.getByTestId('data.file').setInputFiles({ name: 'oneclass.csv', mimeType: 'text/csv', buffer: Buffer.from(body) });
  const error = page.getByTestId('data.error');
  await expect(error).toContainText('oneclass.csv: the label column "label" has a single value ("same")');
  await expect(page.getByTestId('project.name')).not.toHaveText('oneclass.csv');
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
});

test("an uploaded file names the starting project, and the example's description goes", async ({ page, app }) => {
  await app.open();
  await expect(page.getByTestId('projects.current')).toHaveText('Example project');
  await expect(page.getByTestId('data.example.description')).toContainText('circles');
  await app.data.upload('customers.csv');
  await expect(page.getByTestId('projects.current')).toHaveText('customers');
  await expect(page.getByTestId('data.example.description')).toHaveCount(0);
});

test('choosing a label column with a single value is refused the same way; the label stays', async ({ page, app }) => {
  await app.open();
  const body = 'x,constant,label\n' + Array.from({ length: 40 }, (_, i) => `${i},7,${i % 2 ? 'yes' : 'no'}`).join('\n') + '\n';
  await page.getByTestId('data.file').setInputFiles({ name: 'const.csv', mimeType: 'text/csv', buffer: Buffer.from(body) });
  await expect(page.getByTestId('data.rows')).toHaveText('40');
  await expect(page.getByLabel('Label column')).toHaveValue('label');
  await page.getByLabel('Label column').selectOption('constant');
  await expect(page.getByTestId('data.error')).toContainText('the label column "constant" has a single value ("7")');
  await expect(page.getByLabel('Label column')).toHaveValue('label');
});

test('a column type can be overridden: the file is re-read and SFs see the new type', async ({ page, app }) => {
  await app.open();
  await app.data.upload('customers.csv');
  await app.editor.replaceSfSource("export const age_text = (row: Row) => typeof row.age === 'string';\n");
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('age_text')).toHaveText('0');
  await page.getByLabel('Type of age').selectOption('category');
  await expect(page.getByLabel('Type of age')).toHaveValue('category');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('age_text')).toHaveText('400');
  // A type the values do not fit: they become missing, and the panel says how many and where.
  await page.getByLabel('Type of plan').selectOption('integer');
  await expect(page.getByTestId('data.conversions')).toContainText('column "plan" (integer): 400 values do not fit');
  await expect(page.getByTestId('data.conversions')).toContainText('line 2');
  // The choice is part of the project: it survives a reload.
  await page.reload();
  await expect(page.getByLabel('Type of age')).toHaveValue('category');
});

test('the random split is stratified with the chosen shares: the results count the valid rows', async ({ page, app }) => {
  await app.open();
  await app.data.upload('customers.csv');
  await page.getByLabel('Label column').selectOption('churned');
  await app.training.setNumber('Valid percent', 30);
  await app.training.setNumber('Test percent', 10);
  await expect(page.getByTestId('data.split')).toContainText('train 60%');
  await app.training.setNumber('Epochs', 2);
  await app.training.train();
  await app.training.waitTrained();
  const n = Number((await page.getByTestId('results.row.overall').locator('td').nth(1).innerText()).replace(/,/g, ''));
  expect(n).toBeGreaterThanOrEqual(118);
  expect(n).toBeLessThanOrEqual(122);
});
