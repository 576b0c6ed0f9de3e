/**
 * Adam's update on the WebAssembly SIMD kernel (kernels/adam.wat) for host backends (wasm, cpu): one
 * pass over every value of a model, with tf.train.adam's float32 numbers bit for bit. Each optimizer
 * has its own instance, whose memory holds its moments between steps. adam.ts decides when it runs.
 */
import { compileKernel, instantiateKernel, type KernelMemory } from '../wasm.ts';
import { ADAM_WASM } from './kernels/adamWasm.ts';

interface Exports {
  memory: KernelMemory;
  step(g: number, m: number, v: number, x: number, n: number, ...scalars: number[]): void;
}

let module: object | null | undefined;

/** Adam's constants as tfjs makes them: float32 scalars from the JS numbers. */
export interface AdamConstants {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export class AdamKernel {
  private readonly k: Exports;
  /** Values per step (the model's parameter count). */
  readonly n: number;
  private readonly n4: number;
  /** beta^t so far, as tfjs's float32 accumulator variables hold them. */
  private accBeta1: number;
  private accBeta2: number;

  /** null where the kernel can't run here. n: how many values one step updates. */
  static create(n: number, c: AdamConstants): AdamKernel | null {
    if (module === undefined) module = compileKernel(ADAM_WASM);
    return module ? new AdamKernel(instantiateKernel<Exports>(module), n, c) : null;
  }

  private constructor(
    k: Exports,
    n: number,
    private readonly c: AdamConstants,
  ) {
    this.k = k;
    this.n = n;
    this.n4 = Math.ceil(n / 4) * 4;
    // Regions g, m, v, x of n4 floats; the memory starts zeroed, so m and v start at 0.
    const missing = 4 * this.n4 * 4 - k.memory.buffer.byteLength;
    if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
    this.accBeta1 = Math.fround(c.beta1);
    this.accBeta2 = Math.fround(c.beta2);
  }

  /** The gradient's and the current values' regions, to fill in the variables' order before `step`. */
  views(): { g: Float32Array; x: Float32Array } {
    const buffer = this.k.memory.buffer;
    return { g: new Float32Array(buffer, 0, this.n4), x: new Float32Array(buffer, 3 * this.n4 * 4, this.n4) };
  }

  /** One step: the new values replace x (views().x). */
  step(): void {
    const f = Math.fround;
    const { learningRate, beta1, beta2, epsilon } = this.c;
    const bytes = this.n4 * 4;
    this.k.step(
      0,
      bytes,
      2 * bytes,
      3 * bytes,
      this.n4,
      f(beta1),
      f(1 - beta1),
      f(beta2),
      f(1 - beta2),
      f(1 - this.accBeta1),
      f(1 - this.accBeta2),
      f(epsilon),
      f(-learningRate),
    );
    this.accBeta1 = f(this.accBeta1 * f(beta1));
    this.accBeta2 = f(this.accBeta2 * f(beta2));
  }
}
