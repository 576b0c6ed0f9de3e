/**
 * The one face of every slice-aware variant (attention SRAM, gated mixture, joint head, learned
 * weighting): a single inference pass from features alone gives the class probabilities [B, C] and
 * the routing weights over the experts [B, K + 1] (user slices, then base). predictProba, predict and
 * attention are all that pass, so the variants cannot drift apart in what they serve.
 */
import * as tf from '@tensorflow/tfjs';
import { BASE_SLICE } from '../train/types.ts';
import type { Batch, Model, ModelSpec } from './types.ts';

export interface SliceAwareParts {
  spec: ModelSpec;
  variables: tf.Variable[];
  /** Called inside tf.tidy: may allocate freely. No slice mask: inference needs only x. */
  infer(x: tf.Tensor2D): { proba: tf.Tensor2D; attention: tf.Tensor2D };
  lossFn(batch: Batch): tf.Scalar;
  /** Tensors besides the variables that the model owns (constants), disposed with it. */
  constants?: tf.Tensor[];
}

export function sliceAwareModel(parts: SliceAwareParts): Model {
  const { spec, variables, infer } = parts;
  return {
    kind: spec.model.kind,
    spec,
    variables,
    experts: [...spec.slices, BASE_SLICE],
    predictProba: (x) => tf.tidy(() => infer(x).proba),
    predict: (x) => tf.tidy(() => infer(x)),
    attention: (x) => tf.tidy(() => infer(x).attention),
    lossFn: parts.lossFn,
    dispose: () => [...variables, ...(parts.constants ?? [])].forEach((t) => t.dispose()),
  };
}
