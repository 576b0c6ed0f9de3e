/**
 * circles2d through the app's own pipeline: generateCircles2d -> prepareTrainData (features f0..f63,
 * split column 'split': 10k train / 10k valid at the default 20k rows), slices = true circle
 * membership; noisy slices = circles2d's noisyMasks (train rows only).
 */
import { circleMasks, CIRCLE_NAMES, generateCircles2d, noisyMasks } from '../../../src/core/data/circles2d.ts';
import { prepareTrainData } from '../../../src/core/prepare.ts';
import type { QualityTask } from './types.ts';

export const circles2d: QualityTask = {
  name: 'circles2d',
  description:
    "the paper's Figure 1 task: 8 small circles (~1.8% of rows each) on a linear boundary flip the label; SFs read metadata z0, z1 the model does not see (it gets a 64-d noisy embedding)",
  build({ rows, seed }) {
    const { table } = generateCircles2d({ rows, seed });
    const features = Array.from({ length: 64 }, (_, j) => `f${j}`);
    const named = (masks: Uint8Array[]) => masks.map((mask, k) => ({ name: CIRCLE_NAMES[k]!, mask }));
    const { data } = prepareTrainData(table, { label: 'label', features, splitColumn: 'split', seed }, named(circleMasks(table)));
    return { data, noisySlices: (p, noiseSeed) => named(noisyMasks(table, p, noiseSeed)) };
  },
};
