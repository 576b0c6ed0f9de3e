/**
 * moe: a mixture of per-slice experts, the paper's "one expert model per slice" baseline made
 * trainable in one run. S = K + 1 experts (the user slices, then base), each a whole network of the
 * backbone's shape plus a head; a gate routes each row from the base expert's representation.
 * Every layer of every expert is its own small matMul: per-expert 2-D matMuls (XNNPACK on wasm) ran
 * ~3x faster than one batched matMul over the experts, and a shared first matMul would need a split of
 * its [B, S*h] output, which tfjs-backend-wasm makes O(S x that tensor) per part (its slice reads the
 * whole input): 1.6 s of a step at 128 slices (issue 13).
 *
 *   H1_s = relu(x W1_s + b1_s)          W1_s [dim, h]
 *   H2_s = relu(H1_s W2_s + b2_s)        W2_s [h, h]
 *   lp_s = logSoftmax(H2_s W3_s + b3_s)  W3_s [h, C]                             [B, S, C]
 *   g    = softmax(H2_base Wg + bg)      the gate over the S experts            [B, S]
 *   P(y | x) = sum_s g_s exp(lp_s)       (computed as logsumexp_s(log g_s + lp_s))
 *   loss = CE(P, y) + expertLossWeight * sum_s mean_{rows in slice s} CE(lp_s, y)   (base: all rows)
 *        + CE(g, route)                  route: uniform over the slices a row is in, else base
 *
 * The gate learns slice membership from the SF masks during training; at inference it routes from x
 * alone (no SF). Parameters: about (K + 1) times plain's. Weights are drawn i.i.d. per layer (He for
 * the ReLU layers, Glorot for heads and gate) from streams derived from the seed.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../random.ts';
import { applyDense, createDense, denseVariables, deriveSeed, initLimit, uniformValues, type Dense } from './init.ts';
import { maskedMeans, maskRouting } from './losses.ts';
import { sliceAwareModel } from './sliceAwareModel.ts';
import type { Batch, Model, ModelSpec } from './types.ts';

/**
 * S layers of [rows, cols], one Dense each. Drawn as one block of values (the same numbers as one
 * [S, rows, cols] tensor), kept apart because plain 2-D matMuls per expert (XNNPACK on wasm) ran ~3x
 * faster than one batched matMul over the experts (tfjs-backend-wasm's BatchMatMul took ~70% of a step).
 */
function blocks(rng: Rng, s: number, rows: number, cols: number, kind: 'he' | 'glorot'): Dense[] {
  const values = uniformValues(rng, s * rows, cols, initLimit(kind, rows, cols));
  // tidy: the initial-value tensors are disposed; the variables keep the data.
  return tf.tidy(() =>
    Array.from({ length: s }, (_, i) => ({
      w: tf.variable(tf.tensor2d(values.subarray(i * rows * cols, (i + 1) * rows * cols), [rows, cols])),
      b: tf.variable(tf.zeros([cols])),
    })),
  );
}

/**
 * The experts' first layers: drawn as one [dim, S*h] block (expert i's columns i*h .. i*h + h - 1, the
 * draw of models exported before they were kept apart), kept as S Dense [dim, h].
 */
function firstLayers(rng: Rng, s: number, dim: number, h: number): Dense[] {
  const values = uniformValues(rng, dim, s * h, initLimit('he', dim, h));
  return tf.tidy(() =>
    Array.from({ length: s }, (_, i) => ({
      w: tf.variable(tf.tensor2d(columnBlock(values, dim, s, h, i), [dim, h])),
      b: tf.variable(tf.zeros([h])),
    })),
  );
}

/** Columns i*h .. i*h + h - 1 of a row-major [rows, s*h] matrix, as a row-major [rows, h] one. */
function columnBlock(values: Float32Array, rows: number, s: number, h: number, i: number): Float32Array {
  const block = new Float32Array(rows * h);
  for (let r = 0; r < rows; r++) block.set(values.subarray(r * s * h + i * h, r * s * h + i * h + h), r * h);
  return block;
}

