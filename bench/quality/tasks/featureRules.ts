/**
 * featureRules: slices defined on the model's OWN features (no metadata).
 *
 * x ~ N(0, I_12) is the model input as is (standardised on train rows like the app's featurizer).
 * Base label y = 1[x0 + 0.8 x1 - 0.6 x2 + 0.2 > 0]. Six SFs are conjunctions of two thresholds on
 * features (2.5-4% of rows each, a few overlap); inside slice j a different rule decides the label,
 * y = 1[x_a - x_b > 0] for the slice's own pair (a, b); where slices overlap the first one's rule
 * wins. The model can in principle find every slice from x alone: the question is whether it does
 * within the budget. Draws from createRng(seed): x row by row.
 */
import { createRng, normal } from '../../../src/core/random.ts';
import { noisyTrainSlices, standardise } from './noise.ts';
import { halfSplit, VALID_FRACTION, withSplit } from './split.ts';
import type { QualityTask } from './types.ts';

const DIM = 12;

interface Rule {
  name: string;
  member: (x: Float32Array, o: number) => boolean;
  /** Inside the slice: y = 1[x[a] - x[b] > 0]. */
  a: number;
  b: number;
}

const RULES: Rule[] = [
  { name: 'x3_hi_x4_hi', member: (x, o) => x[o + 3]! > 1.2 && x[o + 4]! > 0.8, a: 5, b: 0 },
  { name: 'x5_lo_x6_hi', member: (x, o) => x[o + 5]! < -1.2 && x[o + 6]! > 0.5, a: 1, b: 7 },
  { name: 'x7_hi_x8_lo', member: (x, o) => x[o + 7]! > 1.0 && x[o + 8]! < -1.0, a: 9, b: 1 },
  { name: 'x9_hi_x10_hi', member: (x, o) => x[o + 9]! > 1.5 && x[o + 10]! > 0, a: 2, b: 11 },
  { name: 'x11_lo_x0_hi', member: (x, o) => x[o + 11]! < -1.5 && x[o + 0]! > 0, a: 4, b: 0 },
  { name: 'x3_lo_x5_hi', member: (x, o) => x[o + 3]! < -1.0 && x[o + 5]! > 1.0, a: 6, b: 2 },
];

export const featureRules: QualityTask = {
  name: 'featureRules',
  family: 'features',
  noisy: true,
  description:
    "tabular, 12 Gaussian features; 6 SFs are two-feature threshold rules on the model's own inputs (2.5-4% of rows each, some overlap); inside a slice another linear rule sets the label",
  async build({ rows, seed, validFraction = VALID_FRACTION }) {
    const rng = createRng(seed);
    const x = new Float32Array(rows * DIM);
    for (let i = 0; i < x.length; i++) x[i] = normal(rng);
    const y = new Int32Array(rows);
    const masks = RULES.map(() => new Uint8Array(rows));
    for (let r = 0; r < rows; r++) {
      const o = r * DIM;
      let label = x[o]! + 0.8 * x[o + 1]! - 0.6 * x[o + 2]! + 0.2 > 0 ? 1 : 0;
      let ruled = false;
      RULES.forEach((rule, j) => {
        if (!rule.member(x, o)) return;
        masks[j]![r] = 1;
        if (!ruled) label = x[o + rule.a]! - x[o + rule.b]! > 0 ? 1 : 0;
        ruled = true;
      });
      y[r] = label;
    }
    const { trainPart, testIdx } = halfSplit(rows);
    standardise(x, DIM, trainPart);
    const slices = RULES.map((rule, j) => ({ name: rule.name, mask: masks[j]! }));
    return {
      data: withSplit({ x, dim: DIM, y, classes: ['0', '1'], slices }, trainPart, testIdx, seed, validFraction),
      testIdx,
      noisySlices: (p, noiseSeed) => noisyTrainSlices(slices, trainPart, p, noiseSeed),
    };
  },
};
