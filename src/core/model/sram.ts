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
 * Compact experts (spec.model.expertRank = r, 0 < r < h; 'auto': resolveExpertRank in train/types.ts): the slice layer (indicator heads and experts)
 * reads u = z P, a learned projection P [h, r] shared by all slices, instead of z: d = u Wind + bind,
 * R_i = u Wexp_i + bexp_i with Wexp_i [r, h], i.e. every expert transform P Wexp_i has rank <= r. The
 * slice layer's work per row falls from S(2C+1)h to S(2C+1)r multiply-adds (after the fold below) and
 * its weights from S(h+1)h to S(r+1)h + hr: what lets an epoch at 100+ slices stay near plain's cost
 * (docs/performance.md). Everything after u is the reference; r = h (or 0, absent) is the reference.
 *
 * spec.model (kind 'sram'): temperature T, confidence and expertRank. `structure` (sramStructure.ts; the product
 * always passes the reference) changes, for the research variants, in training only unless said:
 *   expert 'mlp'            R = relu(z Wexp + bexp) (also at inference)
 *   residual                r = z + sum_i a_i R_i   (also at inference)
 *   teacherForcing t        a_train = (1 - t) a + t * maskRouting(masks)
 *   finalSliceWeight w      CE_final weighted w on rows in any user slice (sum / B)
 *   indicatorLoss, indicatorWeight, expertWeight: the indicator and per-slice terms' form and weights.
 * Other combines are built by research/index.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random.ts';
import { createBackbone } from './backbone.ts';
import { hostBackend, linear, matMulNT } from './linear.ts';
import { splitHeads, sramHeadLoss } from './sramLoss.ts';
import { hostTensor, sramInferOnHost, sramLossOnHost } from './sramHostOp.ts';
import { expertConfidence } from './confidence.ts';
import { applyDense, createDense, denseVariables, deriveSeed, uniformValues } from './init.ts';
import { crossEntropy, indicatorLoss, maskRouting, sliceWeights } from './losses.ts';
import { REFERENCE_STRUCTURE, type SramStructure } from './sramStructure.ts';
import type { Batch, Model, ModelSpec } from './types.ts';
import { resolveExpertRank } from '../train/types.ts';
import { sliceAwareModel } from './sliceAwareModel.ts';

interface Forward {
  logits: tf.Tensor2D; // [B, C] final head
  indicator: tf.Tensor2D; // [B, S] indicator logits d
  predLogp: tf.Tensor3D; // [B, S, C] shared prediction head log-probabilities per expert
  attention: tf.Tensor2D; // [B, S]
}

/**
 * Test switches (sram.test.ts compares the paths): fold false always builds the expert activations;
 * fuseLoss false computes the loss with autodiff instead of sramLoss.ts's hand-written gradient;
 * hostOp false keeps the tensor version of the fused loss on wasm / cpu.
 */
export interface SramBuildOptions {
  fold?: boolean;
  fuseLoss?: boolean;
  /** false: on wasm / cpu too, the fused loss runs as tensor ops (sramLoss.ts) instead of sramHostOp.ts. */
  hostOp?: boolean;
  /** false: with two classes, sramHostOp.ts's JS loops instead of the WebAssembly kernel (sramBinaryLayer.ts). */
  kernel?: boolean;
}

