/**
 * Slice-aware model, combine 'learnedWeight': the plain network whose loss weights in-slice rows by
 * the model's OWN estimate of slice membership, learned from the SF masks by indicator heads.
 *
 *   z = backbone(x)                              [B, h]
 *   logits = z Wf + bf                           [B, C]   the prediction (as plain)
 *   d = z Wind + bind                            [B, K+1] indicator logits: K slices, then "any slice"
 *   s = membership(weightSource)                 [B]      in [0, 1], NO gradient (treated as data)
 *       'masks': in any slice by the SFs (= the reweighted model's weights)
 *       'predicted': sigmoid(d_any), the learned P(in any slice | x)
 *       'both': (masks + sigmoid(d_any)) / 2
 *   loss = sum_rows (1 + (w - 1) s) CE(logits, y) / B  +  indicatorWeight * indicatorLoss(d, [masks, any])
 *
 * Why: with noisy SFs, random non-members marked by an SF are isolated points, and dropped members
 * sit among marked neighbours; a smooth learned membership discounts the first and restores the
 * second, so the weighting lands on the slice, not on the SF's mistakes. The indicator loss also
 * gives the backbone the slices as an auxiliary target.
 * Inference: softmax(logits) from x alone. attention = softmax([d_1 .. d_K, 0]) (slice memberships
 * as weights over the experts list), for display only: it does not enter the prediction.
 * detachIndicators: d reads z without passing gradient into the backbone (the aux task cannot hurt it).
 * Draw order: backbone and final head from createRng(seed) (the plain model's init), the indicator
 * heads from a derived stream.
 */
import * as tf from '@tensorflow/tfjs';
import type { SramStructure } from '../sramStructure.ts';
import { createRng } from '../../random.ts';
import { createBackbone } from '../backbone.ts';
import { applyDense, createDense, denseVariables, deriveSeed } from '../init.ts';
import { crossEntropy, indicatorLoss, stopGradient } from '../losses.ts';
import type { Batch, Model, ModelSpec } from '../types.ts';
import { sliceAwareModel } from '../sliceAwareModel.ts';

export function createLearnedWeightModel(spec: ModelSpec, o: SramStructure): Model {
  const { hidden: h, classes: c } = spec;
  const k = spec.slices.length;
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, h);
  const head = createDense(rng, h, c, 'glorot');
  const indicator = k > 0 ? createDense(createRng(deriveSeed(spec.seed, 1)), h, 1, 'glorot', k + 1) : null;
  const variables = [...backbone.variables, ...denseVariables(head), ...(indicator ? denseVariables(indicator) : [])];

  function forward(x: tf.Tensor2D): { logits: tf.Tensor2D; d: tf.Tensor2D | null } {
    const z = backbone.apply(x);
    return { logits: applyDense(z, head), d: indicator ? applyDense(o.detachIndicators ? stopGradient(z) : z, indicator) : null };
  }

  /** softmax([d_1 .. d_K, 0]) [B, K+1]; [B, 1] of ones without slices. */
  const attention = (d: tf.Tensor2D | null, b: number): tf.Tensor2D =>
    d ? (tf.softmax(tf.concat([tf.slice(d, [0, 0], [b, k]), tf.zeros([b, 1])], 1)) as tf.Tensor2D) : tf.ones([b, 1]);

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      const f = forward(batch.x);
      const ce = crossEntropy(f.logits, batch.yOneHot);
      if (!f.d || !batch.masks) return tf.mean(ce) as tf.Scalar;
      const inAny = tf.max(batch.masks, 1, true); // [B, 1]
      const qAny = tf.reshape(stopGradient(tf.sigmoid(tf.slice(f.d, [0, k], [b, 1])) as tf.Tensor2D), [b]);
      const m = tf.reshape(inAny, [b]);
      const s = o.weightSource === 'masks' ? m : o.weightSource === 'predicted' ? qAny : tf.mul(tf.add(m, qAny), 0.5);
      const w = tf.add(1, tf.mul(s, o.finalSliceWeight - 1));
      const final = tf.div(tf.sum(tf.mul(w, ce)), b);
      const ind = indicatorLoss(f.d, tf.concat([batch.masks, inAny], 1) as tf.Tensor2D, o.indicatorLoss);
      return tf.add(final, tf.mul(ind, o.indicatorWeight)) as tf.Scalar;
    });
  }

  return sliceAwareModel({
    spec,
    variables,
    infer: (x) => {
      const f = forward(x);
      return { proba: tf.softmax(f.logits), attention: attention(f.d, x.shape[0]) };
    },
    lossFn,
  });
}
