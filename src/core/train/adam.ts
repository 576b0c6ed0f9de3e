/**
 * Adam over all of a model's variables at once: the same update as tf.train.adam (tfjs 4.22's
 * AdamOptimizer, op for op, so the same numbers), on one flat vector instead of variable by variable.
 *
 * Why: on wasm a training step costs about the number of kernels it runs, and tfjs's Adam runs 14 per
 * variable (SRAM has 12 variables: ~170 kernels, half of its step). Here: the gradients are
 * concatenated, the 14 ops run once on the flat vector, and the update is split back: ~3 per variable.
 * Splitting: on GPU backends tf.split runs on the device; tfjs-backend-wasm's slice copies its WHOLE
 * input per call (readSync), which made tf.split of a 47k-value vector into 12 parts cost ~4-9 ms.
 * On wasm / cpu the whole update is one pass of a WebAssembly kernel instead (adamKernel.ts, the same
 * float32 numbers): each gradient and value read once, each variable written once.
 */
import * as tf from '@tensorflow/tfjs';
import { AdamKernel } from './adamKernel.ts';

export class FlatAdam {
  /** The host backends' kernel (adamKernel.ts): undefined until the first step, null where it does not run. */
  private kernel: AdamKernel | null | undefined;
  /** Each variable's dataId after the kernel's last step assigned it. */
  private readonly assigned: object[] = [];
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  private readonly accBeta1: tf.Variable;
  private readonly accBeta2: tf.Variable;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = tf.backend().epsilon(),
    /** false: tfjs ops on wasm / cpu too (what GPU backends run; adam.test.ts checks both). */
    private readonly useKernel = true,
  ) {
    this.accBeta1 = tf.tidy(() => tf.scalar(beta1).variable(false));
    this.accBeta2 = tf.tidy(() => tf.scalar(beta2).variable(false));
  }

  /** One step on `f`'s gradient w.r.t. `variables`; returns the loss (the caller disposes it). */
  minimize(f: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(f, variables);
    if (this.kernel === undefined)
      this.kernel =
        this.useKernel && ['wasm', 'cpu'].includes(tf.getBackend())
          ? AdamKernel.create(
              variables.reduce((n, x) => n + x.size, 0),
              this,
            )
          : null;
    if (this.kernel) this.kernelStep(this.kernel, grads, variables);
    else this.tensorStep(grads, variables);
    tf.dispose(grads);
    return value;
  }

  /** Host backends: gradients and values read once, one pass of the kernel, each variable written once. */
  private kernelStep(kernel: AdamKernel, grads: tf.NamedTensorMap, variables: tf.Variable[]): void {
    const { g, x } = kernel.views();
    let offset = 0;
    variables.forEach((variable, i) => {
      g.set(grads[variable.name]!.dataSync() as Float32Array, offset);
      // The kernel's x still holds what the last step assigned unless the variable was assigned since
      // (an assign gives it a new dataId).
      if (variable.dataId !== this.assigned[i]) x.set(variable.dataSync() as Float32Array, offset);
      offset += variable.size;
    });
    if (offset !== kernel.n) throw new Error(`FlatAdam: ${offset} values to update, but its first step had ${kernel.n}`);
    kernel.step();
    // wasm copies a new tensor's values into its heap at once; the cpu backend keeps the array it is
    // given, so it gets a copy (the kernel's memory is reused).
    const copy = tf.getBackend() === 'cpu';
    offset = 0;
    variables.forEach((variable, i) => {
      const values = x.subarray(offset, offset + variable.size);
      tf.tidy(() => variable.assign(tf.tensor(copy ? values.slice() : values, variable.shape)));
      this.assigned[i] = variable.dataId;
      offset += variable.size;
    });
  }

  private tensorStep(grads: tf.NamedTensorMap, variables: tf.Variable[]): void {
    tf.tidy(() => {
      const flat = tf.concat(variables.map((x) => tf.reshape(grads[x.name]!, [-1])));
      this.m ??= tf.tidy(() => tf.zerosLike(flat).variable(false));
      this.v ??= tf.tidy(() => tf.zerosLike(flat).variable(false));
      const oneMinusAccBeta1 = tf.sub(1, this.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, this.accBeta2);
      const newM = tf.add(tf.mul(this.m, this.beta1), tf.mul(flat, 1 - this.beta1));
      const newV = tf.add(tf.mul(this.v, this.beta2), tf.mul(tf.square(flat), 1 - this.beta2));
      const mHat = tf.div(newM, oneMinusAccBeta1);
      const vHat = tf.div(newV, oneMinusAccBeta2);
      this.m.assign(newM);
      this.v.assign(newV);
      const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      if (['wasm', 'cpu'].includes(tf.getBackend())) {
        const values = step.dataSync();
        let offset = 0;
        for (const x of variables) {
          x.assign(tf.add(tf.tensor(values.subarray(offset, offset + x.size), x.shape), x));
          offset += x.size;
        }
      } else {
        const parts = tf.split(
          step,
          variables.map((x) => x.size),
        );
        variables.forEach((x, i) => x.assign(tf.add(tf.reshape(parts[i]!, x.shape), x)));
      }
      this.accBeta1.assign(tf.mul(this.accBeta1, this.beta1));
      this.accBeta2.assign(tf.mul(this.accBeta2, this.beta2));
    });
  }

  dispose(): void {
    tf.dispose([this.accBeta1, this.accBeta2, ...(this.m ? [this.m] : []), ...(this.v ? [this.v] : [])]);
  }
}
