/**
 * The six models side by side and the recommendation (issue 11): every model trains from the panel,
 * each shows its parameter count, one is recommended on validation rows with the numbers that chose
 * it, and "Download recommended" gives that model's files.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './app/index.ts';

/** Checkbox label (what a person reads) -> model id. */
const MODELS = {
  Plain: 'plain',
  Reweighted: 'reweighted',
  SRAM: 'sram',
  'Hard sharing': 'hps',
  'Mixture of experts': 'moe',
  'Group DRO': 'groupDro',
} as const;
type Label = keyof typeof MODELS;

/** Each model's own option fields (their accessible names), shown only while it is ticked. */
const OPTIONS: Record<(typeof MODELS)[Label], string[]> = {
  plain: [],
  reweighted: ['Reweighted mode', 'Reweighted weight'],
  sram: ['SRAM temperature', 'SRAM confidence'],
  hps: ['HPS slice loss weight'],
  moe: ['MoE expert loss weight'],
  groupDro: ['Group DRO eta', 'Group DRO size adjustment'],
};

test('all six models train; the recommendation names one with its numbers, marks it, counts parameters and downloads it', async ({
  page,
  app,
}) => {
  await app.open();

  // Plain, reweighted and SRAM are ticked by default, each with its options; the other three are not.
  for (const [label, id] of Object.entries(MODELS) as [Label, (typeof MODELS)[Label]][]) {
    const box = page.getByLabel(label, { exact: true });
    const ticked = id === 'plain' || id === 'reweighted' || id === 'sram';
    if (ticked) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
    for (const option of OPTIONS[id]) await expect(page.getByLabel(option, { exact: true })).toHaveCount(ticked ? 1 : 0);
  }
  await expect(page.getByLabel('Objective')).toHaveValue('meanSlice');
  await expect(page.getByLabel('Largest overall drop (points)')).toHaveValue('0.5');

  for (const label of Object.keys(MODELS)) await page.getByLabel(label, { exact: true }).check();
  for (const option of Object.values(OPTIONS).flat()) await expect(page.getByLabel(option, { exact: true })).toBeVisible();
  await page.locator('section.train-panel').screenshot({ path: '/tmp/recommend-before.png' });

  await app.training.setNumber('Epochs', 3);
  await app.training.train();
  await app.training.waitTrained();

  // The recommendation: a ticked model's name, a reason with numbers, the rows it was chosen on.
  const recommendation = page.getByTestId('train.recommendation');
  await expect(recommendation).toBeVisible();
  const name = (await page.getByTestId('train.recommendation.model').innerText()) as Label;
  expect(Object.keys(MODELS)).toContain(name);
  const kind = MODELS[name];
  await expect(page.getByTestId('train.recommendation.reason')).toContainText(/\d+\.\d%/);
  await expect(page.getByTestId('train.recommendation.reason')).toContainText(name);
  await expect(page.getByTestId('train.recommendation.rows')).toContainText(/the data's [\d,]+ validation rows, never on test rows/);
  expect(await page.evaluate(() => window.slicewise!.store.getState().recommendation?.model)).toBe(kind);

  // Every model has a parameter count on screen; a mixture of K + 1 whole networks dwarfs plain.
  const params: Record<string, number> = {};
  for (const id of Object.values(MODELS)) {
    const text = await page.getByTestId(`results.params.${id}`).innerText();
    expect(text, `${id}'s parameter count`).toMatch(/^[\d,]+$/);
    params[id] = Number(text.replace(/,/g, ''));
    expect(params[id]).toBeGreaterThan(0);
  }
  expect(params.moe).toBeGreaterThan(5 * params.plain!);
  expect(params.sram).toBeGreaterThan(params.plain!);
  // Reweighting and Group DRO change the loss, not the network.
  expect(params.reweighted).toBe(params.plain);
  expect(params.groupDro).toBe(params.plain);

  // The recommended column, and only it, is marked.
  await expect(page.getByTestId('results.recommended')).toHaveCount(1);
  await expect(page.getByTestId(`results.head.${kind}`)).toContainText('recommended');
  await page.getByTestId('train.recommendation').scrollIntoViewIfNeeded();
  await page.locator('section.train-panel').screenshot({ path: '/tmp/recommend-after.png' });

  // Download defaults to the recommended model: its model.json says so.
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-recommend-'));
  const downloads: string[] = [];
  page.on('download', async (d) => {
    await d.saveAs(join(dir, d.suggestedFilename()));
    downloads.push(d.suggestedFilename());
  });
  const button = page.getByTestId('train.export.recommended');
  await expect(button).toHaveText(`Download recommended (${name})`);
  await expect(page.getByTestId(`train.export.${kind}`)).toHaveCount(0);
  await button.click();
  await expect.poll(() => [...downloads].sort().join(',')).toBe('model.json,weights.bin');
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { kind: string };
  expect(modelJson.kind).toBe(kind);
});