/** A saved variable: shape and row-major values. */
interface SavedVariable {
  shape: number[];
  values: Float32Array;
}

/**
 * Variables of a moe model saved when its first layers were one Dense [dim, S*h] (+ [S*h]), in
 * today's order (S Dense [dim, h], then the rest unchanged); anything else is returned as is.
 */
export function upgradeMoeVariables<V extends SavedVariable>(saved: V[], spec: ModelSpec): V[] {
  const s = spec.slices.length + 1;
  const { dim, hidden: h } = spec;
  const [w, b] = saved;
  if (s === 1 || !w || !b || w.shape.length !== 2 || w.shape[0] !== dim || w.shape[1] !== s * h) return saved;
  const blocks = Array.from({ length: s }, (_, i) => [
    { ...w, shape: [dim, h], values: columnBlock(w.values, dim, s, h, i) },
    { ...b, shape: [h], values: b.values.slice(i * h, i * h + h) },
  ]);
  return [...blocks.flat(), ...saved.slice(2)];
}

export function createMoeModel(spec: ModelSpec): Model {
  const config = spec.model;
  if (config.kind !== 'moe') throw new Error(`createMoeModel needs a moe config, got '${config.kind}'`);
  const { expertLossWeight } = config;
  const { hidden: h, classes: c, dim } = spec;
  const s = spec.slices.length + 1;
  const rng = createRng(deriveSeed(spec.seed, 3));
  const first = firstLayers(rng, s, dim, h);
  const second = blocks(rng, s, h, h, 'he');
  const head = blocks(rng, s, h, c, 'glorot');
  const gate = createDense(rng, h, s, 'glorot');
  const variables = [...denseVariables(...first, ...second, ...head, gate)];

  /** lp [B, S, C] (each expert's log-probabilities) and the gate's log-weights [B, S]. */
  function forward(x: tf.Tensor2D): { lp: tf.Tensor3D; logGate: tf.Tensor2D } {
    const h2 = first.map((layer, i) => applyDense(applyDense(x, layer, 'relu', false), second[i]!, 'relu'));
    const logits = tf.stack(
      h2.map((part, i) => applyDense(part, head[i]!)),
      1,
    ); // [B, S, C]
    const lp = tf.logSoftmax(logits) as tf.Tensor3D;
    return { lp, logGate: tf.logSoftmax(applyDense(h2[s - 1]!, gate)) as tf.Tensor2D };
  }

  /** log P(y | x) [B, C] of the mixture. */
  const mixtureLogp = (lp: tf.Tensor3D, logGate: tf.Tensor2D) => tf.logSumExp(tf.add(lp, tf.expandDims(logGate, 2)), 1) as tf.Tensor2D;

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      const { lp, logGate } = forward(batch.x);
      const ceMix = tf.mean(tf.neg(tf.sum(tf.mul(mixtureLogp(lp, logGate), batch.yOneHot), 1)));
      const ceExperts = tf.neg(tf.sum(tf.mul(lp, tf.expandDims(batch.yOneHot, 1)), 2)) as tf.Tensor2D; // [B, S]
      const members = (batch.masks ? tf.concat([batch.masks, tf.ones([b, 1])], 1) : tf.ones([b, 1])) as tf.Tensor2D;
      const perExpert = tf.sum(maskedMeans(ceExperts, members));
      const route = maskRouting(batch.masks, b);
      const ceGate = tf.mean(tf.neg(tf.sum(tf.mul(route, logGate), 1)));
      return tf.addN([ceMix, tf.mul(perExpert, expertLossWeight), ceGate]) as tf.Scalar;
    });
  }

  return sliceAwareModel({
    spec,
    variables,
    infer: (x) => {
      const { lp, logGate } = forward(x);
      return { proba: tf.exp(mixtureLogp(lp, logGate)), attention: tf.exp(logGate) };
    },
    lossFn,
  });
}
