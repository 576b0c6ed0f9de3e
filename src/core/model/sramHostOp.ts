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
 * Columns of the head matMul: d (S), then per expert i its [P_i (C) | F_i (C)] (the fold's natural
 * order, which sramLossHost.ts reads as is).
 *
 * Widths: z [B, h] is the slice layer's input (the backbone output, or its projection z P [B, r] for
 * compact experts, sram.ts), experts.w [h, S*e] and the heads [e, C] (e: the experts' output width).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dense } from './init.ts';
import type { HeadLossOptions } from './sramLoss.ts';
import { sramHeadLossHost } from './sramLossHost.ts';

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

export function sramLossOnHost(
  z: tf.Tensor2D,
  layer: SramLayer,
  s: number,
  y: tf.Tensor2D,
  masks: tf.Tensor2D | null,
  o: HeadLossOptions,
): tf.Scalar {
  const [b, h] = z.shape;
  const c = y.shape[1];
  const c2 = 2 * c;
  const width = s + s * c2;
  const state = tf.engine().state;
  const taping = state.gradientDepth > 0 && state.kernelDepth === 0;
  const { indicator, experts, pred, final } = layer;
  const e = pred.w.shape[0]!; // expert width (h at full rank)

  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const zIn = args[0] as tf.Tensor2D;
    // W2 = [Wpred | Wfin] [e, 2C] and every bias, on host (a few hundred values each).
    const [pw, fw, pb, fb, ib, eb] = [pred.w, final.w, pred.b, final.b, indicator.b, experts.b].map(host) as Float32Array[];
    const w2 = new Float32Array(e * c2);
    for (let m = 0; m < e; m++) {
      for (let j = 0; j < c; j++) {
        w2[m * c2 + j] = pw![m * c + j]!;
        w2[m * c2 + c + j] = fw![m * c + j]!;
      }
    }
    // Folded bias per expert: bexp_i W2 + [bpred | bfin]; then the indicator's.
    const bias = new Float32Array(width);
    for (let i = 0; i < s; i++) bias[i] = ib![i]!;
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < c2; j++) {
        let acc = j < c ? pb![j]! : fb![j - c]!;
        for (let m = 0; m < e; m++) acc += eb![i * e + m]! * w2[m * c2 + j]!;
        bias[s + i * c2 + j] = acc;
      }
    }
    // [h, S*e] row-major is [h*S, e] row-major (row k*S + i = row k of Wexp_i): Wexp_i W2 for every i at once.
    const wExp = tf.reshape(experts.w, [h * s, e]) as tf.Tensor2D;
    const wAll = tf.concat([indicator.w, tf.reshape(tf.matMul(wExp, tf.tensor2d(w2, [e, c2])), [h, s * c2])], 1) as tf.Tensor2D;
    const heads = host(tf.fused.matMul({ a: zIn, b: wAll, bias: tf.tensor1d(bias) }));
    const { value, grad } = sramHeadLossHost(heads, b, s, c, host(y), masks ? host(masks) : null, o);
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
        const dFold = new Float32Array(h * s * c2); // [h*S, 2C], row k*S + i
        for (let k = 0; k < h; k++) {
          const from = k * width;
          for (let i = 0; i < s; i++) dIndW[k * s + i] = dWAll[from + i]!;
          // Row k of dWAll after d is expert-major [i][j]: exactly rows k*S .. k*S + S - 1 of dFold.
          dFold.set(dWAll.subarray(from + s, from + s + s * c2), k * s * c2);
        }
        const w2T = new Float32Array(c2 * e);
        for (let m = 0; m < e; m++) for (let j = 0; j < c2; j++) w2T[j * e + m] = w2[m * c2 + j]!;
        const dFoldT = tf.tensor2d(dFold, [h * s, c2]);
        const dExpW = tf.reshape(tf.matMul(dFoldT, tf.tensor2d(w2T, [c2, e])), [h, s * e]);
        // dW2 = Wexp^T dFold + bexp^T dBiasFold (the bias part on host), as [2C, e]. Wexp^T is a kernel:
        // tfjs-backend-wasm's matMul repacks its RIGHT operand per call, so dFold^T Wexp ([2C, S*h] x
        // [S*h, h]) costs ~3x the transpose plus Wexp^T dFold.
        const dW2 = host(tf.matMul(tf.transpose(wExpS), dFoldT)); // [e, 2C]
        const dW2T = new Float64Array(c2 * e);
        for (let m = 0; m < e; m++) for (let j = 0; j < c2; j++) dW2T[j * e + m] = dW2[m * c2 + j]!;
        const dExpB = new Float32Array(s * e);
        const dHeadB = new Float64Array(c2);
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < c2; j++) {
            const gb = gBias[s + i * c2 + j]!;
            dHeadB[j]! += gb;
            for (let m = 0; m < e; m++) {
              dW2T[j * e + m]! += eb![i * e + m]! * gb;
              dExpB[i * e + m]! += gb * w2[m * c2 + j]!;
            }
          }
        }
        const dPredW = new Float32Array(e * c),
          dFinW = new Float32Array(e * c);
        for (let m = 0; m < e; m++) {
          for (let j = 0; j < c; j++) {
            dPredW[m * c + j] = dW2T[j * e + m]!;
            dFinW[m * c + j] = dW2T[(c + j) * e + m]!;
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
          tf.tensor1d(Float32Array.from(dHeadB.subarray(0, c))),
          tf.tensor2d(dFinW, [e, c]),
          tf.tensor1d(Float32Array.from(dHeadB.subarray(c))),
        ];
      },
    };
  });
  return op(z, indicator.w, indicator.b, experts.w, experts.b, pred.w, pred.b, final.w, final.b) as tf.Scalar;
}
