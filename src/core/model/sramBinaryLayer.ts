/**
 * Two-class SRAM's whole slice layer on the WebAssembly kernel (sramBinaryKernel.ts), for the host
 * backends (wasm, cpu): from the slice layer's input z and the SRAM variables, as host arrays, to the
 * loss and every gradient, or to the prediction and the attention, with no tfjs op in between.
 * Why: at 128 slices, sramHostOp.ts's general path (the heads folded and multiplied by ~20 small tfjs
 * ops, their host copies and the garbage they leave) cost as much as the loss itself (issue 13).
 *
 * The function is sramHostOp.ts's with the two-class basis: per expert i the heads read dP_i = R_i wP
 * + bP and dF_i = R_i wF + bF (class 1 minus class 0 of the shared prediction head and of the final
 * head), R_i = z Wexp_i + bexp_i. With W2 = [wP | wF] [e, 2]:
 *   fold  = [Wexp; bexp] W2                 [(u+1)S, 2]  (row k*S + i: row k of Wexp_i; row uS + i: bexp_i)
 *   heads = z Wall + bias                   [B, 3S]: columns d (S), then dP_i, dF_i per expert
 *           Wall = [Wind | the fold's first uS rows], bias = [bind | the fold's last S rows + (bP, bF)]
 * and back, from the loss's gradient g on the heads: dz = g Wall^T, dWall = z^T g; the fold's gradient
 * G (dWall's pair columns, then g's column sums on them) goes back through the fold:
 * d[Wexp; bexp] = G W2^T and dW2 = [Wexp; bexp]^T G; the heads' class pairs get -/+ dW2.
 * The kernel's dense, backprop and loss calls do the work; JS only lays the small matrices out.
 */
import type { Confidence } from '../train/types.ts';
import type { HeadLossOptions } from './sramLoss.ts';
import {
  unpadded,
  inferSizes,
  kernel,
  layout,
  lossSizes,
  roundUp4,
  runInfer,
  runLoss,
  setPadded,
  type Exports,
} from './sramBinaryKernel.ts';

/** The slice layer's variables as host arrays. */
export interface BinaryLayerValues {
  u: number; // z's width: the slice layer's input (h, or the compact experts' rank)
  s: number; // experts: K user slices + the base
  e: number; // an expert's output width
  indW: Float32Array; // [u, S]
  indB: Float32Array; // [S]
  expW: Float32Array; // [u, S*e] row-major, i.e. [u*S, e]
  expB: Float32Array; // [S*e]
  predW: Float32Array; // [e, 2]
  predB: Float32Array; // [2]
  finalW: Float32Array; // [e, 2]
  finalB: Float32Array; // [2]
}

/** Gradients of the loss, shaped as the variables (z: [B, u]). */
export type BinaryLayerGrads = { z: Float32Array } & Omit<BinaryLayerValues, 'u' | 's' | 'e'>;

function layerSizes(b: number, v: BinaryLayerValues) {
  const { u4, e4, wp, rows } = dims(v);
  return {
    foldIn: rows * e4 * 4,
    w2: e4 * 16,
    w2T: e4 * 16,
    fold: rows * 16,
    wAll: u4 * wp * 4,
    bias: wp * 4,
    z: b * u4 * 4,
    dz: b * u4 * 4,
    dWAll: u4 * wp * 4,
    g: rows * 16,
    dFoldIn: rows * e4 * 4,
    dW2: e4 * 16,
  };
}

function dims(v: BinaryLayerValues) {
  const width = 3 * v.s;
  return { u4: roundUp4(v.u), e4: roundUp4(v.e), width, wp: roundUp4(width), rows: (v.u + 1) * v.s };
}

type LayerRegions = Record<keyof ReturnType<typeof layerSizes>, number> & { both: number };

/** The heads for z's B rows, at `at.both` ([B, 3S]), from the fold of the variables. */
function heads(k: Exports, at: LayerRegions, z: Float32Array, b: number, v: BinaryLayerValues): void {
  const { u, s, e } = v;
  const { u4, e4, width, wp, rows } = dims(v);
  const mem = k.memory.buffer;
  setPadded(mem, at.foldIn, v.expW, u * s, e, u * s, e4);
  setPadded(mem, at.foldIn + u * s * e4 * 4, v.expB, s, e, s, e4);
  const w2 = new Float32Array(mem, at.w2, e4 * 4).fill(0);
  for (let m = 0; m < e; m++) {
    w2[m * 4] = v.predW[2 * m + 1]! - v.predW[2 * m]!;
    w2[m * 4 + 1] = v.finalW[2 * m + 1]! - v.finalW[2 * m]!;
  }
  k.dense(at.foldIn, rows, e4, at.w2, 4, -1, at.fold, 4);
  const fold = new Float32Array(mem, at.fold, rows * 4);
  const wAll = new Float32Array(mem, at.wAll, u4 * wp).fill(0);
  for (let r = 0; r < u; r++) {
    for (let i = 0; i < s; i++) {
      wAll[r * wp + i] = v.indW[r * s + i]!;
      wAll[r * wp + s + 2 * i] = fold[(r * s + i) * 4]!;
      wAll[r * wp + s + 2 * i + 1] = fold[(r * s + i) * 4 + 1]!;
    }
  }
  const bias = new Float32Array(mem, at.bias, wp).fill(0);
  const bP = v.predB[1]! - v.predB[0]!,
    bF = v.finalB[1]! - v.finalB[0]!;
  for (let i = 0; i < s; i++) {
    bias[i] = v.indB[i]!;
    bias[s + 2 * i] = fold[(u * s + i) * 4]! + bP;
    bias[s + 2 * i + 1] = fold[(u * s + i) * 4 + 1]! + bF;
  }
  setPadded(mem, at.z, z, b, u, b, u4);
  k.dense(at.z, b, u4, at.wAll, wp, at.bias, at.both, width);
}

