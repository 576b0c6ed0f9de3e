/**
 * SRAM expert confidence p_i in [0, 1], from the shared prediction head's log-probabilities.
 * Works for any number of classes C >= 2 except 'positiveClass' (the reference's P(class 1), binary only).
 */
import * as tf from '@tensorflow/tfjs';
import type { Confidence } from '../train/types.ts';

/** logp [B, S, C] (log-softmax over C) -> [B, S]. */
export function expertConfidence(logp: tf.Tensor3D, kind: Confidence): tf.Tensor2D {
  const classes = logp.shape[2];
  switch (kind) {
    case 'maxProb': {
      // max over C as a sum with a one-hot argMax mask: same value and gradient as tf.max (ties aside),
      // but tf.max's gradient uses a broadcasting tf.equal that is ~40x slower than this on wasm.
      const mask = tf.cast(tf.oneHot(tf.argMax(logp, 2), classes), 'float32');
      return tf.exp(tf.sum(tf.mul(logp, mask), 2));
    }
    case 'entropy': {
      // 1 - H / log(C), H = -sum p log p. 1 = one-hot prediction, 0 = uniform.
      const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 2));
      return tf.sub(1, tf.div(entropy, Math.log(classes)));
    }
    case 'positiveClass': {
      if (classes !== 2) throw new Error(`confidence 'positiveClass' needs 2 classes, got ${classes}`);
      const [b, s] = logp.shape;
      return tf.exp(tf.reshape(tf.slice(logp, [0, 0, 1], [b, s, 1]), [b, s]));
    }
  }
}
