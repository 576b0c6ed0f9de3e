/**
 * The plain network every plain-headed model shares (plain, reweighted, hard sharing, Group DRO):
 * the backbone and one head, drawn from createRng(seed) in that order (SRAM draws its backbone and
 * final head the same way), so every model starts from plain's weights. Those models serve this head
 * alone; they differ only in their training loss and their extra (training-only) parameters.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { createBackbone, type Backbone } from './backbone.ts';
import { applyDense, createDense, denseVariables, type Dense } from './init.ts';
import type { Batch, Model, ModelSpec } from './types.ts';

export interface PlainNetwork {
  backbone: Backbone;
  head: Dense;
  /** x [B, dim] -> head logits [B, C]. */
  logits(x: tf.Tensor2D): tf.Tensor2D;
}

export function plainNetwork(spec: ModelSpec): PlainNetwork {
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, spec.hidden);
  const head = createDense(rng, spec.hidden, spec.classes, 'glorot');
  return { backbone, head, logits: (x) => applyDense(backbone.apply(x), head) };
}

/**
 * A model that predicts with the plain head. extra: trainable parameters the loss uses besides the
 * network's (after them in `variables`); state: tensors the model owns but does not train.
 */
export function plainHeadedModel(
  spec: ModelSpec,
  net: PlainNetwork,
  lossFn: (batch: Batch) => tf.Scalar,
  extra: tf.Variable[] = [],
  state: tf.Tensor[] = [],
): Model {
  const variables = [...net.backbone.variables, ...denseVariables(net.head), ...extra];
  const predictProba = (x: tf.Tensor2D) => tf.tidy(() => tf.softmax(net.logits(x)));
  return {
    kind: spec.model.kind,
    spec,
    variables,
    predictProba,
    predict: (x) => ({ proba: predictProba(x) }),
    lossFn: (batch) => tf.tidy(() => lossFn(batch)),
    dispose: () => [...variables, ...state].forEach((t) => t.dispose()),
  };
}
