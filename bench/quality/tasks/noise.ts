/**
 * Noisy SF membership for any task, the same recipe as circles2d's noisyMasks
 * (src/core/data/circles2d.ts): per slice, among the user's rows (`rows`: the train part, i.e. the
 * training and validation rows), drop round(p * members) true members at random and add as many
 * random non-members. Other rows (test) keep their true membership.
 */
import { createRng, shuffle } from '../../../src/core/random.ts';
import type { TrainData } from '../../../src/core/train/types.ts';

export function noisyTrainSlices(slices: TrainData['slices'], rows: Int32Array, p: number, seed: number): TrainData['slices'] {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`noise p must be in [0, 1], got ${p}`);
  const rng = createRng(seed);
  return slices.map(({ name, mask: truth }) => {
    const mask = truth.slice();
    const members: number[] = [];
    const others: number[] = [];
    for (const r of rows) (mask[r] ? members : others).push(r);
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

/** Standardise the columns of x [rows, dim] in place with the `fit` rows' mean and std (as the app's featurizer). */
export function standardise(x: Float32Array, dim: number, fit: Int32Array): void {
  for (let j = 0; j < dim; j++) {
    let s = 0,
      s2 = 0;
    for (const r of fit) {
      const v = x[r * dim + j]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / fit.length;
    const std = Math.sqrt(Math.max(0, s2 / fit.length - mean * mean)) || 1;
    for (let r = 0; r < x.length / dim; r++) x[r * dim + j] = (x[r * dim + j]! - mean) / std;
  }
}
