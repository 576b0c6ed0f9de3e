/**
 * Two-class SRAM's loss and inference (sramBinaryHost.ts's contract) through the WebAssembly SIMD
 * kernel in kernels/sramBinary.wat: four experts per instruction, in float32. At 128 slices these
 * per-row, per-expert loops were most of an SRAM epoch in JS; the kernel runs them several times
 * faster (docs/performance.md, "Cost against the number of slices").
 *
 * The JS loops stay: they are the reference the kernel is tested against (sramBinaryKernel.test.ts),
 * and they run wherever the kernel can't: no WebAssembly SIMD, or masks that are not 0/1.
 * One instance per thread (module state), made on first use; its memory grows to the largest batch
 * seen and is reused. Every call copies its inputs in and its outputs out, so nothing the caller
 * holds aliases the kernel's memory.
 */
import type { Confidence } from '../train/types.ts';
import type { HeadLossOptions } from './sramLoss.ts';
import type { HostHeadLoss } from './sramLossHost.ts';
import { SRAM_BINARY_WASM } from './kernels/sramBinaryWasm.ts';

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
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
}

const SCRATCH_ARRAYS = 19;
/** Bytes the kernel's SIMD loads and stores may run past an array's end (sramBinary.wat). */
const SLACK = 32;
const CONFIDENCE_CODE: Record<Confidence, number> = { maxProb: 0, entropy: 1, positiveClass: 2 };

/** The part of the WebAssembly API used here (src/core compiles against lib ES2023, which lacks it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let instance: Exports | null | undefined;

/** The kernel, or null where this runtime can't compile it (then callers use the JS loops). */
function kernel(): Exports | null {
  if (instance !== undefined) return instance;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return (instance = null);
    const bytes = Uint8Array.from(atob(SRAM_BINARY_WASM), (ch) => ch.charCodeAt(0));
    // Synchronous: the binary is ~3 KB, under every browser's limit for compiling on any thread.
    instance = new wasm.Instance(new wasm.Module(bytes), {}).exports as Exports;
  } catch {
    instance = null;
  }
  return instance;
}

/** Whether the kernel runs here (false: sramBinaryHost.ts's JS loops serve). */
export function sramKernelAvailable(): boolean {
  return kernel() !== null;
}

/** Byte offsets of the regions a call uses, from 0; grows the memory to fit. */
function layout(k: Exports, sizes: Record<string, number>): Record<string, number> {
  const at: Record<string, number> = {};
  let end = 0;
  for (const [name, bytes] of Object.entries(sizes)) {
    at[name] = end;
    end += Math.ceil((bytes + SLACK) / 16) * 16; // 16-byte aligned, with the kernel's slack
  }
  const missing = end - k.memory.buffer.byteLength;
  if (missing > 0) k.memory.grow(Math.ceil(missing / 65536));
  return at;
}

const roundUp4 = (s: number) => Math.ceil(s / 4) * 4;

/**
 * Rows per slice ([S]: the K mask columns, then the base with every row; with no masks every expert
 * counts every row), or null when a mask is not 0/1: the kernel takes SF membership only.
 */
function sliceCounts(masks: Float32Array | null, b: number, s: number): Float64Array | null {
  const k = masks ? s - 1 : 0;
  const count = new Float64Array(s).fill(b, k);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < k; i++) {
      const m = masks![n * k + i]!;
      if (m !== 0 && m !== 1) return null;
      count[i]! += m;
    }
  }
  return count;
}

/** The head matMul that made `both`: both = z w + bias, z [B, r], w [r, 3S] row-major. */
export interface HeadMatMul {
  z: Float32Array;
  r: number;
  w: Float32Array;
}

export interface KernelHeadLoss extends HostHeadLoss {
  /** The gradient's column sums: the head bias's gradient. */
  colSums: Float64Array;
  /** With a HeadMatMul: the gradient back through it, on z [B, r] and on w [r, 3S]. */
  dz?: Float32Array;
  dw?: Float32Array;
}

/** Copies rows x cols values (row-major) into a zero-padded rows4 x cols4 region at `at`. */
function setPadded(mem: ArrayBuffer, at: number, values: Float32Array, rows: number, cols: number, rows4: number, cols4: number) {
  const out = new Float32Array(mem, at, rows4 * cols4);
  if (cols === cols4) out.set(values);
  else for (let i = 0; i < rows; i++) out.set(values.subarray(i * cols, (i + 1) * cols), i * cols4);
  if (cols !== cols4) for (let i = 0; i < rows; i++) out.fill(0, i * cols4 + cols, (i + 1) * cols4);
  out.fill(0, rows * cols4);
}

/** Rows x cols values out of a rows x cols4 region at `at` (the padding columns dropped). */
function getUnpadded(mem: ArrayBuffer, at: number, rows: number, cols: number, cols4: number): Float32Array {
  const from = new Float32Array(mem, at, rows * cols4);
  if (cols === cols4) return from.slice();
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) out.set(from.subarray(i * cols4, i * cols4 + cols), i * cols);
  return out;
}

