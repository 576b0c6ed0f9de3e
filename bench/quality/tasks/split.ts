/**
 * The benchmark's splits: the generated tasks' half train / half test, and the validation rows held
 * out of the train part (seeded, stratified by label, as src/core/split.ts's random split).
 */
import { createRng, shuffle } from '../../../src/core/random.ts';
import type { TrainData } from '../../../src/core/train/types.ts';

/** Share of the train part held out for validation (the recommendation's rows). */
export const VALID_FRACTION = 0.2;

/** Row indices [0, n/2) as the train part and [n/2, n) as test, the split every generated task uses. */
export function halfSplit(rows: number): { trainPart: Int32Array; testIdx: Int32Array } {
  const half = Math.floor(rows / 2);
  return {
    trainPart: Int32Array.from({ length: half }, (_, i) => i),
    testIdx: Int32Array.from({ length: rows - half }, (_, i) => half + i),
  };
}

/**
 * Holds out round(fraction * n_c) rows of each label c of `rows`, at random (createRng(seed)).
 * Both results are sorted ascending.
 */
export function holdOut(rows: Int32Array, y: Int32Array, fraction: number, seed: number): { trainIdx: Int32Array; validIdx: Int32Array } {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`hold-out fraction must be in [0, 1), got ${fraction}`);
  const rng = createRng(seed);
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const g = groups.get(y[r]!) ?? [];
    g.push(r);
    groups.set(y[r]!, g);
  }
  const train: number[] = [];
  const valid: number[] = [];
  for (const label of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(label)!;
    shuffle(g, rng);
    const k = Math.round(fraction * g.length);
    g.forEach((r, i) => (i < k ? valid : train).push(r));
  }
  const sorted = (a: number[]) => Int32Array.from(a.sort((p, q) => p - q));
  return { trainIdx: sorted(train), validIdx: sorted(valid) };
}

/** The hold-out's own random stream: a task seed s holds out with seed HOLD_OUT_SEED + s. */
export const HOLD_OUT_SEED = 2000;

/**
 * A task instance's TrainData from its full data (x, y, classes, true slices), its train part and
 * test rows: validIdx held out of the train part (heldOut: true), or, with fraction 0, the test rows
 * as validIdx (research scripts only).
 */
export function withSplit(
  base: Omit<TrainData, 'trainIdx' | 'validIdx' | 'heldOut'>,
  trainPart: Int32Array,
  testIdx: Int32Array,
  seed: number,
  fraction: number,
): TrainData {
  if (fraction === 0) return { ...base, trainIdx: trainPart, validIdx: testIdx };
  const { trainIdx, validIdx } = holdOut(trainPart, base.y, fraction, HOLD_OUT_SEED + seed);
  return { ...base, trainIdx, validIdx, heldOut: true };
}
