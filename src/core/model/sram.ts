/**
 * Slice-aware model: SRAM (Slice Residual Attention Modules, Chen et al. 2019), vectorised over the
 * S = K + 1 slices (K user slices in mask-column order, then 'base' covering every example).
 *
 *   z   = backbone(x)                                   [B, h]
 *   d   = z Wind + bind                                 [B, S]   one matmul for all indicator heads
 *   q   = sigmoid(d) = P(in slice)                      [B, S]
 *   R   = z Wexp + bexp                                 [B, S*h] one matmul for all expert transforms
 *   lp  = logSoftmax(R_i Wpred + bpred), shared head    [B, S, C] one matmul over [B*S, h]
 *   p   = confidence(lp)                                [B, S]   (maxProb | entropy | positiveClass)
 *   a   = softmax_i(q * p / T)                          [B, S]
 *   r   = sum_i a_i R_i                                 [B, h]
 *   y   = softmax(r Wfin + bfin)                        [B, C]
 *   loss = CE_final + sum_i CE_ind_i (all rows) + sum_i mean_{rows in slice i} CE_pred_i
 *
 * Indicator heads: the reference's Linear(h, 2) + softmax gives softmax([l0, l1])[1] = sigmoid(l1 - l0),
 * so each head is kept as the single logit d = l1 - l0 (same function class, half the parameters) and
 * its cross-entropy is softplus(-d) in the slice, softplus(d) outside: softplus(d * (1 - 2m)).
 * Columns are keyed by position in spec.slices (the caller's slice order), never by sorted names.
 * At inference no mask is used: predictProba / attention need only x.
 *
 * spec.sram (SramOptions, absent = the reference) changes, in training only unless said:
 *   expert 'mlp'            R = relu(z Wexp + bexp) (also at inference)
 *   residual                r = z + sum_i a_i R_i   (also at inference)
 *   teacherForcing t        a_train = (1 - t) a + t * maskRouting(masks)
 *   finalSliceWeight w      CE_final weighted w on rows in any user slice (sum / B)
 *   indicatorLoss, indicatorWeight, expertWeight: the indicator and per-slice terms' form and weights.
 * With combine 'mixture' the factory (index.ts) builds gated.ts instead.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { createBackbone } from './backbone.ts';
import { expertConfidence } from './confidence.ts';
import { applyDense, createDense, denseVariables, deriveSeed } from './init.ts';
import { crossEntropy, indicatorLoss, maskRouting, sliceWeights } from './losses.ts';
import { SRAM_PRESETS } from '../train/types.ts';
import type { Batch, Model, ModelSpec } from './types.ts';
import { sliceAwareModel } from './sliceAwareModel.ts';

interface Forward {
  logits: tf.Tensor2D; // [B, C] final head
  indicator: tf.Tensor2D; // [B, S] indicator logits d
  predLogp: tf.Tensor3D; // [B, S, C] shared prediction head log-probabilities per expert
  attention: tf.Tensor2D; // [B, S]
}

export function createSliceAwareModel(spec: ModelSpec): Model {
  const { hidden: h, classes: c } = spec;
  const s = spec.slices.length + 1;
  if (spec.confidence === 'positiveClass' && c !== 2) {
    throw new Error(`SRAM confidence 'positiveClass' is binary only; this task has ${c} classes (use 'maxProb' or 'entropy')`);
  }
  // Same stream and draw order as plain: backbone then final head, so both start from identical weights.
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, h);
  const final = createDense(rng, h, c, 'glorot');
  // SRAM-only parameters from an independent stream.
  const rng2 = createRng(deriveSeed(spec.seed, 1));
  const indicator = createDense(rng2, h, 1, 'glorot', s);
  const experts = createDense(rng2, h, h, 'glorot', s);
  const pred = createDense(rng2, h, c, 'glorot');
  const variables = [...backbone.variables, ...denseVariables(final, indicator, experts, pred)];
  const invT = 1 / spec.temperature;
  const o = spec.sram ?? SRAM_PRESETS.reference;

  /** masks: the batch's SF masks for teacher forcing (training only), else null. */
  function forward(x: tf.Tensor2D, masks: tf.Tensor2D | null = null): Forward {
    const b = x.shape[0];
    const z = backbone.apply(x);
    const d = applyDense(z, indicator);
    // [B, S*h]: row-major, so [B*S, h] is a free reshape
    const reps = applyDense(z, experts, o.expert === 'mlp' ? 'relu' : undefined);
    const predLogits = applyDense(tf.reshape(reps, [b * s, h]), pred);
    const predLogp = tf.reshape(tf.logSoftmax(predLogits), [b, s, c]) as tf.Tensor3D;
    const conf = expertConfidence(predLogp, spec.confidence);
    const attention = tf.softmax(tf.mul(tf.mul(tf.sigmoid(d), conf), invT)) as tf.Tensor2D;
    const t = o.teacherForcing;
    const route = masks && t > 0 ? (tf.add(tf.mul(attention, 1 - t), tf.mul(maskRouting(masks, b), t)) as tf.Tensor2D) : attention;
    // r = sum_i a_i R_i as a broadcast multiply + reduce (cheaper than a batched [1,S]x[S,h] matmul on wasm).
    const mixed = tf.sum(tf.mul(tf.reshape(reps, [b, s, h]), tf.expandDims(route, 2)), 1) as tf.Tensor2D;
    const r = o.residual ? tf.add(z, mixed) as tf.Tensor2D : mixed;
    return { logits: applyDense(r, final), indicator: d, predLogp, attention };
  }

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      const f = forward(batch.x, batch.masks);
      const base = tf.ones([b, 1]);
      const m = (batch.masks ? tf.concat([batch.masks, base], 1) : base) as tf.Tensor2D; // [B, S]
      const ce = crossEntropy(f.logits, batch.yOneHot);
      const ceFinal = o.finalSliceWeight === 1 ? tf.mean(ce) : tf.div(tf.sum(tf.mul(sliceWeights(batch.masks, b, o.finalSliceWeight), ce)), b);
      // sum over slices, mean over the batch (plain) or over each slice's members and non-members (balanced)
      const ceInd = indicatorLoss(f.indicator, m, o.indicatorLoss);
      // [B, S] CE of each expert's shared-head prediction, averaged over each slice's rows (0 if none)
      const cePred = tf.neg(tf.sum(tf.mul(f.predLogp, tf.expandDims(batch.yOneHot, 1)), 2));
      const perSlice = tf.sum(tf.div(tf.sum(tf.mul(m, cePred), 0), tf.maximum(tf.sum(m, 0), 1)));
      return tf.addN([ceFinal, tf.mul(ceInd, o.indicatorWeight), tf.mul(perSlice, o.expertWeight)]) as tf.Scalar;
    });
  }

  return sliceAwareModel({
    spec,
    variables,
    infer: (x) => {
      const f = forward(x);
      return { proba: tf.softmax(f.logits), attention: f.attention };
    },
    lossFn,
  });
}