/**
 * binaryHeadLossHost's loss and gradient, plus the gradient's column sums (the head bias's gradient)
 * and, given the head matMul, the gradient back through it (so the caller runs no matMul for it);
 * null where the kernel can't take them (no kernel here, or masks not 0/1): use the JS loops.
 */
export function kernelHeadLoss(
  both: Float32Array,
  b: number,
  s: number,
  y: Float32Array,
  masks: Float32Array | null,
  o: HeadLossOptions,
  head?: HeadMatMul,
): KernelHeadLoss | null {
  const k = kernel();
  const count = k ? sliceCounts(masks, b, s) : null;
  if (!k || !count) return null;
  const width = 3 * s;
  if (both.length !== b * width) throw new Error(`kernelHeadLoss: head output has ${both.length} values, expected ${b} x ${width}`);
  const { indicatorLoss, indicatorWeight, expertWeight } = o.sram;
  const sliceCount = masks ? s - 1 : 0;
  const s4 = roundUp4(s);
  // Per slice: the expert CE's weight (1 / rows in the slice), the indicator's weight in and out of it.
  const weights = new Float32Array(3 * s4);
  const plain = indicatorLoss === 'plain';
  for (let i = 0; i < s; i++) {
    weights[i] = 1 / Math.max(count[i]!, 1);
    weights[s4 + i] = plain ? 1 / b : 1 / Math.max(count[i]!, 1);
    weights[2 * s4 + i] = plain ? 1 / b : 1 / Math.max(b - count[i]!, 1);
  }
  const r4 = head ? roundUp4(head.r) : 0,
    wp = roundUp4(width);
  const at = layout(k, {
    scratch: SCRATCH_ARRAYS * s4 * 4,
    weights: weights.byteLength,
    colSums: width * 8,
    y: y.byteLength,
    masks: masks?.byteLength ?? 0,
    both: both.byteLength,
    grad: both.byteLength,
    z: b * r4 * 4,
    w: r4 * wp * 4,
    dz: b * r4 * 4,
    dw: r4 * wp * 4,
  });
  const mem = k.memory.buffer;
  // backprop's last chunks read a little past the gradient: zeros there, not a previous call's bytes
  new Float32Array(mem, at.grad! + both.byteLength, SLACK / 4).fill(0);
  new Float32Array(mem, at.weights!, weights.length).set(weights);
  new Float32Array(mem, at.y!, y.length).set(y);
  if (masks) new Float32Array(mem, at.masks!, masks.length).set(masks);
  new Float32Array(mem, at.both!, both.length).set(both);
  const value = k.loss(
    at.both!,
    b,
    s,
    s4,
    sliceCount,
    o.invT,
    CONFIDENCE_CODE[o.confidence],
    at.y!,
    at.masks!,
    at.weights!,
    indicatorWeight,
    expertWeight,
    at.grad!,
    at.colSums!,
    at.scratch!,
  );
  const out: KernelHeadLoss = {
    value,
    grad: new Float32Array(mem, at.grad!, both.length).slice(),
    colSums: new Float64Array(mem, at.colSums!, width).slice(),
  };
  if (head) {
    setPadded(mem, at.z!, head.z, b, head.r, b, r4);
    setPadded(mem, at.w!, head.w, head.r, width, r4, wp);
    k.backprop(at.z!, b, r4, at.w!, width, wp, at.grad!, at.dz!, at.dw!);
    out.dz = getUnpadded(mem, at.dz!, b, head.r, r4);
    out.dw = getUnpadded(mem, at.dw!, head.r, width, wp);
  }
  return out;
}

/** binaryInferHost's prediction and attention. Call only when sramKernelAvailable(). */
export function kernelInfer(
  both: Float32Array,
  b: number,
  s: number,
  invT: number,
  confidence: Confidence,
): { proba: Float32Array; attention: Float32Array } {
  const k = kernel();
  if (!k) throw new Error('kernelInfer: the WebAssembly kernel is not available here');
  if (both.length !== b * 3 * s) throw new Error(`kernelInfer: head output has ${both.length} values, expected ${b} x ${3 * s}`);
  const s4 = roundUp4(s);
  const at = layout(k, { scratch: SCRATCH_ARRAYS * s4 * 4, proba: b * 8, attention: b * s * 4, both: both.byteLength });
  const mem = k.memory.buffer;
  new Float32Array(mem, at.both!, both.length).set(both);
  k.infer(at.both!, b, s, s4, invT, CONFIDENCE_CODE[confidence], at.proba!, at.attention!, at.scratch!);
  return {
    proba: new Float32Array(mem, at.proba!, b * 2).slice(),
    attention: new Float32Array(mem, at.attention!, b * s).slice(),
  };
}
