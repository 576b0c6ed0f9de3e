/**
 * The reference SRAM's whole slice layer and loss as ONE op for backends whose tensors live in main
 * memory (wasm, cpu): from the backbone output z and the SRAM variables to the loss, with its
 * gradient. Same function as sram.ts's folded path + sramLoss.ts (linear experts, no residual).
 *
 * Why: on wasm a step costs about the number of tfjs kernels it runs (~20-30 us each at the reference
 * size). Here only the big products run as kernels (the folded weights Wexp W, the head matMul z Wall,
 * and their gradients: ~15 kernels); everything of size ~S*C per row (the loss, sramLossHost.ts) or
 * ~S*h (biases, the folded bias, splitting the weight gradients) is done on host arrays, which on
 * wasm/cpu are a memcpy away. The tensor path (GPU backends) ran ~100 more kernels.
 *
 * Head columns: every expert's output R_i reaches the loss only through the two heads W2 = [Wpred |
 * Wfin] [e, 2C]; the op folds them into the experts through a basis M [2C, H]: the heads read are
 * W2 M. In general M is the identity (H = 2C: [P_i | F_i], sramLossHost.ts). With two classes and the
 * product's structure (sramBinaryHost.ts) every term depends on a head only through class 1 minus
 * class 0, so M = [[-1, 0], [1, 0], [0, -1], [0, 1]] (H = 2: [dP_i | dF_i]): 3S columns instead of 5S,
 * which is what the matMuls, the copies and the loops of a 100+-slice epoch are made of.
 * Columns of the head matMul: d (S), then per expert i its H columns.
 *
 * With two classes and 0/1 masks the whole layer runs on the WebAssembly SIMD kernel instead
 * (sramBinaryLayer.ts: the fold, the matMul, the loss and every gradient, no tfjs op between z and the
 * loss); the tfjs-and-JS version below serves more classes, other masks and runtimes without the
 * kernel, and is the kernel's reference in the tests.
 *
 * Widths: z [B, h] is the slice layer's input (the backbone output, or its projection z P [B, r] for
 * compact experts, sram.ts), experts.w [h, S*e] and the heads [e, C] (e: the experts' output width).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dense } from './init.ts';
import type { HeadLossOptions } from './sramLoss.ts';
import { sramHeadLossHost, sramInferHost } from './sramLossHost.ts';
import { binaryHeadLossHost, binaryInferHost, binaryPathApplies } from './sramBinaryHost.ts';
import { binaryLayerInfer, binaryLayerLoss, type BinaryLayerValues } from './sramBinaryLayer.ts';

/** A linear head as tensors (a Dense's variables, or V W for compact experts). */
export interface Head {
  w: tf.Tensor; // [e, C]
  b: tf.Tensor; // [C]
}

export interface SramLayer {
  indicator: Dense; // w [h, S], b [S]
  experts: Dense; // w [h, S*e], b [S*e]
  pred: Head; // w [e, C], b [C]
  final: Head; // w [e, C], b [C]
}

const host = (t: tf.Tensor) => t.dataSync() as Float32Array;

/** The heads in the basis (header): weights W2 M [e, H] and biases [bpred | bfin] M [H]. */
interface HeadBasis {
  cols: number; // H
  w2: Float32Array; // [e, H] row-major
  bias: Float32Array; // [H]
}

function headBasis(layer: SramLayer, c: number, binary: boolean): HeadBasis {
  const [pw, fw, pb, fb] = [layer.pred.w, layer.final.w, layer.pred.b, layer.final.b].map(host) as Float32Array[];
  const e = layer.pred.w.shape[0]!;
  if (binary) {
    const w2 = new Float32Array(e * 2);
    for (let m = 0; m < e; m++) {
      w2[m * 2] = pw![m * 2 + 1]! - pw![m * 2]!;
      w2[m * 2 + 1] = fw![m * 2 + 1]! - fw![m * 2]!;
    }
    return { cols: 2, w2, bias: Float32Array.of(pb![1]! - pb![0]!, fb![1]! - fb![0]!) };
  }
  const c2 = 2 * c;
  const w2 = new Float32Array(e * c2);
  for (let m = 0; m < e; m++) {
    for (let j = 0; j < c; j++) {
      w2[m * c2 + j] = pw![m * c + j]!;
      w2[m * c2 + c + j] = fw![m * c + j]!;
    }
  }
  const bias = new Float32Array(c2);
  bias.set(pb!);
  bias.set(fb!, c);
  return { cols: c2, w2, bias };
}

