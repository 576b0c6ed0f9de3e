/**
 * y = act(x w + b) with a hand-written gradient that only ever calls NON-transposed matMuls.
 *
 * Why: tfjs-backend-wasm 4.22 runs matMul fast (XNNPACK) only without transpose flags; the stock
 * gradient of matMul uses transposeA / transposeB, which took ~10x longer (10 ms vs 1 ms for
 * [256, 64] x [64, 576] with h = 64, K = 8) and made SRAM's backward pass dominate training.
 * An explicit tf.transpose of the (small) operand, then a plain matMul, is much cheaper.
 * Same numbers on every backend up to float rounding; the gain is on wasm.
 */
import * as tf from '@tensorflow/tfjs';

export type Activation = 'linear' | 'relu';

/**
 * Backends whose tensors live in main memory (wasm, cpu): reading a small tensor there is a memcpy, so
 * small reductions and the SRAM loss (sramHostOp.ts) run on host arrays instead of as kernels.
 * GPU backends keep everything on the device (a readback would stall it).
 */
export function hostBackend(): boolean {
  return ['wasm', 'cpu'].includes(tf.getBackend());
}

/** Column sums of g [B, out] -> [out]. */
function biasGrad(g: tf.Tensor2D): tf.Tensor1D {
  if (hostBackend()) {
    // ~2.5x faster than the matMul below on wasm at [256, 64]: its right operand is repacked per call.
    const [rows, cols] = g.shape;
    const values = g.dataSync();
    const sums = new Float64Array(cols);
    for (let n = 0; n < rows; n++) for (let j = 0; j < cols; j++) sums[j]! += values[n * cols + j]!;
    return tf.tensor1d(Float32Array.from(sums));
  }
  // 1^T g as a [1, B] x [B, out] matMul: ~10x faster on wasm than sum(g, 0), a reduction over a non-last axis.
  return tf.reshape(tf.matMul(tf.ones([1, g.shape[0]]), g), [g.shape[1]]);
}

function makeLinear(activation: Activation, inputGrad: boolean) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = tf.fused.matMul({ a: x, b: w, bias: b, activation }) as tf.Tensor2D;
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const g = (activation === 'relu' ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
        const db = biasGrad(g);
        const dx = inputGrad ? tf.matMul(g, tf.transpose(ws)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), g), db];
      },
    };
  });
}

const ops = {
  linear: [makeLinear('linear', false), makeLinear('linear', true)],
  relu: [makeLinear('relu', false), makeLinear('relu', true)],
} as const;

/**
 * x [B, in], w [in, out], b [out] -> [B, out].
 * inputGrad false (a layer whose input is data): the gradient w.r.t. x is reported as zeros instead of
 * computed, saving a transpose and a matMul per step.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation = 'linear', inputGrad = true): tf.Tensor2D {
  return ops[activation][inputGrad ? 1 : 0](x, w, b) as tf.Tensor2D;
}

/**
 * a [m, k] x b [k, n] with the same transpose-free gradient (explicit tf.transpose of each operand,
 * then plain matMuls): tfjs's stock matMul gradient uses transposeA/B, slow on wasm (see above).
 */
export const matMulNT = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
