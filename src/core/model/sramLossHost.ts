/**
 * SRAM's training loss from its head outputs and its gradient, computed in plain JS on host arrays:
 * the same formulas as sramLoss.ts's tensor op (see its header; only the column order differs), for
 * backends whose tensors live in main memory (wasm, cpu).
 *
 * Why: on wasm a step costs about the number of tfjs kernels it runs (~20-30 us each at the reference
 * size, whatever their shape), and the loss's tensor version runs ~100 of them on [B, S, C]-sized
 * arrays (256 x 9 x 2 at the reference). Reading the [B, S + 2SC] head output (a memcpy on wasm/cpu),
 * doing the ~20 flops per row, expert and class here, and uploading the gradient costs a fraction of
 * that. On GPU backends a readback would stall the device: they keep the tensor op.
 * Computed in float64; the gradient is rounded to float32 once. Math.exp/log cost ~40 ns each here,
 * so shared exps are reused (sigmoid and softplus of d; the maximum's exp(0)).
 *
 * both [B, S + 2SC] row-major: d (S), then per expert i its shared-head logits P_i (C) and final-head
 * logits F_i (C): [P_0 F_0 P_1 F_1 ...] (sramHostOp.ts's fold produces them in that order). y [B, C] one-hot.
 * masks [B, K] 0/1 or null (then S = 1, the base only); the base expert is the last column.
 */
import type { HeadLossOptions } from './sramLoss.ts';

export interface HostHeadLoss {
  value: number;
  /** d value / d both, [B, S + 2SC] row-major. */
  grad: Float32Array;
}

