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
import type { Confidence } from '../train/types.ts';
import type { HostHeadLoss } from './sramLossHost.ts';
import { fastExp, log1pUnit } from './fastMath.ts';

const LN2 = Math.LN2;

/** Whether two-class SRAM uses this path (else sramLossHost.ts's general one over [P_i | F_i]). */
export function binaryPathApplies(c: number, o: HeadLossOptions, hasMasks: boolean): boolean {
  return c === 2 && (!hasMasks || o.sram.teacherForcing === 0) && o.sram.finalSliceWeight === 1;
}

/** softplus(x) = log(1 + exp(x)), stable for any x. */
const softplus = (x: number) => (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** One row's per-expert values (arrays of S, reused row after row). */
interface RowScratch {
  p1: Float64Array; // P(class 1) of the expert's prediction head
  logOne: Float64Array; // log1p(exp(-|dP|)): filled for the entropy confidence only
  kappa: Float64Array; // d conf / d dP
  conf: Float64Array;
  q: Float64Array; // sigmoid(d)
  expAbsD: Float64Array; // exp(-|d|)
  a: Float64Array; // the attention (normalised)
}

function rowScratch(s: number): RowScratch {
  const f = () => new Float64Array(s);
  return { p1: f(), logOne: f(), kappa: f(), conf: f(), q: f(), expAbsD: f(), a: f() };
}

/**
 * One row's forward pass over its S experts, from the head outputs at both[row ..] (the loss and the
 * inference share it): fills `r` and returns the final head's logit L = sum_i a_i dF_i.
 */
function attendRow(both: Float32Array, row: number, s: number, invT: number, confidence: Confidence, r: RowScratch): number {
  const entropy = confidence === 'entropy',
    positive = confidence === 'positiveClass';
  const { p1, logOne, kappa, conf, q, expAbsD, a } = r;
  let mx = -Infinity;
  for (let i = 0; i < s; i++) {
    const dp = both[row + s + 2 * i]!;
    const g = dp > 0 ? dp : -dp;
    const e = fastExp(-g);
    const inv = 1 / (1 + e);
    const pOther = e * inv;
    p1[i] = dp > 0 ? inv : pOther;
    let cf: number, kp: number;
    if (entropy) {
      const l = log1pUnit(e);
      logOne[i] = l;
      cf = 1 - (l + pOther * g) / LN2;
      kp = (inv * pOther * g) / LN2;
      if (dp <= 0) kp = -kp;
    } else {
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
  // Softmax and the mixed logit in one pass on the unnormalised weights, then the weights normalised.
  let sumA = 0,
    mixed = 0;
  for (let i = 0; i < s; i++) {
    const w = fastExp(a[i]! - mx);
    a[i] = w;
    sumA += w;
    mixed += w * both[row + s + 2 * i + 1]!;
  }
  const invSum = 1 / sumA;
  for (let i = 0; i < s; i++) a[i]! *= invSum;
  return mixed * invSum;
}

export function binaryHeadLossHost(
  both: Float32Array,
  b: number,
  s: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
): HostHeadLoss {
  const { indicatorLoss, indicatorWeight, expertWeight } = o.sram;
  const entropy = o.confidence === 'entropy';
  const k = masks ? s - 1 : 0;
  const width = 3 * s;
  if (both.length !== b * width) throw new Error(`binaryHeadLossHost: head output has ${both.length} values, expected ${b} x ${width}`);
  const count = new Float64Array(s).fill(b, k); // the base (and, with no masks, every expert) takes every row
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
  const r = rowScratch(s);
  const { p1, logOne, kappa, conf, q, expAbsD, a } = r;
  let ceFinal = 0,
    ceInd = 0,
    cePred = 0;
  const invT = o.invT;

  for (let n = 0; n < b; n++) {
    const row = n * width;
    const mRow = n * k;
    const logit = attendRow(both, row, s, invT, o.confidence, r);
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
      const ai = a[i]!;
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
        const l = entropy ? logOne[i]! : log1pUnit(fastExp(dp > 0 ? -dp : dp));
        cePred += w * (y0 * ((dp > 0 ? dp : 0) + l) + y1 * ((dp < 0 ? -dp : 0) + l));
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
  const proba = new Float32Array(b * 2);
  const attention = new Float32Array(b * s);
  const r = rowScratch(s);
  for (let n = 0; n < b; n++) {
    const pOne = 1 / (1 + Math.exp(-attendRow(both, n * width, s, invT, confidence, r)));
    attention.set(r.a, n * s);
    proba[2 * n] = 1 - pOne;
    proba[2 * n + 1] = pOne;
  }
  return { proba, attention };
}
