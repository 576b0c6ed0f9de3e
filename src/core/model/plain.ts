/**
 * plain: backbone + Linear(h, C), softmax cross-entropy.
 * reweighted: the same network; each example's cross-entropy is weighted (mode 'constant': `weight` if
 * it lies in any user slice, else 1; 'inverseFrequency': see inverseFrequencyWeights) and the sum is
 * divided by the batch size (not by the sum of weights), so with 'constant' out-of-slice examples keep
 * exactly plain's gradient scale.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { createBackbone } from './backbone.ts';
import { applyDense, createDense, denseVariables } from './init.ts';
import { crossEntropy, groupRowWeights, inverseFrequencyWeights, sliceWeights } from './losses.ts';
import type { Model, ModelSpec } from './types.ts';

export function createPlainModel(spec: ModelSpec): Model {
  const config = spec.model;
  if (config.kind !== 'plain' && config.kind !== 'reweighted') throw new Error(`createPlainModel cannot build '${config.kind}'`);
  const inverse = config.kind === 'reweighted' && config.mode === 'inverseFrequency' ? inverseFrequencyWeights(spec.counts) : null;
  // Draw order: backbone, then head. SRAM draws its backbone and final head in the same order.
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, spec.hidden);
  const head = createDense(rng, spec.hidden, spec.classes, 'glorot');
  const variables = [...backbone.variables, ...denseVariables(head)];
  const logits = (x: tf.Tensor2D) => applyDense(backbone.apply(x), head);
  const predictProba = (x: tf.Tensor2D) => tf.tidy(() => tf.softmax(logits(x)));

  return {
    kind: config.kind,
    spec,
    variables,
    predictProba,
    predict: (x) => ({ proba: predictProba(x) }),
    lossFn: (batch) =>
      tf.tidy(() => {
        const ce = crossEntropy(logits(batch.x), batch.yOneHot);
        if (config.kind === 'plain') return tf.mean(ce) as tf.Scalar;
        const rows = batch.x.shape[0];
        const w = inverse ? groupRowWeights(batch.masks, rows, inverse) : sliceWeights(batch.masks, rows, config.weight);
        return tf.div(tf.sum(tf.mul(w, ce)), rows) as tf.Scalar;
      }),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}