export function sramHeadLossHost(
  both: Float32Array,
  b: number,
  s: number,
  c: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
): HostHeadLoss {
  const { teacherForcing: t, finalSliceWeight, indicatorLoss, indicatorWeight, expertWeight } = o.sram;
  const k = masks ? s - 1 : 0;
  const c2 = 2 * c;
  const width = s + s * c2;
  if (both.length !== b * width) throw new Error(`sramHeadLossHost: head output has ${both.length} values, expected ${b} x ${width}`);
  const forced = masks !== null && t > 0;
  const inAny = (n: number) => {
    let any = 0;
    for (let i = 0; i < k; i++) any = Math.max(any, masks![n * k + i]!);
    return any;
  };
  // Per-slice row counts (m = [masks, 1]): the indicator's balanced weights and the expert term's means.
  const count = new Float64Array(s);
  for (let n = 0; n < b; n++) for (let i = 0; i < s; i++) count[i]! += i < k ? masks![n * k + i]! : 1;
  // Per-slice weights: of the expert CE (-1 / rows in the slice) and the balanced indicator's two sides.
  const predScaleIn = new Float64Array(s),
    indIn = new Float64Array(s),
    indOut = new Float64Array(s);
  for (let i = 0; i < s; i++) {
    predScaleIn[i] = -1 / Math.max(count[i]!, 1);
    indIn[i] = indicatorLoss === 'plain' ? 1 / b : 1 / Math.max(count[i]!, 1);
    indOut[i] = indicatorLoss === 'plain' ? 1 / b : 1 / Math.max(b - count[i]!, 1);
  }
  const plainIndicator = indicatorLoss === 'plain';
  const logC = Math.log(c);
  const grad = new Float32Array(b * width);
  // Per-row scratch.
  const lp = new Float64Array(s * c),
    prob = new Float64Array(s * c),
    confGrad = new Float64Array(s * c);
  const conf = new Float64Array(s),
    q = new Float64Array(s),
    expAbsD = new Float64Array(s),
    a = new Float64Array(s),
    route = new Float64Array(s);
  const logits = new Float64Array(c),
    dL = new Float64Array(c),
    da = new Float64Array(s);
  let ceFinal = 0,
    ceInd = 0,
    cePred = 0;
  // lp (a log1p and C subtractions per row and expert) is read only by the expert CE, i.e. in the
  // expert's slice, and by the entropy confidence: skipped elsewhere (at 128 slices, ~1 row in 129).
  const lpAlways = o.confidence === 'entropy';
  // Two classes with the max-probability confidence (the default on binary tasks): the same numbers
  // written out without the per-class loops (~2x faster per row and expert, which is what an epoch
  // at 100+ slices is made of).
  const binaryMax = c === 2 && o.confidence === 'maxProb';
  const invT = o.invT;

  for (let n = 0; n < b; n++) {
    const row = n * width;
    const pOff = row + s,
      fOff = row + s + c; // expert i's P_i at pOff + 2Ci, F_i at fOff + 2Ci
    // Shared prediction head: log-probabilities and the expert confidence.
    for (let i = 0; i < s; i++) {
      const at = pOff + i * c2;
      if (binaryMax) {
        const p0 = both[at]!,
          p1 = both[at + 1]!;
        const top = p1 > p0 ? 1 : 0; // first maximum, as tf.argMax
        const gap = Math.abs(p1 - p0);
        const e = Math.exp(-gap);
        const inv = 1 / (1 + e);
        const at2 = i * 2;
        prob[at2 + top] = inv;
        prob[at2 + 1 - top] = e * inv;
        conf[i] = inv;
        confGrad[at2 + top] = inv;
        confGrad[at2 + 1 - top] = 0;
        if ((i < k ? masks![n * k + i]! : 1) !== 0) {
          const l = Math.log1p(e);
          lp[at2 + top] = -l;
          lp[at2 + 1 - top] = -gap - l;
        }
        continue;
      }
      let top = 0; // first maximum, as tf.argMax
      for (let j = 1; j < c; j++) if (both[at + j]! > both[at + top]!) top = j;
      const mx = both[at + top]!;
      let sum = 1; // exp(0) of the maximum: one exp fewer (Math.exp costs ~40 ns here)
      for (let j = 0; j < c; j++) if (j !== top) sum += prob[i * c + j] = Math.exp(both[at + j]! - mx);
      prob[i * c + top] = 1;
      const inv = 1 / sum;
      for (let j = 0; j < c; j++) prob[i * c + j]! *= inv;
      if (lpAlways || (i < k ? masks![n * k + i]! : 1) !== 0) {
        const lse = mx + Math.log1p(sum - 1);
        for (let j = 0; j < c; j++) lp[i * c + j] = both[at + j]! - lse;
      }
      if (o.confidence === 'maxProb') {
        conf[i] = prob[i * c + top]!;
        for (let j = 0; j < c; j++) confGrad[i * c + j] = j === top ? conf[i]! : 0;
      } else if (o.confidence === 'entropy') {
        let e = 0;
        for (let j = 0; j < c; j++) e += prob[i * c + j]! * lp[i * c + j]!;
        conf[i] = 1 + e / logC;
        for (let j = 0; j < c; j++) confGrad[i * c + j] = (prob[i * c + j]! * (lp[i * c + j]! + 1)) / logC;
      } else {
        if (c !== 2) throw new Error(`confidence 'positiveClass' needs 2 classes, got ${c}`);
        conf[i] = prob[i * c + 1]!;
        confGrad[i * c] = 0;
        confGrad[i * c + 1] = conf[i]!;
      }
    }
    // Attention a = softmax(q conf / T), then the routing (teacher forcing mixes in the mask routing).
    let mx = -Infinity;
    for (let i = 0; i < s; i++) {
      // q = sigmoid(d) and the indicator's softplus share one exp: e = exp(-|d|).
      const d = both[row + i]!;
      const e = Math.exp(-Math.abs(d));
      expAbsD[i] = e;
      q[i] = d >= 0 ? 1 / (1 + e) : e / (1 + e);
      a[i] = q[i]! * conf[i]! * invT;
      mx = Math.max(mx, a[i]!);
    }
    let sumA = 0;
    for (let i = 0; i < s; i++) sumA += a[i] = Math.exp(a[i]! - mx);
    for (let i = 0; i < s; i++) a[i]! /= sumA;
    const any = inAny(n);
    if (forced) {
      // maskRouting: uniform over the user slices the row is in, else the base.
      let sumM = 1 - any;
      for (let i = 0; i < k; i++) sumM += masks![n * k + i]!;
      for (let i = 0; i < s; i++) route[i] = (1 - t) * a[i]! + (t * (i < k ? masks![n * k + i]! : 1 - any)) / sumM;
    }
    const r = forced ? route : a;
    // Final head: logits = sum_i route_i F_i, weighted cross-entropy.
    logits.fill(0);
    for (let i = 0; i < s; i++) for (let j = 0; j < c; j++) logits[j]! += r[i]! * both[fOff + i * c2 + j]!;
    let lmx = -Infinity;
    for (let j = 0; j < c; j++) lmx = Math.max(lmx, logits[j]!);
    let lsum = 0;
    for (let j = 0; j < c; j++) lsum += Math.exp(logits[j]! - lmx);
    const lse = lmx + Math.log(lsum);
    const w = finalSliceWeight === 1 || k === 0 ? 1 : 1 + any * (finalSliceWeight - 1);
    for (let j = 0; j < c; j++) {
      const yj = y[n * c + j]!;
      ceFinal -= (w * yj * (logits[j]! - lse)) / b;
      dL[j] = ((Math.exp(logits[j]! - lse) - yj) * w) / b;
    }
    // Backward through the mix and the attention softmax.
    let aDa = 0;
    for (let i = 0; i < s; i++) {
      let dRoute = 0;
      for (let j = 0; j < c; j++) {
        dRoute += both[fOff + i * c2 + j]! * dL[j]!;
        grad[fOff + i * c2 + j] = r[i]! * dL[j]!;
      }
      da[i] = forced ? dRoute * (1 - t) : dRoute;
      aDa += a[i]! * da[i]!;
    }
    // plain indicator loss: sum_i log1p(e_i) as logs of products of (1 + e_i) <= 2 (one log per ~900 slices)
    let softplusProduct = 1;
    const y0 = y[n * c]!,
      y1 = c === 2 ? y[n * c + 1]! : 0;
    for (let i = 0; i < s; i++) {
      const du = a[i]! * (da[i]! - aDa) * invT;
      const m = i < k ? masks![n * k + i]! : 1;
      // Indicator: softplus(d (1 - 2m)), weighted 1/B (plain) or by the row's side of the slice (balanced).
      const sign = 1 - 2 * m;
      const z = both[row + i]! * sign;
      const indScale = m * indIn[i]! + (1 - m) * indOut[i]!;
      // softplus(z) = max(z, 0) + log1p(exp(-|z|)), sigmoid(z) from the same exp (|z| = |d| when m is 0/1).
      const e = sign * sign === 1 ? expAbsD[i]! : Math.exp(-Math.abs(z));
      if (plainIndicator) {
        ceInd += Math.max(z, 0) * indScale;
        softplusProduct *= 1 + e;
        if (softplusProduct > 1e270) {
          ceInd += Math.log(softplusProduct) / b;
          softplusProduct = 1;
        }
      } else ceInd += (Math.max(z, 0) + Math.log1p(e)) * indScale;
      const sigZ = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      grad[row + i] = du * conf[i]! * q[i]! * (1 - q[i]!) + sigZ * sign * indScale * indicatorWeight;
      // Expert CE (mean over the slice's rows) and the confidence's share of d loss / d lp; then logSoftmax backward.
      const predScale = m * predScaleIn[i]!;
      const dConf = du * q[i]!;
      if (binaryMax) {
        // The loop below written out for two classes (confGrad is conf at the top class, 0 at the other).
        const at2 = i * 2;
        if (predScale !== 0) cePred += (lp[at2]! * y0 + lp[at2 + 1]! * y1) * predScale;
        const ps = predScale * expertWeight;
        const d0 = y0 * ps + confGrad[at2]! * dConf;
        const d1 = y1 * ps + confGrad[at2 + 1]! * dConf;
        const sum = d0 + d1;
        const at = pOff + i * c2;
        grad[at] = d0 - prob[at2]! * sum;
        grad[at + 1] = d1 - prob[at2 + 1]! * sum;
        continue;
      }
      let dSum = 0;
      for (let j = 0; j < c; j++) {
        const yj = y[n * c + j]!;
        if (predScale !== 0) cePred += lp[i * c + j]! * yj * predScale;
        const dlp = yj * predScale * expertWeight + confGrad[i * c + j]! * dConf;
        confGrad[i * c + j] = dlp; // reuse as d loss / d lp
        dSum += dlp;
      }
      for (let j = 0; j < c; j++) grad[pOff + i * c2 + j] = confGrad[i * c + j]! - prob[i * c + j]! * dSum;
    }
    if (plainIndicator) ceInd += Math.log(softplusProduct) / b;
  }
  return { value: ceFinal + indicatorWeight * ceInd + expertWeight * cePred, grad };
}

