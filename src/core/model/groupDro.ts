/**
 * groupDro: online Group DRO (Sagawa, Koh, Hashimoto & Liang, ICLR 2020) on the plain network.
 * Groups g = each user slice, then the rows in no slice ('outside'); they may overlap (a row in two
 * slices counts in both). Per batch:
 *
 *   L_g = mean CE over the batch's rows in group g                     [G]  (G = K + 1)
 *   q_g <- q_g * exp(eta * (L_g + sizeAdjustment / sqrt(n_g)))         only groups present in the batch
 *   q   <- q / sum(q)
 *   loss = sum_g q_g L_g                                               (q treated as a constant)
 *
 * q starts uniform and is state of the training run, not a parameter: it is not in `variables`
 * (nor exported), and a restored model starts it afresh. n_g: group g's training rows (spec.counts).
 * Inference: the plain head, from x alone.
 */
import * as tf from '@tensorflow/tfjs';
import { plainHeadedModel, plainNetwork } from './plainNetwork.ts';
import { crossEntropy, groupMasks, maskedMeans, stopGradient } from './losses.ts';
import type { Model, ModelSpec } from './types.ts';

export function createGroupDroModel(spec: ModelSpec): Model {
  const config = spec.model;
  if (config.kind !== 'groupDro') throw new Error(`createGroupDroModel needs a groupDro config, got '${config.kind}'`);
  const net = plainNetwork(spec);
  const sizes = [...spec.counts.slices, spec.counts.outside];
  const groups = sizes.length;
  const q = tf.tidy(() => tf.variable(tf.fill([groups], 1 / groups), false));
  const adjustment = tf.tensor1d(sizes.map((n) => config.sizeAdjustment / Math.sqrt(Math.max(n, 1))));
  return plainHeadedModel(
    spec,
    net,
    (batch) => {
      const rows = batch.x.shape[0];
      const ce = crossEntropy(net.logits(batch.x), batch.yOneHot);
      const m = groupMasks(batch.masks, rows); // [B, G]
      const losses = maskedMeans(ce, m); // [G], differentiable
      const present = tf.cast(tf.greater(tf.sum(m, 0), 0), 'float32');
      // The update reads the losses' values only: no gradient flows into q, nor through it.
      const step = tf.mul(tf.mul(tf.add(stopGradient(losses), adjustment), config.eta), present);
      const next = tf.mul(q, tf.exp(step));
      const updated = stopGradient(tf.div(next, tf.sum(next)) as tf.Tensor1D);
      q.assign(updated);
      return tf.sum(tf.mul(updated, losses)) as tf.Scalar;
    },
    [],
    [q, adjustment],
  );
}
