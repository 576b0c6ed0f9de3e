/**
 * SRAM's training loss from its head outputs, as ONE op with a hand-written gradient (tf.customGrad).
 *
 * Why: on wasm a training step costs about the number of kernels it runs (~15-20 us each at the
 * reference size, whatever their shape), and tfjs's autodiff of this part ran ~250 of them per step
 * (every taped op also clones the tensors its gradient needs). Inside a customGrad the forward ops
 * are not taped, and the backward below is ~40 kernels. Same function; the gradient is the analytic
 * one of the same formulas (sram.test.ts checks it against autodiff of the unfused model).
 *
 * Input: [B, S + 2SC] = the indicator logits d [B, S], then the shared prediction head's logits P_i of
 * every expert [B, S*C], then the final head's logits F_i = R_i Wfin + bfin [B, S*C], so that
 * logits = sum_i route_i F_i (route rows sum to 1). Constants: y [B, C] one-hot, masks [B, K] | null.
 *
 *   lp = logSoftmax(P)          p = confidence(lp)        q = sigmoid(d)
 *   a = softmax(q p / T)        route = (1 - t) a + t maskRouting(masks)   (t = teacherForcing)
 *   loss = sum_b w_b CE(sum_i route_i F_i, y_b) / B                  (w_b: finalSliceWeight)
 *        + indicatorWeight * indicatorLoss(d, m)                      (m = [masks, 1])
 *        + expertWeight * sum_i mean_{b in slice i} CE(lp_bi, y_b)
 */
import * as tf from '@tensorflow/tfjs';
import type { Confidence } from '../train/types.ts';
import type { SramStructure } from './sramStructure.ts';
import { maskRouting, sliceWeights } from './losses.ts';

export interface HeadLossOptions {
  invT: number;
  confidence: Confidence;
  sram: Pick<SramStructure, 'teacherForcing' | 'finalSliceWeight' | 'indicatorLoss' | 'indicatorWeight' | 'expertWeight'>;
}

/**
 * d [B, S], P [B, S, C], F [B, S, C] out of the head output: three column blocks, each contiguous in
 * every row, so a slice is one copy per row (tfjs-backend-wasm copies a slice row by row).
 * This was a matMul by 0/1 selector matrices [S + 2SC, S | SC]: exact, but O(B S² C) multiply-adds,
 * which at 128 slices made SRAM's validation pass cost ~20 plain epochs (issue 13). Slices are O(B S C).
 */
export function splitHeads(both: tf.Tensor2D, s: number, c: number): { d: tf.Tensor2D; p: tf.Tensor3D; f: tf.Tensor3D } {
  const b = both.shape[0];
  return {
    d: tf.slice(both, [0, 0], [b, s]),
    p: tf.reshape(tf.slice(both, [0, s], [b, s * c]), [b, s, c]),
    f: tf.reshape(tf.slice(both, [0, s + s * c], [b, s * c]), [b, s, c]),
  };
}

