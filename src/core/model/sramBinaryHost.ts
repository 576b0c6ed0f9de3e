/**
 * SRAM's loss (with its gradient) and inference on host arrays for TWO classes and the product's
 * structure (no teacher forcing, final rows unweighted): sramLossHost.ts's formulas, written for the
 * logit differences the two-class heads reduce to. Why: at 100+ slices an SRAM epoch on wasm / cpu is
 * mostly these per-row, per-expert loops and the head matMul that feeds them (issue 13). With two
 * classes every term depends on a head only through class 1 minus class 0, so sramHostOp.ts folds the
 * heads to those differences: 3 values per expert and row instead of 5, and no per-class loops.
 *
 * Layout [B, 3S] row-major: the indicator logits d (S), then per expert i: dP_i = P_i1 - P_i0 (shared
 * prediction head) and dF_i = F_i1 - F_i0 (final head). y [B, 2] one-hot; masks [B, K] or null.
 * With g = |dP|, e = exp(-g), pTop = 1 / (1 + e), pOther = e / (1 + e) (top: the class dP favours,
 * class 0 on a tie, as tf.argMax):
 *   maxProb        conf = pTop                              d conf / d dP = ±pTop pOther       (+ if top is 1)
 *   entropy        conf = 1 - (log1p(e) + pOther g) / ln 2  d conf / d dP = ±pTop pOther g / ln 2
 *   positiveClass  conf = sigmoid(dP)                        d conf / d dP = pTop pOther
 * The final head: L = sum_i a_i dF_i, P(class 1) = sigmoid(L), CE = y0 softplus(L) + y1 softplus(-L).
 * The expert CE: y0 softplus(dP_i) + y1 softplus(-dP_i), softplus(+-dP) = max(+-dP, 0) + log1p(e).
 * The per-expert exps and log1ps are fastMath.ts's (inlined polynomials, 1e-10 relative).
 */
import type { HeadLossOptions } from './sramLoss.ts';
import type { HostHeadLoss } from './sramLossHost.ts';
import { fastExp, log1pUnit } from './fastMath.ts';

const LN2 = Math.LN2;

/** Whether two-class SRAM uses this path (else sramLossHost.ts's general one over [P_i | F_i]). */
export function binaryPathApplies(c: number, o: HeadLossOptions, hasMasks: boolean): boolean {
  return c === 2 && (!hasMasks || o.sram.teacherForcing === 0) && o.sram.finalSliceWeight === 1;
}

/** softplus(x) = log(1 + exp(x)), stable for any x. */
const softplus = (x: number) => (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));