/**
 * The training loss of the two-class SRAM slice layer and, with `withGrads`, its gradient on z and
 * on every variable (some of them views into the kernel's memory: valid until its next call); null
 * where the kernel can't run it (no kernel here, or masks not 0/1).
 */
export function binaryLayerLoss(
  z: Float32Array,
  b: number,
  v: BinaryLayerValues,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
  withGrads: boolean,
): { value: number; grads: BinaryLayerGrads | null } | null {
  const k = kernel();
  if (!k) return null;
  const { u, s, e } = v;
  const { u4, e4, width, wp, rows } = dims(v);
  const at = layout(k, { ...lossSizes(b, s, y, masks), ...layerSizes(b, v) });
  heads(k, at, z, b, v);
  const value = runLoss(k, at, b, s, y, masks, o);
  if (value === null) return null;
  if (!withGrads) return { value, grads: null };
  k.backprop(at.z, b, u4, at.wAll, width, wp, at.grad, at.dz, at.dWAll);
  const mem = k.memory.buffer;
  const dWAll = new Float32Array(mem, at.dWAll, u4 * wp);
  const colSums = new Float64Array(mem, at.colSums, width);
  const g = new Float32Array(mem, at.g, rows * 4).fill(0);
  for (let r = 0; r < u; r++) {
    for (let i = 0; i < s; i++) {
      g[(r * s + i) * 4] = dWAll[r * wp + s + 2 * i]!;
      g[(r * s + i) * 4 + 1] = dWAll[r * wp + s + 2 * i + 1]!;
    }
  }
  for (let i = 0; i < s; i++) {
    g[(u * s + i) * 4] = colSums[s + 2 * i]!;
    g[(u * s + i) * 4 + 1] = colSums[s + 2 * i + 1]!;
  }
  // Back through the fold: dW2 = [Wexp; bexp]^T G, and d[Wexp; bexp] = G W2^T as `dense` with W2^T [4, e4]
  // (backprop's dot products would each be 4 long).
  k.backprop(at.foldIn, rows, e4, at.w2, 4, 4, at.g, -1, at.dW2);
  const w2 = new Float32Array(mem, at.w2, e4 * 4),
    w2T = new Float32Array(mem, at.w2T, 4 * e4);
  for (let m = 0; m < e4; m++) for (let j = 0; j < 4; j++) w2T[j * e4 + m] = w2[m * 4 + j]!;
  k.dense(at.g, rows, 4, at.w2T, e4, -1, at.dFoldIn, e4);
  const indW = new Float32Array(u * s);
  for (let r = 0; r < u; r++) indW.set(dWAll.subarray(r * wp, r * wp + s), r * s);
  const dW2 = new Float32Array(mem, at.dW2, e4 * 4);
  const predW = new Float32Array(e * 2),
    finalW = new Float32Array(e * 2);
  for (let m = 0; m < e; m++) {
    predW[2 * m] = -dW2[m * 4]!;
    predW[2 * m + 1] = dW2[m * 4]!;
    finalW[2 * m] = -dW2[m * 4 + 1]!;
    finalW[2 * m + 1] = dW2[m * 4 + 1]!;
  }
  let sumP = 0,
    sumF = 0;
  for (let i = 0; i < s; i++) {
    sumP += colSums[s + 2 * i]!;
    sumF += colSums[s + 2 * i + 1]!;
  }
  return {
    value,
    grads: {
      z: unpadded(mem, at.dz, b, u, u4),
      indW,
      indB: Float32Array.from(colSums.subarray(0, s)),
      expW: unpadded(mem, at.dFoldIn, u * s, e, e4),
      expB: unpadded(mem, at.dFoldIn + u * s * e4 * 4, s, e, e4),
      predW,
      predB: Float32Array.of(-sumP, sumP),
      finalW,
      finalB: Float32Array.of(-sumF, sumF),
    },
  };
}

/**
 * The two-class SRAM's prediction [B, 2] and attention [B, S] for z's rows, as views into the kernel's
 * memory (valid until its next call); null where the kernel does not run.
 */
export function binaryLayerInfer(
  z: Float32Array,
  b: number,
  v: BinaryLayerValues,
  invT: number,
  confidence: Confidence,
): { proba: Float32Array; attention: Float32Array } | null {
  const k = kernel();
  if (!k) return null;
  const at = layout(k, { ...inferSizes(b, v.s), ...layerSizes(b, v) });
  heads(k, at, z, b, v);
  return runInfer(k, at, b, v.s, invT, confidence);
}
