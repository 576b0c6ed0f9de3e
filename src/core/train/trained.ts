/** A trained model behind plain arrays: what a worker keeps for predictions and export. */
import * as tf from '@tensorflow/tfjs';
import type { Model } from '../model/types.ts';
import type { ModelKind } from './types.ts';

/** Rows per forward pass (bounds backend memory). */
const CHUNK = 4096;

export interface TrainedModel {
  readonly kind: ModelKind;
  readonly dim: number;
  readonly classes: number;
  /** Attention expert names (user slices, then base), SRAM only. */
  readonly experts?: string[];
  /** x: [rows, dim] row-major -> class probabilities [rows, C] row-major. Uses features only. */
  predictProba(x: Float32Array, dim: number): Float32Array;
  /** SRAM only: x [rows, dim] -> attention [rows, S] over `experts`. */
  attention?(x: Float32Array, dim: number): Float32Array;
  dispose(): void;
}

function runChunked(x: Float32Array, dim: number, expectDim: number, cols: number, fn: (x: tf.Tensor2D) => tf.Tensor2D): Float32Array {
  if (dim !== expectDim) throw new Error(`model expects ${expectDim} features, got ${dim}`);
  if (x.length % dim !== 0) throw new Error(`x has ${x.length} values, not a multiple of dim ${dim}`);
  const rows = x.length / dim;
  const out = new Float32Array(rows * cols);
  for (let start = 0; start < rows; start += CHUNK) {
    const size = Math.min(CHUNK, rows - start);
    const values = tf.tidy(() => fn(tf.tensor2d(x.subarray(start * dim, (start + size) * dim), [size, dim])).dataSync());
    out.set(values, start * cols);
  }
  return out;
}

export function toTrainedModel(model: Model): TrainedModel {
  const { dim, classes } = model.spec;
  const attention = model.attention;
  const experts = model.experts;
  return {
    kind: model.kind,
    dim,
    classes,
    ...(experts ? { experts: [...experts] } : {}),
    predictProba: (x, d) => runChunked(x, d, dim, classes, (t) => model.predictProba(t)),
    ...(attention && experts
      ? { attention: (x: Float32Array, d: number) => runChunked(x, d, dim, experts.length, (t) => attention(t)) }
      : {}),
    dispose: () => model.dispose(),
  };
}
