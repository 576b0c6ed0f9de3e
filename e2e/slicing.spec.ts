import { test, expect } from './app/index.ts';

test('editing an SF in Monaco updates its slice size', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource(
    'export const left_half = (row: Row) => row.z0 < 0;\nexport const top_corner = (row: Row) => row.z0 > 0.5 && row.z1 > 0.5;\n',
  );
  await app.editor.applyWithKeyboard();
  // Expected sizes, counted independently from the table the app holds.
  const expected = await page.evaluate(() => {
    const table = window.slicewise!.store.getState().table!;
    const z0 = (table.columns.find((c) => c.name === 'z0') as { values: Float64Array }).values;
    const z1 = (table.columns.find((c) => c.name === 'z1') as { values: Float64Array }).values;
    let left = 0,
      corner = 0;
    for (let i = 0; i < table.rowCount; i++) {
      if (z0[i]! < 0) left++;
      if (z0[i]! > 0.5 && z1[i]! > 0.5) corner++;
    }
    return { left, corner };
  });
  await expect(app.editor.sliceCount('left_half')).toHaveText(expected.left.toLocaleString('en-US'));
  await expect(app.editor.sliceCount('top_corner')).toHaveText(expected.corner.toLocaleString('en-US'));
  await expect(page.getByTestId('slices.row.circle_1')).toHaveCount(0);

  // Now change the threshold: the size follows (auto-apply after a pause in typing).
  await app.editor.replaceSfSource('export const left_half = (row: Row) => row.z0 < -0.5;\n');
  const smaller = await page.evaluate(() => {
    const t = window.slicewise!.store.getState().table!;
    const z0 = (t.columns.find((c) => c.name === 'z0') as { values: Float64Array }).values;
    return z0.filter((v) => v < -0.5).length;
  });
  await expect(app.editor.sliceCount('left_half')).toHaveText(smaller.toLocaleString('en-US'));
});

test('a type error shows as a marker; an SF that throws names itself and the row', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource('export const bad = (row: Row) => row.no_such_column.length > 3;\n');
  // Monaco's TypeScript check knows the Row type: the unknown column is underlined.
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await app.editor.applyWithKeyboard();
  const errors = page.getByTestId('slices.errors');
  await expect(errors).toContainText('bad');
  await expect(errors).toContainText('row 0');
  // The code is still there.
  expect(await page.evaluate(() => window.slicewise!.store.getState().sfSource)).toContain('no_such_column');
});

test('a runaway SF is stopped with a message that names it, and nothing is lost', async ({ page, app }) => {
  await app.open();
  const source = 'export const fine = (row: Row) => row.z0 > 0;\nexport const forever = (row: Row) => { while (true) {} };\n';
  await app.editor.replaceSfSource(source);
  await app.editor.applyWithKeyboard();
  await expect(page.getByTestId('slices.status')).toContainText('forever');
  // The page stays responsive while the worker spins: the feature filter still reacts.
  await page.getByLabel('Filter columns').fill('f6');
  await expect(page.getByTestId('data.features').locator('li')).toHaveCount(5); // f6, f60..f63
  const errors = page.getByTestId('slices.errors');
  await expect(errors).toContainText('forever', { timeout: 20_000 });
  await expect(errors).toContainText(/stopped/);
  // A fresh worker runs the next apply: fix the SF, and both slices appear.
  await app.editor.replaceSfSource('export const fine = (row: Row) => row.z0 > 0;\nexport const bounded = (row: Row) => row.z1 > 0;\n');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('bounded')).toBeVisible();
  await expect(errors).toHaveCount(0);
  // The code survives a reload.
  await page.reload();
  await expect(page.getByTestId('slices.table')).toBeVisible();
  await expect(app.editor.sliceCount('bounded')).toBeVisible();
  await app.editor.editorReady();
  await expect(page.locator('.monaco-editor')).toContainText('export const bounded');
});

test('the editor completes column names from the dataset with their types', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource('export const s = (row: Row) => row.');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  // The first entry is described with its type.
  await expect(suggest).toContainText('Row.f0: number');
  // Typing filters the list down to the metadata columns.
  await page.keyboard.type('z');
  await expect(suggest).toContainText('z0');
  await expect(suggest).toContainText('z1');
  await expect(suggest).not.toContainText('f10');
  // Finish the SF: it applies and its slice appears.
  await page.keyboard.type('1');
  await page.keyboard.press('Escape');
  await page.keyboard.insertText(' > 0.9;\n');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('s')).toBeVisible();
});
