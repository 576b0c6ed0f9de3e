/**
 * The WebAssembly SIMD kernel of two-class SRAM (kernels/sramBinary.wat): its instance and memory,
 * and its per-row, per-expert loops (sramBinaryHost.ts's contract) on head outputs given here.
 * sramBinaryLayer.ts runs the whole slice layer on it; these entry points are what the tests compare
 * with the JS loops (sramBinaryKernel.test.ts).
 *
 * The JS loops stay: they are the reference, and they run wherever the kernel can't (no WebAssembly
 * SIMD, or masks that are not 0/1). One instance per thread (module state), made on first use; its
 * memory grows to the largest call seen and is reused: kernelHeadLoss and kernelInfer copy their
 * outputs out, while runInfer and sramBinaryLayer.ts hand out views of it, valid until the next call
 * (their callers make tensors of them at once).
 */
import type { Confidence } from '../train/types.ts';
import type { HeadLossOptions } from './sramLoss.ts';
import type { HostHeadLoss } from './sramLossHost.ts';
import { SRAM_BINARY_WASM } from './kernels/sramBinaryWasm.ts';
import { compileKernel, instantiateKernel, type KernelMemory } from '../wasm.ts';

/** sramBinary.wat's exports; every pointer a byte offset into `memory`. */
export interface Exports {
  memory: KernelMemory;
  infer(both: number, b: number, s: number, s4: number, invT: number, conf: number, proba: number, att: number, sc: number): void;
  loss(
    both: number,
    b: number,
    s: number,
    s4: number,
    k: number,
    invT: number,
    conf: number,
    y: number,
    masks: number,
    weights: number,
    indW: number,
    expW: number,
    grad: number,
    colSums: number,
    sc: number,
  ): number;
  backprop(z: number, b: number, r4: number, w: number, width: number, wp: number, g: number, dz: number, dw: number): void;
  dense(a: number, n: number, r4: number, w: number, wp: number, bias: number, out: number, outStride: number): void;
}

const SCRATCH_ARRAYS = 19;
/** Bytes the kernel's SIMD loads and stores may run past a region's end (sramBinary.wat). */
const SLACK = 32;
const CONFIDENCE_CODE: Record<Confidence, number> = { maxProb: 0, entropy: 1, positiveClass: 2 };

let instance: Exports | null | undefined;

/** The kernel, or null where this runtime can't compile it (then callers use the JS loops). */
export function kernel(): Exports | null {
  if (instance === undefined) {
    const module = compileKernel(SRAM_BINARY_WASM);
    instance = module ? instantiateKernel<Exports>(module) : null;
  }
  return instance;
}

/** Whether the kernel runs here (false: sramBinaryHost.ts's JS loops serve). */
export function sramKernelAvailable(): boolean {
  return kernel() !== null;
}

export const roundUp4 = (n: number) => Math.ceil(n / 4) * 4;

/** Byte offsets of the regions a call uses (16-byte aligned, each with the kernel's slack), from 0; grows the memory to fit. */
export function layout<K extends string>(k: Exports, sizes: Record<K, number>): Record<K, number> {
  const at = {} as Record<K, number>;
  let end = 0;
  for (const name of Object.keys(sizes) as K[]) {
    at[name] = end;
    end += Math.ceil((sizes[name] + SLACK) / 16) * 16;
  }
  const missing = end - k.memory.buffer.byteLength;
  if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
  return at;
}

/** Copies rows x cols values (row-major) into a zero-padded rows4 x cols4 region at `at`. */
export function setPadded(mem: ArrayBuffer, at: number, values: Float32Array, rows: number, cols: number, rows4: number, cols4: number) {
  const out = new Float32Array(mem, at, rows4 * cols4);
  if (cols === cols4) out.set(values.subarray(0, rows * cols));
  else for (let i = 0; i < rows; i++) out.set(values.subarray(i * cols, (i + 1) * cols), i * cols4);
  if (cols !== cols4) for (let i = 0; i < rows; i++) out.fill(0, i * cols4 + cols, (i + 1) * cols4);
  out.fill(0, rows * cols4);
}

/**
 * Rows x cols values of a rows x cols4 region at `at` (the padding columns dropped): a view into the
 * kernel's memory when there are none (valid until its next call), else a new array.
 */
export function unpadded(mem: ArrayBuffer, at: number, rows: number, cols: number, cols4: number): Float32Array {
  const from = new Float32Array(mem, at, rows * cols4);
  if (cols === cols4) return from;
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) out.set(from.subarray(i * cols4, i * cols4 + cols), i * cols);
  return out;
}

/**
 * The loss's per-slice weights [3 x S4]: the expert CE's weight (1 / rows in the slice), the
 * indicator's weight in and out of it; null when a mask is not 0/1. Rows per slice: the K mask columns, then the base with every row (with no masks every expert
 * counts every row).
 */
