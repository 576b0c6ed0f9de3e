/**
 * overlapMulticlass: overlapping slices and 3 classes.
 *
 * z ~ U[-1, 1]^2 (metadata for the SFs). Base label: the 120-degree sector of z's angle,
 * class = floor((atan2(z1, z0) + pi) / (2 pi / 3)) in {0, 1, 2}. Six circles of radius 0.18 sit in
 * pairs on the three sector boundaries (at distances 0.35 and 0.6 from the origin), so the two
 * circles of a pair overlap; each covering circle shifts the label by +1 mod 3 (in an overlap: +2).
 * Each circle holds ~2.5% of rows. Model input: a 32-d embedding x = z R + 0.01 N(0, 1) with a fixed
 * random R, as circles2d. Draws from createRng(seed): R (64 normals), then per row z0, z1 and its
 * 32 noise normals.
 */
import { createRng, normal } from '../../../src/core/random.ts';
import { noisyTrainSlices, standardise } from './noise.ts';
import { halfSplit, VALID_FRACTION, withSplit } from './split.ts';
import type { QualityTask } from './types.ts';

const DIM = 32;
const CLASSES = 3;
const RADIUS = 0.18;

/** Circle centres: for each sector boundary angle, two circles along its ray. */
const CENTRES: [number, number][] = [-Math.PI, -Math.PI / 3, Math.PI / 3].flatMap((angle) =>
  [0.35, 0.6].map((d): [number, number] => [d * Math.cos(angle), d * Math.sin(angle)]),
);
const NAMES = CENTRES.map((_, k) => `ring${Math.floor(k / 2) + 1}_${k % 2 === 0 ? 'inner' : 'outer'}`);

export const overlapMulticlass: QualityTask = {
  name: 'overlapMulticlass',
  family: 'metadata',
  noisy: true,
  description:
    '3 classes by angular sector; 6 circles (~2.5% of rows each) in overlapping pairs on the sector boundaries, each shifting the label by +1 mod 3; SFs read metadata z, the model a 32-d embedding',
  async build({ rows, seed, validFraction = VALID_FRACTION }) {
    const rng = createRng(seed);
    const R = Float64Array.from({ length: 2 * DIM }, () => normal(rng));
    const x = new Float32Array(rows * DIM);
    const y = new Int32Array(rows);
    const masks = CENTRES.map(() => new Uint8Array(rows));
    for (let r = 0; r < rows; r++) {
      const z0 = 2 * rng() - 1;
      const z1 = 2 * rng() - 1;
      let label = Math.min(CLASSES - 1, Math.floor(((Math.atan2(z1, z0) + Math.PI) / (2 * Math.PI)) * CLASSES));
      CENTRES.forEach(([cx, cy], k) => {
        if ((z0 - cx) ** 2 + (z1 - cy) ** 2 < RADIUS * RADIUS) {
          masks[k]![r] = 1;
          label = (label + 1) % CLASSES;
        }
      });
      y[r] = label;
      for (let j = 0; j < DIM; j++) x[r * DIM + j] = z0 * R[j]! + z1 * R[DIM + j]! + 0.01 * normal(rng);
    }
    const { trainPart, testIdx } = halfSplit(rows);
    standardise(x, DIM, trainPart);
    const slices = NAMES.map((name, k) => ({ name, mask: masks[k]! }));
    return {
      data: withSplit({ x, dim: DIM, y, classes: ['a', 'b', 'c'], slices }, trainPart, testIdx, seed, validFraction),
      testIdx,
      noisySlices: (p, noiseSeed) => noisyTrainSlices(slices, trainPart, p, noiseSeed),
    };
  },
};
