/** Small seeded synthetic problems for unit tests and benchmarks (not used by the app). */
import { createRng, normal } from '../src/core/random.ts';
import type { TrainData } from '../src/core/train/types.ts';

export interface BlobOptions {
  rows: number;
  dim: number;
  classes: number;
  slices: number;
  seed: number;
  /** Distance of class centres from the origin (larger = more separable). */
  spread?: number;
  validFraction?: number;
}

/**
 * Gaussian blobs: class c centred at a random direction times `spread`, unit noise. Slice j = rows
 * whose feature j mod dim exceeds 1 (about 16% of rows), a feature-defined subgroup like an SF's.
 */
export function makeBlobs(o: BlobOptions): TrainData {
  const rng = createRng(o.seed);
  const spread = o.spread ?? 3;
  const centres = Array.from({ length: o.classes }, () => Array.from({ length: o.dim }, () => (normal(rng) * spread) / Math.sqrt(o.dim)));
  const x = new Float32Array(o.rows * o.dim);
  const y = new Int32Array(o.rows);
  for (let i = 0; i < o.rows; i++) {
    const c = Math.floor(rng() * o.classes);
    y[i] = c;
    for (let k = 0; k < o.dim; k++) x[i * o.dim + k] = centres[c]![k]! + normal(rng);
  }
  const slices = Array.from({ length: o.slices }, (_, j) => {
    const mask = new Uint8Array(o.rows);
    for (let i = 0; i < o.rows; i++) mask[i] = x[i * o.dim + (j % o.dim)]! > 1 ? 1 : 0;
    return { name: `slice_${j}`, mask };
  });
  const nValid = Math.round(o.rows * (o.validFraction ?? 0.25));
  const all = Int32Array.from({ length: o.rows }, (_, i) => i);
  return {
    x,
    dim: o.dim,
    y,
    classes: Array.from({ length: o.classes }, (_, c) => `c${c}`),
    slices,
    trainIdx: all.slice(nValid),
    validIdx: all.slice(0, nValid),
  };
}
