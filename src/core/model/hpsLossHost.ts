/**
 * Hard sharing's per-slice loss on host arrays, for backends whose tensors live in main memory (wasm,
 * cpu): sum_k mean_{rows in slice k} CE(L_k, y) from the slice heads' logits L [B, K*C], as one op
 * with its gradient. Why: the tensor version ran ~25 kernels over [B, K, C] arrays, ~10 ms a step at
 * 128 slices (hard sharing's epoch ~5x plain's); here only the rows in each slice are visited (one per
 * row for disjoint slices), and the gradient is zero elsewhere. Same numbers (model.test.ts).
 * masks [B, K] (0/1, or weights), y [B, C] one-hot.
 */
import * as tf from '@tensorflow/tfjs';

export function hpsSliceLossOnHost(logits: tf.Tensor2D, y: tf.Tensor2D, masks: tf.Tensor2D): tf.Scalar {
  const [b, width] = logits.shape;
  const c = y.shape[1];
  const k = width / c;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const l = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const yv = y.dataSync() as Float32Array;
    const m = masks.dataSync() as Float32Array;
    const count = new Float64Array(k);
    for (let n = 0; n < b; n++) for (let s = 0; s < k; s++) count[s]! += m[n * k + s]!;
    const grad = new Float32Array(b * width);
    const p = new Float64Array(c);
    let value = 0;
    for (let n = 0; n < b; n++) {
      let ySum = 0;
      for (let j = 0; j < c; j++) ySum += yv[n * c + j]!;
      for (let s = 0; s < k; s++) {
        const w = m[n * k + s]!;
        if (w === 0) continue;
        const scale = w / Math.max(count[s]!, 1);
        const at = n * width + s * c;
        let mx = -Infinity;
        for (let j = 0; j < c; j++) mx = Math.max(mx, l[at + j]!);
        let sum = 0;
        for (let j = 0; j < c; j++) sum += p[j] = Math.exp(l[at + j]! - mx);
        const lse = mx + Math.log(sum);
        for (let j = 0; j < c; j++) {
          const yj = yv[n * c + j]!;
          value -= scale * yj * (l[at + j]! - lse);
          // d CE / d logit_j = p_j sum(y) - y_j
          grad[at + j] = scale * ((p[j]! / sum) * ySum - yj);
        }
      }
    }
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Tensor) => {
        const s = dy.dataSync()[0]!;
        if (s !== 1) for (let i = 0; i < grad.length; i++) grad[i]! *= s;
        return tf.tensor2d(grad, [b, width]);
      },
    };
  });
  return op(logits) as tf.Scalar;
}