/** The head matMul's weights [h, S + S*H] and bias [S + S*H] (tensors), and Wexp [h*S, e]. */
function foldedHeads(z: tf.Tensor2D, layer: SramLayer, s: number, basis: HeadBasis) {
  const h = z.shape[1];
  const { indicator, experts } = layer;
  const e = layer.pred.w.shape[0]!;
  const { cols, w2 } = basis;
  const width = s + s * cols;
  const [ib, eb] = [indicator.b, experts.b].map(host) as Float32Array[];
  // Folded bias per expert: bexp_i W2 M + [bpred | bfin] M; then the indicator's.
  const bias = new Float32Array(width);
  bias.set(ib!);
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = basis.bias[j]!;
      for (let m = 0; m < e; m++) acc += eb![i * e + m]! * w2[m * cols + j]!;
      bias[s + i * cols + j] = acc;
    }
  }
  // [h, S*e] row-major is [h*S, e] row-major (row k*S + i = row k of Wexp_i): Wexp_i W2 M for every i at once.
  const wExp = tf.reshape(experts.w, [h * s, e]) as tf.Tensor2D;
  const wAll = tf.concat([indicator.w, tf.reshape(tf.matMul(wExp, tf.tensor2d(w2, [e, cols])), [h, s * cols])], 1) as tf.Tensor2D;
  return { wAll, wExp, bias, eb: eb! };
}

/** The head outputs on host, [B, S + S*H] (inference; the loss op below computes the same). */
function headsOnHost(z: tf.Tensor2D, layer: SramLayer, s: number, basis: HeadBasis): Float32Array {
  // Not returned from tidy: tidy walks a returned container element by element (~250 ms for 1,024 rows x 387 heads).
  let heads: Float32Array = new Float32Array(0);
  tf.tidy(() => {
    const { wAll, bias } = foldedHeads(z, layer, s, basis);
    heads = host(tf.fused.matMul({ a: z, b: wAll, bias: tf.tensor1d(bias) }));
  });
  return heads;
}

/**
 * SRAM's prediction and attention on host arrays from the slice layer's input z (sram.ts's inference
 * on wasm / cpu). They may be views into a kernel's memory: make them tensors (hostTensor) at once.
 */
export function sramInferOnHost(
  z: tf.Tensor2D,
  layer: SramLayer,
  s: number,
  c: number,
  invT: number,
  confidence: HeadLossOptions['confidence'],
  useKernel = true,
): { proba: Float32Array; attention: Float32Array } {
  const b = z.shape[0];
  const binary = c === 2;
  const viaKernel = binary && useKernel ? binaryLayerInfer(host(z), b, layerValues(layer, s), invT, confidence) : null;
  if (viaKernel) return viaKernel;
  const heads = headsOnHost(z, layer, s, headBasis(layer, c, binary));
  return binary ? binaryInferHost(heads, b, s, invT, confidence) : sramInferHost(heads, b, s, c, invT, confidence);
}

/**
 * A tensor of host values: wasm copies them into its heap at once; the cpu backend keeps the array it
 * is given, so it gets a copy (the values may be a view into a kernel's reused memory).
 */
export function hostTensor(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(tf.getBackend() === 'wasm' ? values : values.slice(), shape);
}

/** The last host copy of each layer's variables, and the data they were read from (keyed by indicator.w). */
const valuesRead = new WeakMap<object, { from: object[]; values: BinaryLayerValues }>();

/**
 * The slice layer's variables on host, for the two-class kernel (sramBinaryLayer.ts). Read again only
 * when one has changed: a variable's assign gives it a new dataId, so while the ids are the same (the
 * 10 chunks of a validation pass) the last copy serves.
 */
function layerValues(layer: SramLayer, s: number): BinaryLayerValues {
  const { indicator, experts, pred, final } = layer;
  const tensors = [indicator.w, indicator.b, experts.w, experts.b, pred.w, pred.b, final.w, final.b];
  const from = tensors.map((t) => t.dataId);
  const last = valuesRead.get(indicator.w);
  if (last && last.values.s === s && from.every((id, i) => id === last.from[i])) return last.values;
  const [indW, indB, expW, expB, predW, predB, finalW, finalB] = tensors.map(host) as Float32Array[];
  const values = {
    u: indicator.w.shape[0]!,
    s,
    e: pred.w.shape[0]!,
    indW,
    indB,
    expW,
    expB,
    predW,
    predB,
    finalW,
    finalB,
  } as BinaryLayerValues;
  valuesRead.set(indicator.w, { from, values });
  return values;
}

