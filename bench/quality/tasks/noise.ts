/**
 * Noisy SF membership for any task, the same recipe as circles2d's noisyMasks
 * (src/core/data/circles2d.ts): per slice, among the train rows, drop round(p * members) true members
 * at random and add as many random non-members. Rows outside `trainIdx` keep their true membership.
 */
import { createRng, shuffle } from '../../../src/core/random.ts';
import type { TrainData } from '../../../src/core/train/types.ts';

export function noisyTrainSlices(slices: TrainData['slices'], trainIdx: Int32Array, p: number, seed: number): TrainData['slices'] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`noise p must be in [0, 1], got ${p}`);
  const rng = createRng(seed);
  return slices.map(({ name, mask: truth }) => {
    const mask = truth.slice();
    const members: number[] = [];
    const others: number[] = [];
    for (const r of trainIdx) (mask[r] ? members : others).push(r);
    const k = Math.min(Math.round(p * members.length), others.length);
    shuffle(members, rng);
    shuffle(others, rng);
    for (let i = 0; i < k; i++) {
      mask[members[i]!] = 0;
      mask[others[i]!] = 1;
    }
    return { name, mask };
  });
}

/** Row indices [0, n/2) as train and [n/2, n) as test, the split every generated task uses. */
export function halfSplit(rows: number): { trainIdx: Int32Array; validIdx: Int32Array } {
  const half = Math.floor(rows / 2);
  return {
    trainIdx: Int32Array.from({ length: half }, (_, i) => i),
    validIdx: Int32Array.from({ length: rows - half }, (_, i) => half + i),
  };
}

/** Standardise the columns of x [rows, dim] in place with the train rows' mean and std (as the app's featurizer). */
export function standardise(x: Float32Array, dim: number, trainIdx: Int32Array): void {
  for (let j = 0; j < dim; j++) {
    let s = 0, s2 = 0;
    for (const r of trainIdx) {
      const v = x[r * dim + j]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / trainIdx.length;
    const std = Math.sqrt(Math.max(0, s2 / trainIdx.length - mean * mean)) || 1;
    for (let r = 0; r < x.length / dim; r++) x[r * dim + j] = (x[r * dim + j]! - mean) / std;
  }
}
