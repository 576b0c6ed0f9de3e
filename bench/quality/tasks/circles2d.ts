/**
 * circles2d through the app's own pipeline: generateCircles2d -> prepareTrainData (features f0..f63,
 * split column 'split': the first half of the rows is the train part, the second half test), then
 * VALID_FRACTION of the train part held out for validation. Slices = true circle membership; noisy
 * slices = circles2d's noisyMasks (the table's 'train' rows, i.e. training + validation rows).
 */
import { circleMasks, CIRCLE_NAMES, generateCircles2d, noisyMasks } from '../../../src/core/data/circles2d.ts';
import { prepareTrainData } from '../../../src/core/prepare.ts';
import { VALID_FRACTION, withSplit } from './split.ts';
import type { QualityTask } from './types.ts';

export const circles2d: QualityTask = {
  name: 'circles2d',
  family: 'metadata',
  description:
    "the paper's Figure 1 task: 8 small circles (~1.8% of rows each) on a linear boundary flip the label; SFs read metadata z0, z1 the model does not see (it gets a 64-d noisy embedding)",
  noisy: true,
  async build({ rows, seed, validFraction = VALID_FRACTION }) {
    const { table } = generateCircles2d({ rows, seed });
    const features = Array.from({ length: 64 }, (_, j) => `f${j}`);
    const named = (masks: Uint8Array[]) => masks.map((mask, k) => ({ name: CIRCLE_NAMES[k]!, mask }));
    const { data: prepared } = prepareTrainData(table, { label: 'label', features, splitColumn: 'split', seed }, named(circleMasks(table)));
    // The table's split column has train and valid: prepareTrainData's validIdx is its second half, our test rows.
    const { trainIdx: trainPart, validIdx: testIdx, ...base } = prepared;
    const data = withSplit(base, trainPart, testIdx, seed, validFraction);
    return { data, testIdx, noisySlices: (p, noiseSeed) => named(noisyMasks(table, p, noiseSeed)) };
  },
};