/**
 * Two classes on the kernel: the whole slice layer and its gradient in sramBinaryLayer.ts, run before
 * the op is built (the op's forward only hands the results over); null where the kernel does not take
 * them (none here, or masks not 0/1): then the tfjs-and-JS version runs.
 */
function binaryLossOnKernel(
  z: tf.Tensor2D,
  layer: SramLayer,
  s: number,
  y: tf.Tensor2D,
  masks: tf.Tensor2D | null,
  o: HeadLossOptions,
  taping: boolean,
): tf.Scalar | null {
  const [b, u] = z.shape;
  const out = binaryLayerLoss(host(z), b, layerValues(layer, s), host(y), masks ? host(masks) : null, o, taping);
  if (!out) return null;
  const { indicator, experts, pred, final } = layer;
  const inputs = [z, indicator.w, indicator.b, experts.w, experts.b, pred.w, pred.b, final.w, final.b];
  // The gradients are views into the kernel's memory: made tensors now, before any other kernel call.
  const g = out.grads;
  let kept = g
    ? [g.z, g.indW, g.indB, g.expW, g.expB, g.predW, g.predB, g.finalW, g.finalB].map((v, i) =>
        tf.keep(hostTensor(v, i === 0 ? [b, u] : inputs[i]!.shape)),
      )
    : [];
  const op = tf.customGrad(() => ({
    value: tf.scalar(out.value),
    gradFunc: (dy: tf.Tensor) => {
      const scale = dy.dataSync()[0]!;
      const grads = kept.map((t) => (scale === 1 ? t.clone() : tf.mul(t, scale)));
      tf.dispose(kept);
      kept = [];
      return grads;
    },
  }));
  return op(...inputs) as tf.Scalar;
}

