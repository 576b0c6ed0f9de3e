/** Loss building blocks shared by the models. */
import * as tf from '@tensorflow/tfjs';

/** Per-example softmax cross-entropy. logits [B, C], yOneHot [B, C] -> [B]. Stable (log-softmax). */
export function crossEntropy(logits: tf.Tensor2D, yOneHot: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(yOneHot, tf.logSoftmax(logits)), 1));
}

/**
 * Constant reweighting's per-example loss weights: sliceWeight if the example is in ANY user slice, else 1.
 * masks [B, K] 0/1 (null when K = 0) -> [B].
 */
export function sliceWeights(masks: tf.Tensor2D | null, rows: number, sliceWeight: number): tf.Tensor1D {
  if (!masks || masks.shape[1] === 0) return tf.ones([rows]);
  const inAny = tf.max(masks, 1) as tf.Tensor1D;
  return tf.add(1, tf.mul(inAny, sliceWeight - 1));
}

/**
 * Inverse-frequency group weights: each non-empty group (every slice, and the rows in no slice) gets
 * weight rows / (groups * its size), so every group's total weight is about rows / groups (exactly,
 * when slices do not overlap) and the weights average about 1 over the training rows.
 */
export function inverseFrequencyWeights(counts: { slices: number[]; outside: number; rows: number }): {
  slices: number[];
  outside: number;
} {
  const sizes = [...counts.slices, counts.outside];
  const groups = sizes.filter((n) => n > 0).length || 1;
  const w = (n: number) => (n > 0 ? counts.rows / (groups * n) : 0);
  return { slices: counts.slices.map(w), outside: w(counts.outside) };
}

/**
 * Per-example weights from group weights: a row in slices weighs its largest slice weight (its
 * smallest slice's, under inverse frequency), a row in none weighs `outside`. masks [B, K] | null -> [B].
 */
export function groupRowWeights(masks: tf.Tensor2D | null, rows: number, weights: { slices: number[]; outside: number }): tf.Tensor1D {
  if (!masks || masks.shape[1] === 0) return tf.fill([rows], weights.outside);
  const inAny = tf.max(masks, 1);
  const inSlice = tf.max(tf.mul(masks, tf.tensor1d(weights.slices)), 1);
  return tf.add(inSlice, tf.mul(tf.sub(1, inAny), weights.outside));
}

/**
 * Group membership [B, K + 1]: the K slice masks, then 1 for rows in no slice (the 'outside' group).
 * masks null (K = 0): every row is outside.
 */
export function groupMasks(masks: tf.Tensor2D | null, rows: number): tf.Tensor2D {
  if (!masks || masks.shape[1] === 0) return tf.ones([rows, 1]);
  return tf.concat([masks, tf.sub(1, tf.max(masks, 1, true))], 1) as tf.Tensor2D;
}

/** Mean of per-row values v [B] (or [B, G]) over each column of a 0/1 matrix m [B, G] -> [G]; 0 for an empty column. */
export function maskedMeans(v: tf.Tensor, m: tf.Tensor2D): tf.Tensor1D {
  const values = v.rank === 1 ? tf.expandDims(v, 1) : v;
  return tf.div(tf.sum(tf.mul(m, values), 0), tf.maximum(tf.sum(m, 0), 1)) as tf.Tensor1D;
}

/**
 * Indicator loss from logits d [B, S] against 0/1 targets m [B, S]; summed over the S slices.
 * 'plain': binary cross-entropy, mean over the B rows (softplus(-d) in the slice, softplus(d) outside).
 * 'balanced': per slice, the mean over its in-slice rows plus the mean over its out-of-slice rows
 * (a class absent from the batch contributes 0), so a 2%-coverage slice's members are not drowned out.
 */
export function indicatorLoss(d: tf.Tensor2D, m: tf.Tensor2D, kind: 'plain' | 'balanced'): tf.Scalar {
  const ce = tf.softplus(tf.mul(d, tf.sub(1, tf.mul(m, 2)))); // [B, S]
  if (kind === 'plain') return tf.div(tf.sum(ce), d.shape[0]) as tf.Scalar;
  const out = tf.sub(1, m);
  const pos = tf.div(tf.sum(tf.mul(ce, m), 0), tf.maximum(tf.sum(m, 0), 1));
  const neg = tf.div(tf.sum(tf.mul(ce, out), 0), tf.maximum(tf.sum(out, 0), 1));
  return tf.sum(tf.add(pos, neg)) as tf.Scalar;
}

/**
 * Routing from the SF masks (teacher forcing). masks [B, K] 0/1 (null: K = 0) -> [B, K + 1] rows
 * summing to 1: uniform over the user slices a row is in, else all weight on the base column (last).
 */
export function maskRouting(masks: tf.Tensor2D | null, rows: number): tf.Tensor2D {
  if (!masks || masks.shape[1] === 0) return tf.ones([rows, 1]);
  const inAny = tf.max(masks, 1, true);
  const m = tf.concat([masks, tf.sub(1, inAny)], 1);
  return tf.div(m, tf.sum(m, 1, true)) as tf.Tensor2D;
}

/** Identity forward, zero gradient backward: x is used as a constant. */
export const stopGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)] };
}) as <T extends tf.Tensor>(x: T) => T;