/**
 * SRAM's prediction and attention on host arrays (inference: no masks, no teacher forcing), from the
 * host op's head output (sramHostOp.ts sramInferOnHost) in sramHeadLossHost's layout: d (S), then per
 * expert i its [P_i (C) | F_i (C)]. The same formulas as sram.ts forward(). Why: at 100+ slices the
 * tensor version ran ~15 kernels over [rows, S, C] arrays (a middle-axis sum among them, slow on wasm)
 * and made the per-epoch validation pass cost several plain epochs. Two classes use sramBinaryHost.ts.
 * Returns proba [B, C] and attention [B, S], row-major.
 */
export function sramInferHost(
  both: Float32Array,
  b: number,
  s: number,
  c: number,
  invT: number,
  confidence: HeadLossOptions['confidence'],
): { proba: Float32Array; attention: Float32Array } {
  const width = s + 2 * s * c;
  if (both.length !== b * width) throw new Error(`sramInferHost: head output has ${both.length} values, expected ${b} x ${width}`);
  if (confidence === 'positiveClass' && c !== 2) throw new Error(`confidence 'positiveClass' needs 2 classes, got ${c}`);
  const proba = new Float32Array(b * c);
  const attention = new Float32Array(b * s);
  const u = new Float64Array(s);
  const logits = new Float64Array(c);
  const logC = Math.log(c);
  for (let n = 0; n < b; n++) {
    const row = n * width;
    let mxU = -Infinity;
    for (let i = 0; i < s; i++) {
      const at = row + s + i * 2 * c;
      let top = 0;
      for (let j = 1; j < c; j++) if (both[at + j]! > both[at + top]!) top = j;
      const mx = both[at + top]!;
      let sum = 1; // exp(0) of the maximum: one exp fewer
      for (let j = 0; j < c; j++) if (j !== top) sum += Math.exp(both[at + j]! - mx);
      let conf: number;
      if (confidence === 'maxProb') conf = 1 / sum;
      else if (confidence === 'positiveClass') conf = (top === 1 ? 1 : Math.exp(both[at + 1]! - mx)) / sum;
      else {
        const lse = mx + Math.log(sum);
        let e = 0;
        for (let j = 0; j < c; j++) {
          const lp = both[at + j]! - lse;
          e += Math.exp(lp) * lp;
        }
        conf = 1 + e / logC;
      }
      const d = both[row + i]!;
      const q = d >= 0 ? 1 / (1 + Math.exp(-d)) : 1 - 1 / (1 + Math.exp(d));
      u[i] = q * conf * invT;
      if (u[i]! > mxU) mxU = u[i]!;
    }
    let sumA = 0;
    for (let i = 0; i < s; i++) sumA += u[i] = Math.exp(u[i]! - mxU);
    logits.fill(0);
    const fOff = row + s + c; // F_i at fOff + 2Ci
    for (let i = 0; i < s; i++) {
      const a = u[i]! / sumA;
      attention[n * s + i] = a;
      for (let j = 0; j < c; j++) logits[j]! += a * both[fOff + i * 2 * c + j]!;
    }
    let lmx = -Infinity;
    for (let j = 0; j < c; j++) lmx = Math.max(lmx, logits[j]!);
    let lsum = 0;
    for (let j = 0; j < c; j++) lsum += logits[j] = Math.exp(logits[j]! - lmx);
    for (let j = 0; j < c; j++) proba[n * c + j] = logits[j]! / lsum;
  }
  return { proba, attention };
}
