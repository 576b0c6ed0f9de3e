/** Loss building blocks shared by the models. */
import * as tf from '@tensorflow/tfjs';

/** Per-example softmax cross-entropy. logits [B, C], yOneHot [B, C] -> [B]. Stable (log-softmax). */
export function crossEntropy(logits: tf.Tensor2D, yOneHot: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(yOneHot, tf.logSoftmax(logits)), 1));
}

/**
 * Reweighted model's per-example loss weights: sliceWeight if the example is in ANY user slice, else 1.
 * masks [B, K] 0/1 (null when K = 0) -> [B].
 */
export function sliceWeights(masks: tf.Tensor2D | null, rows: number, sliceWeight: number): tf.Tensor1D {
  if (!masks || masks.shape[1] === 0) return tf.ones([rows]);
  const inAny = tf.max(masks, 1) as tf.Tensor1D;
  return tf.add(1, tf.mul(inAny, sliceWeight - 1));
}