/** The tensor version (GPU backends; wasm / cpu use sramHostOp.ts, the same formulas on host arrays). */
export function sramHeadLoss(both: tf.Tensor2D, s: number, y: tf.Tensor2D, masks: tf.Tensor2D | null, o: HeadLossOptions): tf.Scalar {
  const b = both.shape[0];
  const c = y.shape[1];
  const { teacherForcing: t, finalSliceWeight, indicatorLoss, indicatorWeight, expertWeight } = o.sram;
  const forced = masks !== null && t > 0;
  // What the backward needs is kept in this closure rather than handed to customGrad's save(), which
  // clones every tensor (a kernel each). Kept only when the tape records this op, so the gradient
  // (which disposes them) is sure to run; otherwise tidy disposes them with the forward.
  const state = tf.engine().state;
  const taping = state.gradientDepth > 0 && state.kernelDepth === 0;
  let kept: tf.Tensor[] = [];

  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const bothIn = args[0] as tf.Tensor2D;
    const { d: dIn, p, f } = splitHeads(bothIn, s, c);
    // Constants of the batch.
    const m = (masks ? tf.concat([masks, tf.ones([b, 1])], 1) : tf.ones([b, 1])) as tf.Tensor2D; // [B, S]
    const y3 = tf.reshape(y, [b, 1, c]);
    const lp = tf.logSoftmax(p) as tf.Tensor3D;
    const prob = tf.exp(lp);
    // Expert confidence and what its gradient needs (confGrad: d conf / d lp, up to the factor dconf).
    let conf: tf.Tensor2D;
    let confGrad: tf.Tensor3D;
    if (o.confidence === 'maxProb') {
      const top = tf.cast(tf.oneHot(tf.argMax(lp, 2), c), 'float32');
      conf = tf.exp(tf.sum(tf.mul(lp, top), 2));
      confGrad = tf.mul(top, tf.expandDims(conf, 2));
    } else if (o.confidence === 'entropy') {
      conf = tf.add(1, tf.div(tf.sum(tf.mul(prob, lp), 2), Math.log(c)));
      confGrad = tf.div(tf.mul(prob, tf.add(lp, 1)), Math.log(c));
    } else {
      if (c !== 2) throw new Error(`confidence 'positiveClass' needs 2 classes, got ${c}`);
      conf = tf.reshape(tf.slice(prob, [0, 0, 1], [b, s, 1]), [b, s]);
      confGrad = tf.mul(tf.tensor3d([0, 1], [1, 1, 2]), tf.expandDims(conf, 2));
    }
    const q = tf.sigmoid(dIn);
    const a = tf.softmax(tf.mul(tf.mul(q, conf), o.invT)) as tf.Tensor2D;
    const route = forced ? tf.add(tf.mul(a, 1 - t), tf.mul(maskRouting(masks, b), t)) : a;
    const logits = tf.sum(tf.mul(f, tf.expandDims(route, 2)), 1) as tf.Tensor2D;
    const ls = tf.logSoftmax(logits);
    const ce = tf.neg(tf.sum(tf.mul(y, ls), 1));
    const w = finalSliceWeight === 1 ? null : sliceWeights(masks, b, finalSliceWeight);
    const ceFinal = w ? tf.div(tf.sum(tf.mul(w, ce)), b) : tf.mean(ce);
    // Indicator: softplus(d (1 - 2m)) summed; its derivative is sigmoid(.) (1 - 2m) times the row weights.
    const sign = tf.sub(1, tf.mul(m, 2));
    const zInd = tf.mul(dIn, sign);
    const ceIndTerms = tf.softplus(zInd);
    let indScale: tf.Tensor; // [B, S] or scalar: d ceInd / d ceIndTerms
    if (indicatorLoss === 'plain') indScale = tf.scalar(1 / b);
    else {
      const out = tf.sub(1, m);
      indScale = tf.add(tf.div(m, tf.maximum(tf.sum(m, 0), 1)), tf.div(out, tf.maximum(tf.sum(out, 0), 1)));
    }
    const ceInd = tf.sum(tf.mul(ceIndTerms, indScale));
    // Per-slice expert CE, mean over each slice's rows: weights -m / max(count, 1) (the sign of -log p).
    const predScale = tf.div(m, tf.minimum(tf.neg(tf.sum(m, 0)), -1)); // [B, S]
    const cePred = tf.sum(tf.mul(tf.sum(tf.mul(lp, y3), 2), predScale));
    const weighted = (x: tf.Tensor, weight: number) => (weight === 1 ? x : tf.mul(x, weight));
    const value = tf.add(tf.add(ceFinal, weighted(ceInd, indicatorWeight)), weighted(cePred, expertWeight)) as tf.Scalar;
    if (taping) {
      kept = [f, prob, conf, confGrad, q, a, route, tf.exp(ls), sign, tf.sigmoid(zInd), indScale, predScale, y3];
      if (w) kept.push(w);
      kept.forEach((x) => tf.keep(x));
    }
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const [fS, probS, confS, confGradS, qS, aS, routeS, smL, signS, sigZ, indScaleS, predScaleS, y3S, wS] = kept as [
          tf.Tensor3D,
          tf.Tensor3D,
          tf.Tensor2D,
          tf.Tensor3D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor2D,
          tf.Tensor,
          tf.Tensor2D,
          tf.Tensor3D,
          tf.Tensor1D | undefined,
        ];
        const g = dy as tf.Scalar;
        // Final head: d CE / d logits = softmax - y, times w_b / B.
        let dL = tf.mul(tf.sub(smL, y), tf.div(g, b)) as tf.Tensor2D;
        if (wS) dL = tf.mul(dL, tf.expandDims(wS, 1));
        const dL3 = tf.expandDims(dL, 1); // [B, 1, C]
        const dF = tf.mul(tf.expandDims(routeS, 2), dL3);
        const dRoute = tf.sum(tf.mul(fS, dL3), 2); // [B, S]
        const da = forced ? tf.mul(dRoute, 1 - t) : dRoute;
        const du = tf.mul(tf.mul(aS, tf.sub(da, tf.sum(tf.mul(aS, da), 1, true))), o.invT);
        const dConf = tf.mul(du, qS);
        const dIndicator = tf.mul(tf.mul(sigZ, signS), tf.mul(indScaleS, tf.mul(g, indicatorWeight)));
        const dd = tf.add(tf.mul(tf.mul(du, confS), tf.mul(qS, tf.sub(1, qS))), dIndicator);
        // d loss / d lp: the expert CE term, then the confidence's.
        const dlp = tf.add(
          tf.mul(y3S, tf.expandDims(tf.mul(predScaleS, tf.mul(g, expertWeight)), 2)),
          tf.mul(confGradS, tf.expandDims(dConf, 2)),
        );
        // logSoftmax backward: dP = dlp - softmax(P) sum_c dlp.
        const dP = tf.sub(dlp, tf.mul(probS, tf.sum(dlp, 2, true)));
        const grad = tf.concat([dd, tf.reshape(dP, [b, s * c]), tf.reshape(dF, [b, s * c])], 1);
        tf.dispose(kept);
        kept = [];
        return [grad];
      },
    };
  });
  return op(both) as tf.Scalar;
}