export function sramLossOnHost(
  z: tf.Tensor2D,
  layer: SramLayer,
  s: number,
  y: tf.Tensor2D,
  masks: tf.Tensor2D | null,
  o: HeadLossOptions,
  useKernel = true,
): tf.Scalar {
  const [b, h] = z.shape;
  const c = y.shape[1];
  const binary = binaryPathApplies(c, o, masks !== null);
  const state = tf.engine().state;
  const taping = state.gradientDepth > 0 && state.kernelDepth === 0;
  const viaKernel = binary && useKernel ? binaryLossOnKernel(z, layer, s, y, masks, o, taping) : null;
  if (viaKernel) return viaKernel;
  const { indicator, experts, pred, final } = layer;
  const e = pred.w.shape[0]!; // expert width (h at full rank)

  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const zIn = args[0] as tf.Tensor2D;
    const basis = headBasis(layer, c, binary);
    const { cols, w2 } = basis;
    const width = s + s * cols;
    const { wAll, wExp, bias, eb } = foldedHeads(zIn, layer, s, basis);
    const heads = host(tf.fused.matMul({ a: zIn, b: wAll, bias: tf.tensor1d(bias) }));
    const yHost = host(y),
      mHost = masks ? host(masks) : null;
    // Two classes here: no kernel in this runtime, or masks not 0/1; the JS loops.
    const { value, grad } = binary ? binaryHeadLossHost(heads, b, s, yHost, mHost, o) : sramHeadLossHost(heads, b, s, c, yHost, mHost, o);
    let kept: tf.Tensor[] = [];
    if (taping) {
      kept = [zIn, wAll, wExp];
      kept.forEach((x) => tf.keep(x));
    }
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Tensor) => {
        const [zS, wAllS, wExpS] = kept as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const scale = dy.dataSync()[0]!;
        // d loss / d head outputs in the head column order [B, width], and its column sums (the bias
        // gradient), in one sequential pass. dWAll = z^T g as a kernel on the small transpose of z: a host
        // transpose of g (width x B strided writes) cost ~2 ms per step at 128 slices.
        const g = grad;
        const gBias = new Float64Array(width);
        for (let n = 0; n < b; n++) {
          const row = n * width;
          if (scale !== 1) for (let j = 0; j < width; j++) g[row + j]! *= scale;
          for (let j = 0; j < width; j++) gBias[j]! += g[row + j]!;
        }
        const gTensor = tf.tensor2d(g, [b, width]);
        const dz = tf.matMul(gTensor, tf.transpose(wAllS));
        const dWAll = host(tf.matMul(tf.transpose(zS), gTensor)); // [h, width]
        const dIndW = new Float32Array(h * s);
        const dFold = new Float32Array(h * s * cols); // [h*S, H], row k*S + i
        for (let k = 0; k < h; k++) {
          const from = k * width;
          for (let i = 0; i < s; i++) dIndW[k * s + i] = dWAll[from + i]!;
          // Row k of dWAll after d is expert-major [i][j]: exactly rows k*S .. k*S + S - 1 of dFold.
          dFold.set(dWAll.subarray(from + s, from + s + s * cols), k * s * cols);
        }
        const w2T = new Float32Array(cols * e);
        for (let m = 0; m < e; m++) for (let j = 0; j < cols; j++) w2T[j * e + m] = w2[m * cols + j]!;
        const dFoldT = tf.tensor2d(dFold, [h * s, cols]);
        const dExpW = tf.reshape(tf.matMul(dFoldT, tf.tensor2d(w2T, [cols, e])), [h, s * e]);
        // d(W2 M) = Wexp^T dFold + bexp^T dBiasFold (the bias part on host), as [H, e]. Wexp^T is a kernel:
        // tfjs-backend-wasm's matMul repacks its RIGHT operand per call, so dFold^T Wexp ([H, S*h] x
        // [S*h, h]) costs ~3x the transpose plus Wexp^T dFold.
        const dW2 = host(tf.matMul(tf.transpose(wExpS), dFoldT)); // [e, H]
        const dW2T = new Float64Array(cols * e);
        for (let m = 0; m < e; m++) for (let j = 0; j < cols; j++) dW2T[j * e + m] = dW2[m * cols + j]!;
        const dExpB = new Float32Array(s * e);
        const dHeadB = new Float64Array(cols);
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < cols; j++) {
            const gb = gBias[s + i * cols + j]!;
            dHeadB[j]! += gb;
            for (let m = 0; m < e; m++) {
              dW2T[j * e + m]! += eb[i * e + m]! * gb;
              dExpB[i * e + m]! += gb * w2[m * cols + j]!;
            }
          }
        }
        // Back from the basis to the heads: d[Wpred | Wfin] = d(W2 M) M^T, the same for the biases.
        const dPredW = new Float32Array(e * c),
          dFinW = new Float32Array(e * c);
        const dPredB = new Float32Array(c),
          dFinB = new Float32Array(c);
        if (binary) {
          for (let m = 0; m < e; m++) {
            dPredW[m * 2 + 1] = dW2T[m]!;
            dPredW[m * 2] = -dW2T[m]!;
            dFinW[m * 2 + 1] = dW2T[e + m]!;
            dFinW[m * 2] = -dW2T[e + m]!;
          }
          dPredB.set([-dHeadB[0]!, dHeadB[0]!]);
          dFinB.set([-dHeadB[1]!, dHeadB[1]!]);
        } else {
          for (let m = 0; m < e; m++) {
            for (let j = 0; j < c; j++) {
              dPredW[m * c + j] = dW2T[j * e + m]!;
              dFinW[m * c + j] = dW2T[(c + j) * e + m]!;
            }
          }
          for (let j = 0; j < c; j++) {
            dPredB[j] = dHeadB[j]!;
            dFinB[j] = dHeadB[c + j]!;
          }
        }
        tf.dispose(kept);
        kept = [];
        return [
          dz,
          tf.tensor2d(dIndW, [h, s]),
          tf.tensor1d(Float32Array.from(gBias.subarray(0, s))),
          dExpW,
          tf.tensor1d(dExpB),
          tf.tensor2d(dPredW, [e, c]),
          tf.tensor1d(dPredB),
          tf.tensor2d(dFinW, [e, c]),
          tf.tensor1d(dFinB),
        ];
      },
    };
  });
  return op(z, indicator.w, indicator.b, experts.w, experts.b, pred.w, pred.b, final.w, final.b) as tf.Scalar;
}
