/** The shared backbone: Linear(d, h) - ReLU - Linear(h, h) - ReLU. */
import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random.ts';
import { applyDense, createDense, denseVariables, type Dense } from './init.ts';

export interface Backbone {
  layers: [Dense, Dense];
  /** x [B, dim] -> z [B, hidden] */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  variables: tf.Variable[];
}

/** Draws the backbone's weights first from `rng`: every model kind built from the same seed shares this init. */
export function createBackbone(rng: Rng, dim: number, hidden: number): Backbone {
  const l1 = createDense(rng, dim, hidden, 'he');
  const l2 = createDense(rng, hidden, hidden, 'he');
  return {
    layers: [l1, l2],
    // x is data: no gradient w.r.t. it is needed.
    apply: (x) => applyDense(applyDense(x, l1, 'relu', false), l2, 'relu'),
    variables: denseVariables(l1, l2),
  };
}
