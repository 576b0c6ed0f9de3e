/**
 * tfjs backend selection inside the training worker (browser only; Node uses src/cli/tfNode.ts).
 *
 * 'auto': webgpu only on a real GPU adapter (a fallback adapter is SwiftShader, ~25x slower than wasm
 * here), else wasm, else webgl, else cpu. An explicit choice is tried first, then the same order.
 * Every setBackend races a timeout (a backend that never initialises must not hang the worker).
 * wasm: single-threaded (WASM_HAS_MULTITHREAD_SUPPORT false: tfjs 4.22's threaded build hangs in
 * minified, cross-origin-isolated pages, and threads gave no speed-up on 2 cores); its binaries are
 * emitted by Vite (`?url`) and handed to setWasmPaths, so no CDN is needed.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendName } from '../protocol/train.ts';
import { sramKernelAvailable } from '../core/model/sramBinaryKernel.ts';

const ORDER: BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
const TIMEOUT_MS = 20_000;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean; // older Chromium
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** null when a real (non-fallback) WebGPU adapter exists, else why not. */
async function gpuProblem(): Promise<string | null> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'no navigator.gpu';
  try {
    const adapter = await withTimeout(gpu.requestAdapter(), 'requestAdapter');
    if (!adapter) return 'no adapter';
    if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false) return 'only a fallback (software) adapter';
    return null;
  } catch (error) {
    return message(error);
  }
}

/** null on success, else the reason it failed. */
async function trySetBackend(name: BackendName): Promise<string | null> {
  try {
    const ok = await withTimeout(tf.setBackend(name), `${name} initialisation`);
    if (!ok) return 'initialisation failed';
    await tf.ready();
    return null;
  } catch (error) {
    return message(error);
  }
}

export async function selectBackend(choice: BackendChoice): Promise<{ backend: BackendName; detail: string }> {
  const { backend, detail } = await chooseBackend(choice);
  // On host-memory backends two-class SRAM runs its per-expert work in a WebAssembly SIMD kernel, or
  // in JS where that can't compile: said in the header badge's title, which an e2e test reads.
  if (backend !== 'wasm' && backend !== 'cpu') return { backend, detail };
  const kernel = sramKernelAvailable() ? 'SRAM kernel: wasm SIMD' : 'SRAM kernel: JS loops (no WebAssembly SIMD here)';
  return { backend, detail: `${detail}; ${kernel}` };
}

async function chooseBackend(choice: BackendChoice): Promise<{ backend: BackendName; detail: string }> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const candidates = choice === 'auto' ? ORDER : [choice, ...ORDER.filter((b) => b !== choice)];
  const notes: string[] = [];
  for (const name of candidates) {
    // webgpu is only picked without being asked for when the adapter is a real GPU.
    if (name === 'webgpu' && choice !== 'webgpu') {
      const problem = await gpuProblem();
      if (problem) {
        if (choice === 'auto') notes.push(`webgpu skipped: ${problem}`);
        continue;
      }
    }
    const error = tf.getBackend() === name ? null : await trySetBackend(name);
    if (error !== null) {
      notes.push(`${name} failed: ${error}`);
      continue;
    }
    if (choice === 'auto') return { backend: name, detail: `auto: ${name}${notes.length ? ` (${notes.join('; ')})` : ''}` };
    if (name === choice) {
      const slow = name === 'webgpu' && (await gpuProblem()) !== null ? ' (no real GPU adapter: emulated, slow)' : '';
      return { backend: name, detail: `${name}${slow}` };
    }
    return { backend: name, detail: `${choice} unavailable (${notes.join('; ')}); fell back to ${name}` };
  }
  throw new Error(`no tfjs backend could start: ${notes.join('; ')}`);
}
