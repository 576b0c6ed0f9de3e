/** The recommendation's rule on hand-made validation figures. */
import { expect, it } from 'vitest';
import type { SliceMetrics } from '../metrics.ts';
import { recommend, TIE } from './recommend.ts';
import { DEFAULT_OBJECTIVE, type Evaluation, type ModelKind, type Objective } from './types.ts';

const m = (accuracy: number, support = 100): SliceMetrics => ({ accuracy, support }) as SliceMetrics;
/** overall accuracy, then per-slice accuracies (s0, s1, ...). */
const ev = (overall: number, ...slices: number[]): Evaluation => ({
  overall: m(overall, 1000),
  slices: Object.fromEntries(slices.map((a, i) => [`s${i}`, m(a)])),
});
const run = (entries: [ModelKind, Evaluation][], objective: Objective = DEFAULT_OBJECTIVE) =>
  recommend(
    entries.map(([model, evaluation]) => ({ model, evaluation, parameters: 100 })),
    objective,
    'valid',
  );

it('mean slice: the best mean slice accuracy among models within 0.5 points of plain overall', () => {
  const r = run([
    ['plain', ev(0.9, 0.6, 0.7)],
    ['reweighted', ev(0.896, 0.8, 0.8)], // -0.4 overall: allowed
    ['sram', ev(0.88, 0.95, 0.95)], // -2 overall: excluded despite the best slices
  ])!;
  expect(r.model).toBe('reweighted');
  expect(r.candidates.map((c) => c.eligible)).toEqual([true, true, false]);
  expect(r.candidates[1]!.meanSlice).toBeCloseTo(0.8, 10);
  expect(r.reason).toMatch(
    /^Reweighted: highest mean slice accuracy on the validation rows, 80\.0% \(plain 65\.0%\).*overall 89\.6% vs plain's 90\.0% \(−0\.4 points/,
  );
  expect(r.reason).toMatch(/SRAM fell below that/);
});

it('worst slice and overall objectives', () => {
  const entries: [ModelKind, Evaluation][] = [
    ['plain', ev(0.9, 0.5, 0.9)],
    ['hps', ev(0.9, 0.7, 0.72)], // best worst slice (0.7)
    ['moe', ev(0.92, 0.6, 0.99)], // best overall and best mean (0.795)
  ];
  expect(run(entries, { target: 'worstSlice', maxOverallDrop: 0.005 })!.model).toBe('hps');
  expect(run(entries, { target: 'overall', maxOverallDrop: 0 })!.model).toBe('moe');
  expect(run(entries)!.model).toBe('moe');
});

it('ties within 0.1 point go to the simpler model, whatever the order', () => {
  const entries: [ModelKind, Evaluation][] = [
    ['moe', ev(0.9, 0.8)],
    ['sram', ev(0.9, 0.8 + TIE / 2)],
    ['plain', ev(0.9, 0.8 - TIE / 2)],
  ];
  expect(run(entries)!.model).toBe('plain');
  expect(
    run([
      ['moe', ev(0.9, 0.8)],
      ['sram', ev(0.9, 0.8)],
    ])!.model,
  ).toBe('sram');
  // a real lead beats simplicity
  expect(
    run([
      ['plain', ev(0.9, 0.8)],
      ['sram', ev(0.9, 0.8 + 3 * TIE)],
    ])!.model,
  ).toBe('sram');
});

it('plain itself is always eligible, so something is recommended; without slices, overall accuracy decides', () => {
  expect(
    run([
      ['plain', ev(0.9, 0.1)],
      ['sram', ev(0.5, 0.9)],
    ])!.model,
  ).toBe('plain');
  const bare = run([
    ['plain', ev(0.9)],
    ['moe', ev(0.91)],
  ])!;
  expect(bare.model).toBe('moe');
  expect(bare.reason).toMatch(/no slice has validation rows, so overall accuracy decided/);
  // slices with no validation rows do not count in the mean
  const partial = run([['plain', { overall: m(0.9, 1000), slices: { s0: m(0.5), empty: m(0, 0) } }]])!;
  expect(partial.candidates[0]!.meanSlice).toBe(0.5);
  expect(run([])).toBeNull();
});

it('says when the choice was made on rows held out of train', () => {
  const r = recommend([{ model: 'plain', evaluation: ev(0.9, 0.8), parameters: 1 }], DEFAULT_OBJECTIVE, 'heldOut')!;
  expect(r.rows).toBe('heldOut');
  expect(r.reason).toMatch(/rows held out of train \(the data has no valid split\)/);
});
