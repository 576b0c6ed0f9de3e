import { test, expect } from './app/index.ts';

const num = async (text: Promise<string>) => Number((await text).replace(/,/g, ''));

test('the Palmer penguins example: real data with missing values, its SFs, summaries, and a training run', async ({ page, app }) => {
  await app.open();
  await app.data.loadExample('Palmer penguins');
  await expect(page.getByTestId('data.rows')).toHaveText('344');
  await expect(page.getByLabel('Label column')).toHaveValue('species');
  // Its SF file replaced circles2d's, and every example SF made its slice.
  await app.editor.editorReady();
  await expect(page.locator('.monaco-editor')).toContainText('Palmer penguins');
  await expect(app.editor.sliceCount('dream_island')).toHaveText('124');
  await expect(app.editor.sliceCount('torgersen_island')).toHaveText('52');
  await expect(app.editor.sliceCount('female')).toHaveText('165');
  expect(await num(app.editor.sliceCount('short_bill').innerText())).toBeGreaterThan(0);
  await expect(page.getByTestId('slices.row.circle_1')).toHaveCount(0);

  // Column summaries tell the true counts, including the missing sex of 11 penguins.
  await app.data.openColumnSummaries();
  const sex = page.getByTestId('data.summary.sex');
  await expect(sex).toContainText('category');
  await expect(sex).toContainText('11 (3.2%)');
  await expect(page.getByTestId('data.summary.species')).toContainText('3 levels: Adelie 152, Gentoo 124, Chinstrap 68');
  await expect(page.getByTestId('data.summary.body_mass_g')).toContainText('2,700 … 6,300');
  await page.getByTestId('data.summaries').screenshot({ path: 'test-results/h5-penguins-summaries.png' });

  // The project remembers which example it is on: a reload brings back the penguins, not circles2d.
  await app.projects.waitSaved();
  await page.reload();
  await expect(page.getByTestId('project.name')).toHaveText('Example: Palmer penguins');
  await expect(page.getByTestId('data.rows')).toHaveText('344');
  await expect(app.editor.sliceCount('dream_island')).toHaveText('124');

  await app.training.setNumber('Epochs', 20);
  await app.training.train();
  await app.training.waitTrained();
  // Four measurements separate three species well (well above the 44% of always saying Adelie).
  expect(await app.training.accuracy('overall', 'plain')).toBeGreaterThan(0.7);
});

test('the SpamAssassin example: a text-classification set with its SFs, and back to circles2d', async ({ page, app }) => {
  await app.open();
  await app.data.loadExample('SpamAssassin emails');
  await expect(page.getByTestId('data.rows')).toHaveText('6,046');
  await expect(page.getByLabel('Label column')).toHaveValue('label');
  await expect(app.editor.sliceCount('hard_ham')).toHaveText('250');
  for (const name of ['reply', 'money_talk', 'link_heavy_html', 'shouting_subject']) {
    const n = await num(app.editor.sliceCount(name).innerText());
    expect(n, name).toBeGreaterThan(0);
    expect(n, name).toBeLessThan(6046);
  }
  await app.data.openColumnSummaries();
  await expect(page.getByTestId('data.summary.subject')).toContainText('text');
  await expect(page.getByTestId('data.summary.label')).toContainText('2 levels: ham 4,150, spam 1,896');
  await expect(page.getByTestId('data.summary.html')).toContainText('boolean');
  // Dates as the senders' clocks gave them (some spam is dated years off); 97 had no readable date.
  await expect(page.getByTestId('data.summary.sent')).toContainText(/97 \(1\.6%\)\d{4}-\d\d-\d\d … 200[23]-\d\d-\d\d/);

  // The rows of a text slice, readable in the data view.
  await app.data.openRows();
  await page.getByTestId('dataview.filter').selectOption({ label: 'Slice hard_ham (250)' });
  await expect(page.getByTestId('dataview.count')).toHaveText('250 of 6,046 rows');
  await page.getByTestId('dataview.scroller').screenshot({ path: 'test-results/h5-spam-rows.png' });
  await page.screenshot({ path: 'test-results/h5-spam-page.png', fullPage: true });

  // It trains on its texts: well above the 68.6% of always saying ham.
  await app.training.setNumber('Epochs', 3);
  await app.training.train();
  await app.training.waitTrained();
  expect(await app.training.accuracy('overall', 'plain')).toBeGreaterThan(0.85);
  expect(await app.training.accuracy('hard_ham', 'plain')).toBeGreaterThan(0);

  await app.data.loadExample('circles2d (Chen et al. 2019, Fig. 1)');
  await expect(page.getByTestId('data.rows')).toHaveText('20,000');
  await expect(app.editor.sliceCount('circle_1')).toBeVisible();
});
