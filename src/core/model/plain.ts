/**
 * plain: backbone + Linear(h, C), softmax cross-entropy.
 * reweighted: the same network; each example's cross-entropy is weighted (mode 'constant': `weight` if
 * it lies in any user slice, else 1; 'inverseFrequency': see inverseFrequencyWeights) and the sum is
 * divided by the batch size (not by the sum of weights), so with 'constant' out-of-slice examples keep
 * exactly plain's gradient scale.
 */
import * as tf from '@tensorflow/tfjs';
import { plainHeadedModel, plainNetwork } from './plainNetwork.ts';
import { crossEntropy, groupRowWeights, inverseFrequencyWeights, sliceWeights } from './losses.ts';
import type { Model, ModelSpec } from './types.ts';

export function createPlainModel(spec: ModelSpec): Model {
  const config = spec.model;
  if (config.kind !== 'plain' && config.kind !== 'reweighted') throw new Error(`createPlainModel cannot build '${config.kind}'`);
  const inverse = config.kind === 'reweighted' && config.mode === 'inverseFrequency' ? inverseFrequencyWeights(spec.counts) : null;
  const net = plainNetwork(spec);
  return plainHeadedModel(spec, net, (batch) => {
    const ce = crossEntropy(net.logits(batch.x), batch.yOneHot);
    if (config.kind === 'plain') return tf.mean(ce) as tf.Scalar;
    const rows = batch.x.shape[0];
    const w = inverse ? groupRowWeights(batch.masks, rows, inverse) : sliceWeights(batch.masks, rows, config.weight);
    return tf.div(tf.sum(tf.mul(w, ce)), rows) as tf.Scalar;
  });
}
