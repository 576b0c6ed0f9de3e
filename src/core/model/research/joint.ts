/**
 * Slice-aware model, combine 'joint': ONE head predicts the joint of the label and the slice group,
 * P(y, g | x) over C x S outcomes (g = one of the K user slices, or 'base' = in no slice), and the
 * prediction is its marginal P(y|x) = sum_g P(y, g | x).
 *
 *   z = backbone(x)                          [B, h]
 *   L = z W + b                              [B, S*C]  row-major [B, S, C]: group-major blocks of C
 *   training target T[g, c] = route[g] y[c]  route = maskRouting(masks): uniform over the slices a
 *                                            row is in, else base (teacher forcing by the SF masks)
 *   loss = sum_rows w_row * CE(softmax(L), T) / B,  w_row = finalSliceWeight if in any slice, else 1
 *   inference: L' = L - priorCorrection * log(finalSliceWeight) on the K slice groups,
 *              P(y|x) = sum_g softmax(L')[g, y],  attention = P(g|x) = sum_y softmax(L')[g, y]
 *
 * Why: weighting in-slice rows by w makes the optimum of the weighted loss P(y, g|x) * w^[g != base]
 * (up to normalisation): the SF information speeds up learning the slices exactly as the reweighted
 * model does, but the bias it adds to the decision is known and is divided out at inference
 * (priorCorrection 1 = fully, 0 = not at all: the reweighted model's decision). The marginal
 * P(y|x) is the same whatever g is, so noisy SFs change the auxiliary target, not what is predicted.
 * No mask at inference. Cost: a plain model with a C*(K+1)-wide head.
 * Draw order: backbone, then the joint head, from createRng(seed).
 */
import * as tf from '@tensorflow/tfjs';
import type { SramStructure } from '../sramStructure.ts';
import { createRng } from '../../random.ts';
import { createBackbone } from '../backbone.ts';
import { applyDense, createDense, denseVariables } from '../init.ts';
import { maskRouting, sliceWeights } from '../losses.ts';
import type { Batch, Model, ModelSpec } from '../types.ts';
import { sliceAwareModel } from '../sliceAwareModel.ts';

/** [S*C, cols] 0/1 matrix summing the joint's columns into groups (by: 'class' -> C cols, 'group' -> S cols). */
function summer(s: number, c: number, by: 'class' | 'group'): tf.Tensor2D {
  const cols = by === 'class' ? c : s;
  const values = new Float32Array(s * c * cols);
  for (let g = 0; g < s; g++) for (let k = 0; k < c; k++) values[(g * c + k) * cols + (by === 'class' ? k : g)] = 1;
  return tf.tensor2d(values, [s * c, cols]);
}

export function createJointModel(spec: ModelSpec, o: SramStructure): Model {
  const { hidden: h, classes: c } = spec;
  const k = spec.slices.length;
  const s = k + 1;
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, h);
  const head = createDense(rng, h, c, 'glorot', s); // each group's block initialised like a C-class head
  const variables = [...backbone.variables, ...denseVariables(head)];
  // Constants (not trained): summing matrices and the inference-time logit offset per joint column.
  const toClass = summer(s, c, 'class');
  const toGroup = summer(s, c, 'group');
  const shift = o.priorCorrection * Math.log(o.finalSliceWeight);
  const offset = tf.tensor1d(Array.from({ length: s * c }, (_, j) => (j < k * c ? -shift : 0)));
  const constants = [toClass, toGroup, offset];

  const logits = (x: tf.Tensor2D) => applyDense(backbone.apply(x), head);
  /** Corrected joint probabilities [B, S*C]. */
  const joint = (x: tf.Tensor2D) => tf.softmax(tf.add(logits(x), offset)) as tf.Tensor2D;

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      const route = maskRouting(batch.masks, b); // [B, S]
      // T[b, g*C + c] = route[b, g] * y[b, c]
      const target = tf.reshape(tf.mul(tf.expandDims(route, 2), tf.expandDims(batch.yOneHot, 1)), [b, s * c]);
      const ce = tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits(batch.x))), 1));
      return tf.div(tf.sum(tf.mul(sliceWeights(batch.masks, b, o.finalSliceWeight), ce)), b) as tf.Scalar;
    });
  }

  return sliceAwareModel({
    spec,
    variables,
    infer: (x) => {
      const p = joint(x);
      return { proba: tf.matMul(p, toClass) as tf.Tensor2D, attention: tf.matMul(p, toGroup) as tf.Tensor2D };
    },
    lossFn,
    constants,
  });
}
