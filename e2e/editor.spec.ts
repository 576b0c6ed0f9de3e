import { type Page } from '@playwright/test';
import { test, expect } from './app/index.ts';

/** Counts rows of the app's own table with a predicate over z0/z1 (independent of the SF worker). */
async function countRows(page: Page, predicate: string): Promise<number> {
  return page.evaluate((body) => {
    const table = window.slicewise!.store.getState().table!;
    const col = (name: string) => table.columns.find((c) => c.name === name) as { values: Float64Array };
    const z0 = col('z0').values;
    const z1 = col('z1').values;
    const test = new Function('z0', 'z1', `return ${body};`) as (a: number, b: number) => boolean;
    let n = 0;
    for (let i = 0; i < table.rowCount; i++) if (test(z0[i]!, z1[i]!)) n++;
    return n;
  }, predicate);
}

const fmt = (n: number) => n.toLocaleString('en-US');

test('Ctrl+S formats the file with the TypeScript formatter, keeps it and applies it', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource('export const   left=(row:Row)=>row.z0<0\nexport function top(row:Row){return row.z1>0.5}\n');
  await app.editor.saveWithKeyboard();
  const formatted = 'export const left = (row: Row) => row.z0 < 0\nexport function top(row: Row) { return row.z1 > 0.5 }\n';
  await expect.poll(() => page.evaluate(() => window.slicewise!.store.getState().sfSource)).toBe(formatted);
  expect(await app.editor.editorText()).toBe(formatted.trimEnd() + '\n');
  // Saved means applied too: both slices, with sizes counted independently.
  await expect(app.editor.sliceCount('left')).toHaveText(fmt(await countRows(page, 'z0 < 0')));
  await expect(app.editor.sliceCount('top')).toHaveText(fmt(await countRows(page, 'z1 > 0.5')));
  // Formatting changed no tokens, so a second save re-runs nothing.
  await app.editor.saveWithKeyboard();
  await expect(page.getByTestId('slices.run.left')).toHaveText('kept');
  await expect(page.getByTestId('slices.run.top')).toHaveText('kept');
});

test('snippets for common SFs come up in completion and run as inserted', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource('');
  await app.editor.typeInEditor('sf_');
  const suggest = page.locator('.monaco-editor .suggest-widget');
  await expect(suggest).toBeVisible();
  for (const name of ['sf_keywords', 'sf_regex', 'sf_range', 'sf_text_length', 'sf_category_in', 'sf_combine', 'sf_resources']) {
    await expect(suggest).toContainText(name);
  }
  // A numeric range on the dataset's first number column (z0), as inserted.
  await app.editor.typeInEditor('range');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+End'); // (End would stop at the wrapped line's visual end)
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('export const upper = (row: Row) => row.z1 > 0;\n');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('in_range')).toHaveText(fmt(await countRows(page, 'z0 >= 0 && z0 < 0.5')));
  await expect(app.editor.sliceCount('upper')).toBeVisible();
  // A combination of other slices: the snippet offers the slices there are.
  await page.keyboard.press('ControlOrMeta+End');
  await app.editor.typeInEditor('sf_combine');
  await expect(suggest).toContainText('sf_combine');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect
    .poll(() => page.evaluate(() => window.slicewise!.store.getState().sfSource))
    .toContain('export const combined = (row: Row) => in_range(row) && !upper(row);');
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('combined')).toHaveText(fmt(await countRows(page, 'z0 >= 0 && z0 < 0.5 && !(z1 > 0)')));
  await expect(app.editor.sfErrors()).toHaveCount(0);
});

test('sf() with resources and preprocessors type-checks and runs', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource(`const mirror = (row: Row) => ({ z0: -row.z0 });
export const mirrored_left = sf({ resources: { limit: 0.5 }, pre: [mirror] }, (row, { limit }) => row.z0 > limit);
`);
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('mirrored_left')).toHaveText(fmt(await countRows(page, '-z0 > 0.5')));
  // The editor knows sf's type: a wrong resource name is a type error (a marker), found as a person would.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('export const typo = sf({ resources: { limit: 1 } }, (row, { limt }) => row.z1 > limt);\n');
  const problem = await app.editor.firstProblem();
  expect(problem.line).toBe(3);
  expect(problem.message).toContain("Property 'limt' does not exist");
});