export function createSramModel(spec: ModelSpec, o: SramStructure = REFERENCE_STRUCTURE, options: SramBuildOptions = {}): Model {
  if (spec.model.kind !== 'sram') throw new Error(`createSramModel needs an sram config, got '${spec.model.kind}'`);
  const { temperature, confidence } = spec.model;
  const { hidden: h, classes: c } = spec;
  const s = spec.slices.length + 1;
  const expertRank = resolveExpertRank(spec.model.expertRank, s - 1);
  if (!Number.isInteger(expertRank) || expertRank < 0)
    throw new Error(`SRAM expert rank must be a whole number >= 0 (0: full), got ${expertRank}`);
  // u: the slice layer's input width (h at full rank; r for compact experts).
  const u = expertRank > 0 && expertRank < h ? expertRank : h;
  const compact = u < h;
  if (confidence === 'positiveClass' && c !== 2) {
    throw new Error(`SRAM confidence 'positiveClass' is binary only; this task has ${c} classes (use 'maxProb' or 'entropy')`);
  }
  // Same stream and draw order as plain: backbone then final head, so both start from identical weights.
  const rng = createRng(spec.seed);
  const backbone = createBackbone(rng, spec.dim, h);
  const final = createDense(rng, h, c, 'glorot');
  // SRAM-only parameters from an independent stream.
  const rng2 = createRng(deriveSeed(spec.seed, 1));
  const indicator = createDense(rng2, u, 1, 'glorot', s);
  const experts = createDense(rng2, u, h, 'glorot', s);
  const pred = createDense(rng2, h, c, 'glorot');
  // P [h, r], drawn last (the reference draws nothing more, so its weights are unchanged), with variance
  // 1/h per weight so that z P keeps z's scale.
  const project = compact ? tf.tidy(() => tf.variable(tf.tensor2d(uniformValues(rng2, h, u, Math.sqrt(3 / h)), [h, u]))) : null;
  const variables = [...backbone.variables, ...denseVariables(final, indicator, experts, pred), ...(project ? [project] : [])];
  /** The slice layer's input: z, or z P for compact experts. */
  const sliceInput = (z: tf.Tensor2D): tf.Tensor2D => (project ? matMulNT(z, project as tf.Tensor2D) : z);
  const invT = 1 / temperature;

  /**
   * The expert outputs R_i only ever reach the loss through two C-wide linear heads (shared prediction
   * head, final head), and with linear experts R_i = z Wexp_i + bexp_i, so every head output is
   * z (Wexp_i W) + bexp_i W with W = [Wpred | Wfin]: fold the heads into the experts first ([S*h, h] x
   * [h, 2C], tiny) and never build the [B, S*h] expert activations. Same function and gradients (up to
   * float rounding); ~h / 2C times fewer multiply-adds in the slice layer (h = 64, C = 2: 16x), which
   * made SRAM's step ~4x a plain step on wasm. The 'mlp' expert (a ReLU between) cannot fold: full path.
   */
  const fold = o.expert === 'linear' && options.fold !== false;

  /**
   * One matMul for the indicator logits d and every expert's folded heads: [B, S + 2SC] = d (S), then
   * the shared head's logits R_i Wpred + bpred of every expert (S*C, expert-major), then the final
   * head's R_i Wfin + bfin (S*C). bfin is folded into every expert's final logits: the routing weights
   * of a row sum to 1, so sum_i route_i (R_i Wfin + bfin) = r Wfin + bfin.
   */
  /** zs: the slice layer's input [B, u] (sliceInput). */
  function indicatorAndHeads(zs: tf.Tensor2D): tf.Tensor2D {
    // [u, S*h] row-major is [u*S, h] row-major (row (k, i) = row k of Wexp_i): a free reshape.
    const wExp = tf.reshape(experts.w, [u * s, h]) as tf.Tensor2D;
    const bExp = tf.reshape(experts.b, [s, h]) as tf.Tensor2D;
    const fold = (head: { w: tf.Variable; b: tf.Variable }) => ({
      w: tf.reshape(matMulNT(wExp, head.w as tf.Tensor2D), [u, s * c]),
      // [S, C] + the head's bias broadcast over the experts
      b: tf.reshape(tf.add(matMulNT(bExp, head.w as tf.Tensor2D), head.b), [s * c]),
    });
    const [p, f] = [fold(pred), fold(final)];
    // concat creates the bias as rank 1, which the wasm fused matMul requires of its bias's storage.
    const w = tf.concat([indicator.w, p.w, f.w], 1) as tf.Tensor2D;
    const bias = tf.concat([indicator.b, p.b, f.b]) as tf.Tensor1D;
    return linear(zs, w, bias);
  }

  /** masks: the batch's SF masks for teacher forcing (training only), else null. */
  function forward(x: tf.Tensor2D, masks: tf.Tensor2D | null = null): Forward {
    const b = x.shape[0];
    const z = backbone.apply(x);
    const zs = sliceInput(z);
    let d: tf.Tensor2D;
    let predLogp: tf.Tensor3D;
    let mix: (route: tf.Tensor2D) => tf.Tensor2D; // route [B, S] -> final logits [B, C]
    if (fold) {
      const parts = splitHeads(indicatorAndHeads(zs), s, c);
      d = parts.d;
      predLogp = tf.logSoftmax(parts.p) as tf.Tensor3D;
      const finalPart = parts.f;
      mix = (route) => {
        // logits = sum_i a_i (R_i Wfin + bfin) (+ z Wfin with the residual)
        const mixed = tf.sum(tf.mul(finalPart, tf.expandDims(route, 2)), 1) as tf.Tensor2D;
        return o.residual ? (tf.add(mixed, tf.matMul(z, final.w as tf.Tensor2D)) as tf.Tensor2D) : mixed;
      };
    } else {
      d = applyDense(zs, indicator);
      // [B, S*h]: row-major, so [B*S, h] is a free reshape
      const reps = applyDense(zs, experts, o.expert === 'mlp' ? 'relu' : undefined);
      const predLogits = applyDense(tf.reshape(reps, [b * s, h]), pred);
      predLogp = tf.reshape(tf.logSoftmax(predLogits), [b, s, c]) as tf.Tensor3D;
      mix = (route) => {
        // r = sum_i a_i R_i as a broadcast multiply + reduce (cheaper than a batched [1,S]x[S,h] matmul on wasm).
        const mixed = tf.sum(tf.mul(tf.reshape(reps, [b, s, h]), tf.expandDims(route, 2)), 1) as tf.Tensor2D;
        return applyDense(o.residual ? (tf.add(z, mixed) as tf.Tensor2D) : mixed, final);
      };
    }
    const conf = expertConfidence(predLogp, confidence);
    const attention = tf.softmax(tf.mul(tf.mul(tf.sigmoid(d), conf), invT)) as tf.Tensor2D;
    const t = o.teacherForcing;
    const route = masks && t > 0 ? (tf.add(tf.mul(attention, 1 - t), tf.mul(maskRouting(masks, b), t)) as tf.Tensor2D) : attention;
    return { logits: mix(route), indicator: d, predLogp, attention };
  }

  /** The reference structure's loss as one fused op (sramLoss.ts); no residual: its z Wfin is not per expert. */
  const fused = fold && !o.residual && options.fuseLoss !== false;

  function lossFn(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const b = batch.x.shape[0];
      if (fused) {
        const headLossOptions = { invT, confidence, sram: o };
        // wasm / cpu: the slice layer and loss as one op on host arrays (sramHostOp.ts).
        const zs = sliceInput(backbone.apply(batch.x));
        if (options.hostOp !== false && hostBackend())
          return sramLossOnHost(zs, { indicator, experts, pred, final }, s, batch.yOneHot, batch.masks, headLossOptions, options.kernel);
        return sramHeadLoss(indicatorAndHeads(zs), s, batch.yOneHot, batch.masks, headLossOptions);
      }
      const f = forward(batch.x, batch.masks);
      const base = tf.ones([b, 1]);
      const m = (batch.masks ? tf.concat([batch.masks, base], 1) : base) as tf.Tensor2D; // [B, S]
      const ce = crossEntropy(f.logits, batch.yOneHot);
      const ceFinal =
        o.finalSliceWeight === 1 ? tf.mean(ce) : tf.div(tf.sum(tf.mul(sliceWeights(batch.masks, b, o.finalSliceWeight), ce)), b);
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
      // wasm / cpu: the attention and the mix on host arrays (sramHostOp.ts; two classes: the wasm kernel).
      if (fused && options.hostOp !== false && hostBackend()) {
        const b = x.shape[0];
        const out = sramInferOnHost(
          sliceInput(backbone.apply(x)),
          { indicator, experts, pred, final },
          s,
          c,
          invT,
          confidence,
          options.kernel,
        );
        return { proba: hostTensor(out.proba, [b, c]) as tf.Tensor2D, attention: hostTensor(out.attention, [b, s]) as tf.Tensor2D };
      }
      const f = forward(x);
      return { proba: tf.softmax(f.logits), attention: f.attention };
    },
    lossFn,
  });
}
