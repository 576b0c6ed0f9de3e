/**
 * wideFlip: a wider tabular task whose slices are rules on the model's OWN features (no metadata),
 * changing the label by a different rule than featureRules.
 *
 * x ~ N(0, I_64) is the model input as is (standardised on the train part like the app's featurizer).
 * Base label y = 1[x . w > 0] with fixed weights on x0..x7 (BASE_WEIGHTS). Four SFs have the form
 * `x_a > 1 && x_b > 0` on x8..x15 (~7.9% of rows each, independent, so ~28% of rows are in one or
 * more); inside any slice the base label is FLIPPED (featureRules instead applies another linear rule
 * inside). x16..x63 are distractors. The model can find every slice from x alone.
 * Draws from createRng(seed): x row by row.
 */
import { createRng, normal } from '../../../src/core/random.ts';
import { noisyTrainSlices, standardise } from './noise.ts';
import { halfSplit, VALID_FRACTION, withSplit } from './split.ts';
import type { QualityTask } from './types.ts';

const DIM = 64;
const BASE_WEIGHTS = [1, -0.8, 0.6, 0.5, -0.4, 0.3, 0.3, -0.2];
const RULES: { name: string; a: number; b: number }[] = [
  { name: 'x8_hi_x9_pos', a: 8, b: 9 },
  { name: 'x10_hi_x11_pos', a: 10, b: 11 },
  { name: 'x12_hi_x13_pos', a: 12, b: 13 },
  { name: 'x14_hi_x15_pos', a: 14, b: 15 },
];

export const wideFlip: QualityTask = {
  name: 'wideFlip',
  family: 'features',
  noisy: true,
  description:
    "tabular, 64 Gaussian features; 4 SFs `x_a > 1 && x_b > 0` on the model's own inputs (~8% of rows each); inside any slice the base linear label is flipped",
  async build({ rows, seed, validFraction = VALID_FRACTION }) {
    const rng = createRng(seed);
    const x = new Float32Array(rows * DIM);
    for (let i = 0; i < x.length; i++) x[i] = normal(rng);
    const y = new Int32Array(rows);
    const masks = RULES.map(() => new Uint8Array(rows));
    for (let r = 0; r < rows; r++) {
      const o = r * DIM;
      let score = 0;
      BASE_WEIGHTS.forEach((w, j) => (score += w * x[o + j]!));
      let inSlice = false;
      RULES.forEach(({ a, b }, k) => {
        if (x[o + a]! > 1 && x[o + b]! > 0) {
          masks[k]![r] = 1;
          inSlice = true;
        }
      });
      y[r] = score > 0 !== inSlice ? 1 : 0;
    }
    const { trainPart, testIdx } = halfSplit(rows);
    standardise(x, DIM, trainPart);
    const slices = RULES.map((rule, k) => ({ name: rule.name, mask: masks[k]! }));
    return {
      data: withSplit({ x, dim: DIM, y, classes: ['0', '1'], slices }, trainPart, testIdx, seed, validFraction),
      testIdx,
      noisySlices: (p, noiseSeed) => noisyTrainSlices(slices, trainPart, p, noiseSeed),
    };
  },
};