function lossWeights(masks: Float32Array | null, b: number, s: number, o: HeadLossOptions): Float32Array | null {
  const k = masks ? s - 1 : 0;
  const count = new Float64Array(s).fill(b, k);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < k; i++) {
      const m = masks![n * k + i]!;
      if (m !== 0 && m !== 1) return null;
      count[i]! += m;
    }
  }
  const s4 = roundUp4(s);
  const weights = new Float32Array(3 * s4);
  const plain = o.sram.indicatorLoss === 'plain';
  for (let i = 0; i < s; i++) {
    weights[i] = 1 / Math.max(count[i]!, 1);
    weights[s4 + i] = plain ? 1 / b : 1 / Math.max(count[i]!, 1);
    weights[2 * s4 + i] = plain ? 1 / b : 1 / Math.max(b - count[i]!, 1);
  }
  return weights;
}

/** The regions the loss reads and writes, for `lossRegions` sizes. */
export function lossSizes(b: number, s: number, y: Float32Array, masks: Float32Array | null) {
  const width = 3 * s;
  return {
    scratch: SCRATCH_ARRAYS * roundUp4(s) * 4,
    weights: 3 * roundUp4(s) * 4,
    colSums: width * 8,
    y: y.byteLength,
    masks: masks?.byteLength ?? 0,
    both: b * width * 4,
    grad: b * width * 4,
  };
}

type LossRegions = Record<keyof ReturnType<typeof lossSizes>, number>;

/**
 * Runs the loss on the head outputs already at `at.both`; leaves the gradient at `at.grad` (with
 * zeros in its slack: backprop reads a little past it) and its column sums at `at.colSums`.
 * null (nothing run) when a mask is not 0/1.
 */
export function runLoss(
  k: Exports,
  at: LossRegions,
  b: number,
  s: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
): number | null {
  const weights = lossWeights(masks, b, s, o);
  if (!weights) return null;
  const mem = k.memory.buffer;
  new Float32Array(mem, at.grad + b * 3 * s * 4, SLACK / 4).fill(0);
  new Float32Array(mem, at.weights, weights.length).set(weights);
  new Float32Array(mem, at.y, y.length).set(y);
  if (masks) new Float32Array(mem, at.masks, masks.length).set(masks);
  const { indicatorWeight, expertWeight } = o.sram;
  return k.loss(
    at.both,
    b,
    s,
    roundUp4(s),
    masks ? s - 1 : 0,
    o.invT,
    CONFIDENCE_CODE[o.confidence],
    at.y,
    at.masks,
    at.weights,
    indicatorWeight,
    expertWeight,
    at.grad,
    at.colSums,
    at.scratch,
  );
}

/** Runs inference on the head outputs already at `at.both`; its outputs are views into the kernel's memory (valid until its next call). */
export function runInfer(
  k: Exports,
  at: { both: number; scratch: number; proba: number; attention: number },
  b: number,
  s: number,
  invT: number,
  confidence: Confidence,
): { proba: Float32Array; attention: Float32Array } {
  k.infer(at.both, b, s, roundUp4(s), invT, CONFIDENCE_CODE[confidence], at.proba, at.attention, at.scratch);
  const mem = k.memory.buffer;
  return { proba: new Float32Array(mem, at.proba, b * 2), attention: new Float32Array(mem, at.attention, b * s) };
}

export const inferSizes = (b: number, s: number) => ({
  scratch: SCRATCH_ARRAYS * roundUp4(s) * 4,
  proba: b * 8,
  attention: b * s * 4,
  both: b * 3 * s * 4,
});

/**
 * binaryHeadLossHost's loss and gradient on the head outputs `both`, plus the gradient's column sums;
 * null where the kernel can't take them (no kernel here, or masks not 0/1).
 */
export function kernelHeadLoss(
  both: Float32Array,
  b: number,
  s: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
): (HostHeadLoss & { colSums: Float64Array }) | null {
  const k = kernel();
  if (!k) return null;
  if (both.length !== b * 3 * s) throw new Error(`kernelHeadLoss: head output has ${both.length} values, expected ${b} x ${3 * s}`);
  const at = layout(k, lossSizes(b, s, y, masks));
  new Float32Array(k.memory.buffer, at.both, both.length).set(both);
  const value = runLoss(k, at, b, s, y, masks, o);
  if (value === null) return null;
  const mem = k.memory.buffer;
  return { value, grad: new Float32Array(mem, at.grad, both.length).slice(), colSums: new Float64Array(mem, at.colSums, 3 * s).slice() };
}

/** binaryInferHost's prediction and attention on the head outputs `both`; null where the kernel does not run. */
export function kernelInfer(
  both: Float32Array,
  b: number,
  s: number,
  invT: number,
  confidence: Confidence,
): { proba: Float32Array; attention: Float32Array } | null {
  const k = kernel();
  if (!k) return null;
  if (both.length !== b * 3 * s) throw new Error(`kernelInfer: head output has ${both.length} values, expected ${b} x ${3 * s}`);
  const at = layout(k, inferSizes(b, s));
  new Float32Array(k.memory.buffer, at.both, both.length).set(both);
  const { proba, attention } = runInfer(k, at, b, s, invT, confidence);
  return { proba: proba.slice(), attention: attention.slice() };
}