test('live slices: typing re-runs only the edited SF; sizes, shares, overlap and rows follow', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource(`export const left = (row: Row) => row.z0 < 0;
export const top = (row: Row) => row.z1 > 0.5;
export const corner = (row: Row) => row.z0 > 0.5 && row.z1 > 0.5;
`);
  await app.editor.applyWithKeyboard();
  await expect(app.editor.sliceCount('corner')).toBeVisible();
  const rows = await page.evaluate(() => window.slicewise!.store.getState().table!.rowCount);
  const left = await countRows(page, 'z0 < 0');
  await expect(app.editor.sliceCount('left')).toHaveText(fmt(left));
  await expect(page.getByTestId('slices.share.left')).toHaveText(`${((100 * left) / rows).toFixed(1)}%`);
  // Overlap heatmap: rows in both, counted independently.
  await expect(page.getByTestId('slices.overlap.left.top')).toHaveText(String(await countRows(page, 'z0 < 0 && z1 > 0.5')));
  await expect(page.getByTestId('slices.overlap.top.corner')).toHaveText(String(await countRows(page, 'z1 > 0.5 && z0 > 0.5')));

  // Type a change (no Apply): after a pause, "top" re-runs alone.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace'); // ;
  await page.keyboard.press('Backspace'); // 5
  await app.editor.typeInEditor('8;');
  await expect(app.editor.sliceCount('top')).toHaveText(fmt(await countRows(page, 'z1 > 0.8')));
  await expect(page.getByTestId('slices.run.top')).toHaveText(/ms$/);
  await expect(page.getByTestId('slices.run.left')).toHaveText('kept');
  await expect(page.getByTestId('slices.run.corner')).toHaveText('kept');
  await expect(page.getByTestId('slices.status')).toHaveText('Up to date · 1 re-ran, 2 kept');
  await expect(page.getByTestId('slices.overlap.left.top')).toHaveText(String(await countRows(page, 'z0 < 0 && z1 > 0.8')));

  // The rows of a selected slice.
  await page.getByTestId('slices.row.corner').click();
  const corner = await countRows(page, 'z0 > 0.5 && z1 > 0.5');
  await expect(page.getByTestId('slices.rows')).toContainText(`corner: first 50 of ${corner} rows`);
  const firstZ0 = Number(
    await page
      .getByTestId('slices.rows')
      .locator('tbody tr')
      .first()
      .locator('td')
      .nth(
        await page
          .getByTestId('slices.rows')
          .locator('thead th')
          .evaluateAll((ths) => ths.findIndex((th) => th.textContent === 'z0')),
      )
      .innerText(),
  );
  expect(firstZ0).toBeGreaterThan(0.5);
});

test('errors point at the SF, its line (a marker) and the first failing row', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource(`export const fine = (row: Row) => row.z0 > 0;

export const half = (row: Row): boolean => {
  if (row.z0 > 0.9) throw new Error('too far right: ' + row.z0);
  return row.z1 > 0;
};
export const score = (row: Row) => (row.z1 > 0 ? 1 : 0) as unknown as boolean;
`);
  await app.editor.applyWithKeyboard();
  const errors = app.editor.sfErrors();
  await expect(errors).toContainText('SF "half" threw at row');
  await expect(errors).toContainText('SF "score" returned a number');
  // The other SF still ran.
  await expect(app.editor.sliceCount('fine')).toHaveText(fmt(await countRows(page, 'z0 > 0')));
  await expect(page.getByTestId('slices.row.half')).toHaveCount(0);
  // The first failing row, with its values: the first row whose z0 > 0.9.
  const first = await page.evaluate(() => {
    const t = window.slicewise!.store.getState().table!;
    const z0 = (t.columns.find((c) => c.name === 'z0') as { values: Float64Array }).values;
    return z0.findIndex((v) => v > 0.9);
  });
  const half = page.getByTestId('slices.error.half');
  await expect(half).toContainText(`threw at row ${first}: too far right`);
  await expect(half.getByTestId('slices.errors.row')).toContainText(`row ${first}`);
  await expect(half.getByTestId('slices.errors.row')).toContainText('z0');
  // Markers: the throw is on line 4, the non-boolean SF on line 7.
  const [thrown, nonBoolean] = await app.editor.problems(2);
  expect(thrown).toMatchObject({ line: 4, message: expect.stringContaining('SF "half" threw at row') });
  expect(nonBoolean).toMatchObject({ line: 7, message: expect.stringContaining('SF "score" returned a number') });
  // Clicking an error's line moves the editor there.
  await half.getByRole('button', { name: /line 4/ }).click();
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText('4');
});

test('a runaway SF is stopped, named and marked; the other SFs still report', async ({ page, app }) => {
  await app.open();
  await app.editor.replaceSfSource(`export const fine = (row: Row) => row.z0 > 0;
export const bad = (row: Row) => (row as any).nope.x > 1;
export const forever = (row: Row) => {
  while (true) {}
};
export const after = (row: Row) => row.z1 > 0;
`);
  await app.editor.applyWithKeyboard();
  const errors = app.editor.sfErrors();
  await expect(errors).toContainText('SF "forever" did not finish within 4 s and was stopped', { timeout: 20_000 });
  await expect(errors).toContainText('SF "bad" threw at row 0');
  // SFs before and after the hung one are reported.
  await expect(app.editor.sliceCount('fine')).toHaveText(fmt(await countRows(page, 'z0 > 0')));
  await expect(app.editor.sliceCount('after')).toHaveText(fmt(await countRows(page, 'z1 > 0')));
  // Markers on the lines of "bad" (2) and "forever" (3).
  const [bad, forever] = await app.editor.problems(2);
  expect(bad).toMatchObject({ line: 2, message: expect.stringContaining('SF "bad" threw at row 0') });
  expect(forever).toMatchObject({ line: 3, message: expect.stringContaining('SF "forever" did not finish within 4 s') });
  // Editing another SF does not run the hung one again: it stays skipped until its code changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { runningSeen: string[] }).runningSeen = seen;
    window.slicewise!.store.subscribe((s) => {
      if (s.runningSf) seen.push(s.runningSf);
    });
  });
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('export const more = (row: Row) => row.z1 > 0.5;\n');
  await expect(app.editor.sliceCount('more')).toHaveText(fmt(await countRows(page, 'z1 > 0.5')));
  await expect(errors).toContainText('SF "forever" did not finish within 4 s and was stopped. It is skipped until you change its code.');
  const ran = await page.evaluate(() => (window as unknown as { runningSeen: string[] }).runningSeen);
  expect(ran).toContain('more');
  expect(ran).not.toContain('forever');
  // Nothing was lost.
  expect(await page.evaluate(() => window.slicewise!.store.getState().sfSource)).toContain('while (true) {}');
});