export function binaryHeadLossHost(
  both: Float32Array,
  b: number,
  s: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
): HostHeadLoss {
  const { indicatorLoss, indicatorWeight, expertWeight } = o.sram;
  const entropy = o.confidence === 'entropy',
    positive = o.confidence === 'positiveClass';
  const k = masks ? s - 1 : 0;
  const width = 3 * s;
  if (both.length !== b * width) throw new Error(`binaryHeadLossHost: head output has ${both.length} values, expected ${b} x ${width}`);
  const count = new Float64Array(s);
  count[k] = b;
  for (let n = 0; n < b; n++) for (let i = 0; i < k; i++) count[i]! += masks![n * k + i]!;
  // Per slice: the expert CE's weight (1 / rows in the slice), the indicator's weight in and out of it.
  const predW = new Float64Array(s),
    indIn = new Float64Array(s),
    indOut = new Float64Array(s);
  const plainIndicator = indicatorLoss === 'plain';
  for (let i = 0; i < s; i++) {
    predW[i] = 1 / Math.max(count[i]!, 1);
    indIn[i] = plainIndicator ? 1 / b : 1 / Math.max(count[i]!, 1);
    indOut[i] = plainIndicator ? 1 / b : 1 / Math.max(b - count[i]!, 1);
  }
  const grad = new Float32Array(b * width);
  // Per-row scratch, one entry per expert: P(class 1) of the prediction head, log1p(e), d conf / d dP, conf, q, exp(-|d|), a.
  const p1 = new Float64Array(s),
    logOne = new Float64Array(s),
    kappa = new Float64Array(s),
    conf = new Float64Array(s),
    q = new Float64Array(s),
    expAbsD = new Float64Array(s),
    a = new Float64Array(s);
  let ceFinal = 0,
    ceInd = 0,
    cePred = 0;
  const invT = o.invT;

  for (let n = 0; n < b; n++) {
    const row = n * width;
    const mRow = n * k;
    let mx = -Infinity;
    for (let i = 0; i < s; i++) {
      const dp = both[row + s + 2 * i]!;
      const g = dp > 0 ? dp : -dp;
      const e = fastExp(-g);
      const inv = 1 / (1 + e);
      const pOther = e * inv;
      p1[i] = dp > 0 ? inv : pOther;
      const inSlice = i < k ? masks![mRow + i]! : 1;
      let cf: number, kp: number;
      if (entropy) {
        const l = log1pUnit(e);
        logOne[i] = l;
        cf = 1 - (l + pOther * g) / LN2;
        kp = (inv * pOther * g) / LN2;
        if (dp <= 0) kp = -kp;
      } else {
        if (inSlice !== 0) logOne[i] = log1pUnit(e);
        cf = positive ? p1[i]! : inv;
        kp = inv * pOther;
        if (!positive && dp <= 0) kp = -kp;
      }
      conf[i] = cf;
      kappa[i] = kp;
      // q = sigmoid(d) and the indicator's softplus share one exp: exp(-|d|).
      const d = both[row + i]!;
      const ed = fastExp(d >= 0 ? -d : d);
      expAbsD[i] = ed;
      const qi = d >= 0 ? 1 / (1 + ed) : ed / (1 + ed);
      q[i] = qi;
      const u = qi * cf * invT;
      a[i] = u;
      if (u > mx) mx = u;
    }
    // Softmax and the mixed logit in one pass, on the unnormalised weights.
    let sumA = 0,
      mixed = 0;
    for (let i = 0; i < s; i++) {
      const w = fastExp(a[i]! - mx);
      a[i] = w;
      sumA += w;
      mixed += w * both[row + s + 2 * i + 1]!;
    }
    const invSum = 1 / sumA;
    const logit = mixed * invSum;
    // Final head: two-class cross-entropy of L = sum_i a_i dF_i; d CE / d L = y0 P1 - y1 P0.
    const y0 = y[2 * n]!,
      y1 = y[2 * n + 1]!;
    ceFinal += (y0 * softplus(logit) + y1 * softplus(-logit)) / b;
    const pFinal = 1 / (1 + Math.exp(-logit));
    const dL = (y0 * pFinal - y1 * (1 - pFinal)) / b;
    // Backward through the mix: d loss / d a_i = dF_i dL; its attention-weighted mean is L dL.
    const aDa = logit * dL;
    let softplusProduct = 1;
    for (let i = 0; i < s; i++) {
      const at = row + s + 2 * i;
      const ai = a[i]! * invSum;
      grad[at + 1] = ai * dL;
      const du = ai * (both[at + 1]! * dL - aDa) * invT;
      const m = i < k ? masks![mRow + i]! : 1;
      // Indicator: softplus(d (1 - 2m)), weighted 1/B (plain) or by the row's side of the slice (balanced).
      const sign = 1 - 2 * m;
      const z = both[row + i]! * sign;
      const indScale = m * indIn[i]! + (1 - m) * indOut[i]!;
      const e = sign * sign === 1 ? expAbsD[i]! : fastExp(-Math.abs(z));
      if (plainIndicator) {
        ceInd += Math.max(z, 0) * indScale;
        softplusProduct *= 1 + e;
        if (softplusProduct > 1e270) {
          ceInd += Math.log(softplusProduct) / b;
          softplusProduct = 1;
        }
      } else ceInd += (Math.max(z, 0) + log1pUnit(e)) * indScale;
      const sigZ = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const qi = q[i]!;
      grad[row + i] = du * conf[i]! * qi * (1 - qi) + sigZ * sign * indScale * indicatorWeight;
      // The confidence's gradient on dP, plus the expert CE's on the slice's rows.
      let gp = kappa[i]! * du * qi;
      if (m !== 0) {
        const w = m * predW[i]!;
        const dp = both[at]!;
        cePred += w * (y0 * ((dp > 0 ? dp : 0) + logOne[i]!) + y1 * ((dp < 0 ? -dp : 0) + logOne[i]!));
        gp += w * expertWeight * (y0 * p1[i]! - y1 * (1 - p1[i]!));
      }
      grad[at] = gp;
    }
    if (plainIndicator) ceInd += Math.log(softplusProduct) / b;
  }
  return { value: ceFinal + indicatorWeight * ceInd + expertWeight * cePred, grad };
}

/** Inference from the same [B, 3S] layout: P(class 1 or 0) [B, 2] and the attention [B, S]. */
export function binaryInferHost(
  both: Float32Array,
  b: number,
  s: number,
  invT: number,
  confidence: HeadLossOptions['confidence'],
): { proba: Float32Array; attention: Float32Array } {
  const width = 3 * s;
  if (both.length !== b * width) throw new Error(`binaryInferHost: head output has ${both.length} values, expected ${b} x ${width}`);
  const entropy = confidence === 'entropy',
    positive = confidence === 'positiveClass';
  const proba = new Float32Array(b * 2);
  const attention = new Float32Array(b * s);
  const u = new Float64Array(s);
  for (let n = 0; n < b; n++) {
    const row = n * width;
    let mx = -Infinity;
    for (let i = 0; i < s; i++) {
      const dp = both[row + s + 2 * i]!;
      const g = dp > 0 ? dp : -dp;
      const e = fastExp(-g);
      const inv = 1 / (1 + e);
      const cf = entropy ? 1 - (log1pUnit(e) + e * inv * g) / LN2 : positive && dp <= 0 ? e * inv : inv;
      const d = both[row + i]!;
      const ed = fastExp(d >= 0 ? -d : d);
      const v = (d >= 0 ? 1 / (1 + ed) : ed / (1 + ed)) * cf * invT;
      u[i] = v;
      if (v > mx) mx = v;
    }
    let sumA = 0,
      mixed = 0;
    for (let i = 0; i < s; i++) {
      const w = fastExp(u[i]! - mx);
      u[i] = w;
      sumA += w;
      mixed += w * both[row + s + 2 * i + 1]!;
    }
    const invSum = 1 / sumA;
    const att = n * s;
    for (let i = 0; i < s; i++) attention[att + i] = u[i]! * invSum;
    const pOne = 1 / (1 + Math.exp(-mixed * invSum));
    proba[2 * n] = 1 - pOne;
    proba[2 * n + 1] = pOne;
  }
  return { proba, attention };
}
