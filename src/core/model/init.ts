/**
 * Seeded weight initialisation. Values are drawn in JS from createRng(seed), so the same seed gives
 * bit-identical initial weights on every backend (tf.randomUniform would depend on the backend).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random.ts';
import { linear } from './linear.ts';

/** 'he': uniform(+-sqrt(6 / fanIn)), for layers followed by ReLU. 'glorot': uniform(+-sqrt(6 / (fanIn + fanOut))). */
export type InitKind = 'he' | 'glorot';

/** A linear layer y = x w + b. w [fanIn, blocks * fanOut], b [blocks * fanOut] (zeros). */
export interface Dense {
  w: tf.Variable;
  b: tf.Variable;
}

export function initLimit(kind: InitKind, fanIn: number, fanOut: number): number {
  return kind === 'he' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
}

/** Row-major [rows, cols] uniform(-limit, limit) from rng. */
export function uniformValues(rng: Rng, rows: number, cols: number, limit: number): Float32Array {
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng() - 1) * limit;
  return values;
}

/**
 * `blocks` independent Linear(fanIn, fanOut) layers side by side in one matrix, so one matmul applies
 * them all (used for SRAM's per-slice heads). Each block's limit uses its own fanIn/fanOut.
 */
export function createDense(rng: Rng, fanIn: number, fanOut: number, kind: InitKind, blocks = 1): Dense {
  const cols = fanOut * blocks;
  const limit = initLimit(kind, fanIn, fanOut);
  const values = uniformValues(rng, fanIn, cols, limit);
  // tidy: the initial-value tensors are disposed; the variables keep the data.
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor2d(values, [fanIn, cols])),
    b: tf.variable(tf.zeros([cols])),
  }));
}

/** y = act(x w + b), one fused kernel forward and transpose-free matMuls backward (linear.ts). x [B, fanIn] -> [B, cols]. */
export function applyDense(x: tf.Tensor2D, layer: Dense, activation?: 'relu', inputGrad = true): tf.Tensor2D {
  return linear(x, layer.w as tf.Tensor2D, layer.b as tf.Tensor1D, activation, inputGrad);
}

export function denseVariables(...layers: Dense[]): tf.Variable[] {
  return layers.flatMap((l) => [l.w, l.b]);
}

/** Seed of an independent stream derived from a run seed (e.g. SRAM's extra parameters). */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(stream, 0x85ebca6b) + 0x27d4eb2f) >>> 0;
}
