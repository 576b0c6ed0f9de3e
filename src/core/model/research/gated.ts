/**
 * Slice-aware model, combine 'mixture': a mixture of slice experts' PREDICTIONS gated by the
 * indicator heads, with S = K + 1 experts (K user slices in mask-column order, then 'base').
 *
 *   z     = backbone(x)                                   [B, h]
 *   d     = z Wind + bind                                 [B, K]   indicator logits, q = sigmoid(d)
 *   g     = softmax([d, 0])                               [B, S]   gate (one slice: g_i = q_i)
 *   E_i   = Pred(act(z Wexp_i + bexp_i))                  [B, K, C] slice experts (shared Pred head)
 *   E_base = Final(z)                                     [B, C]   the plain model's head
 *   log P(y|x) = logsumexp_i(log g_i + logSoftmax(E_i))   [B, C]
 *
 * With calibrated indicators, g_i = P(slice i | x) and E_i = P(y | x, slice i), this is the
 * decomposition P(y|x) = sum_s P(s|x) P(y|x, s): the final prediction stays a proper posterior (no
 * reweighting bias) while each slice gets its own expert.
 *
 * Training (SramOptions):
 *   loss = CE(final; gate_train)                      weighted finalSliceWeight on in-slice rows
 *        + indicatorWeight * indicatorLoss(d, masks)  plain or balanced BCE (losses.ts)
 *        + expertWeight * sum_i mean_{rows in i} CE(E_i)
 *   gate_train = (1 - t) g + t * maskRouting(masks), t = teacherForcing. With t = 1 the final loss
 *   trains each expert on its slice's rows and the base head on the other rows, and the indicators
 *   learn only from their own loss.
 * Inference (predictProba / attention) uses g only: no SF mask is needed. attention = g.
 * Draw order: backbone then base head from createRng(seed) (same init as plain); the rest from a
 * derived stream.
 */
import * as tf from '@tensorflow/tfjs';
import type { SramStructure } from '../sramStructure.ts';
import { createRng } from '../../random.ts';
import { createBackbone } from '../backbone.ts';
import { applyDense, createDense, denseVariables, deriveSeed } from '../init.ts';
import { indicatorLoss, maskRouting, sliceWeights, stopGradient } from '../losses.ts';
import type { Batch, Model, ModelSpec } from '../types.ts';
import { sliceAwareModel } from '../sliceAwareModel.ts';

/** log of a routing weight that may be exactly 0 (teacher forcing): floored at e^-30. */
const LOG_FLOOR = 1e-13;

export function createGatedModel(spec: ModelSpec, o: SramStructure): Model {
  const { hidden: h, classes: c } = spec;
  const k = spec.slices.length;
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, h);
  const baseHead = createDense(rng, h, c, 'glorot');
  const rng2 = createRng(deriveSeed(spec.seed, 1));
  // No user slice: the model is plain (no slice parameters are created).
  const slice =
    k > 0
      ? {
          indicator: createDense(rng2, h, 1, 'glorot', k),
          experts: createDense(rng2, h, h, o.expert === 'mlp' ? 'he' : 'glorot', k),
          pred: createDense(rng2, h, c, 'glorot'),
        }
      : null;
  const variables = [
    ...backbone.variables,
    ...denseVariables(baseHead),
    ...(slice ? denseVariables(slice.indicator, slice.experts, slice.pred) : []),
  ];

  /** Per-expert log-probabilities [B, S, C] (slices, then base) and indicator logits [B, K]. */
  function forward(x: tf.Tensor2D): { logp: tf.Tensor3D; d: tf.Tensor2D | null } {
    const b = x.shape[0];
    const z = backbone.apply(x);
    const baseLogp = tf.reshape(tf.logSoftmax(applyDense(z, baseHead)), [b, 1, c]);
    if (!slice) return { logp: baseLogp as tf.Tensor3D, d: null };
    const d = applyDense(o.detachIndicators ? stopGradient(z) : z, slice.indicator);
    const reps = applyDense(z, slice.experts, o.expert === 'mlp' ? 'relu' : undefined); // [B, K*h]
    const expertLogp = tf.reshape(tf.logSoftmax(applyDense(tf.reshape(reps, [b * k, h]), slice.pred)), [b, k, c]);
    return { logp: tf.concat([expertLogp, baseLogp], 1) as tf.Tensor3D, d };
  }

  /** log g [B, S] from indicator logits: logSoftmax([d, 0]). */
  const logGate = (d: tf.Tensor2D | null, b: number): tf.Tensor2D =>
    d ? tf.logSoftmax(tf.concat([d, tf.zeros([b, 1])], 1)) : tf.zeros([b, 1]);

  /** log P(y|x) [B, C] = logsumexp over experts of log g + log P_i. */
  const mix = (logp: tf.Tensor3D, logG: tf.Tensor2D): tf.Tensor2D => tf.logSumExp(tf.add(logp, tf.expandDims(logG, 2)), 1) as tf.Tensor2D;

  function inferLogp(x: tf.Tensor2D): { logp: tf.Tensor2D; gate: tf.Tensor2D } {
    const f = forward(x);
    const logG = logGate(f.d, x.shape[0]);
    return { logp: mix(f.logp, logG), gate: tf.exp(logG) as tf.Tensor2D };
  }

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      const f = forward(batch.x);
      const logG = logGate(f.d, b);
      const t = o.teacherForcing;
      const gateTrain =
        t > 0 && batch.masks && k > 0
          ? (tf.log(tf.add(tf.add(tf.mul(tf.exp(logG), 1 - t), tf.mul(maskRouting(batch.masks, b), t)), LOG_FLOOR)) as tf.Tensor2D)
          : logG;
      const ce = tf.neg(tf.sum(tf.mul(mix(f.logp, gateTrain), batch.yOneHot), 1));
      const ceFinal = tf.div(tf.sum(tf.mul(sliceWeights(batch.masks, b, o.finalSliceWeight), ce)), b);
      if (!f.d || !batch.masks) return ceFinal as tf.Scalar;
      const terms: tf.Tensor[] = [ceFinal];
      if (o.indicatorWeight > 0) terms.push(tf.mul(indicatorLoss(f.d, batch.masks, o.indicatorLoss), o.indicatorWeight));
      if (o.expertWeight > 0) {
        const m = batch.masks;
        const expertLogp = tf.slice(f.logp, [0, 0, 0], [b, k, c]);
        const cePred = tf.neg(tf.sum(tf.mul(expertLogp, tf.expandDims(batch.yOneHot, 1)), 2)); // [B, K]
        const perSlice = tf.div(tf.sum(tf.mul(m, cePred), 0), tf.maximum(tf.sum(m, 0), 1));
        terms.push(tf.mul(tf.sum(perSlice), o.expertWeight));
      }
      return tf.addN(terms) as tf.Scalar;
    });
  }

  return sliceAwareModel({
    spec,
    variables,
    infer: (x) => {
      const { logp, gate } = inferLogp(x);
      return { proba: tf.exp(logp) as tf.Tensor2D, attention: gate };
    },
    lossFn,
  });
}
