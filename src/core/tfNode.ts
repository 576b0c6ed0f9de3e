/**
 * tfjs backend for Node (unit tests, CLI, benchmarks). wasm = the same kernels as the browser's wasm
 * backend (and the same numbers); cpu = tfjs's pure-JS backend.
 * In Node, tfjs-backend-wasm's node build finds its .wasm binaries next to itself: no setWasmPaths.
 * No Node-only APIs here, so tests under src/core may import this file in every tsconfig.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'wasm' | 'cpu';

async function trySetBackend(name: NodeBackend, timeoutMs: number): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const ok = tf.setBackend(name).then((success) => (success ? null : 'initialisation failed'));
    return await Promise.race([ok, timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Selects `name` (default wasm, single-threaded: WASM_HAS_MULTITHREAD_SUPPORT false, see
 * docs on the tfjs 4.22 threaded-wasm hang), falling back to cpu if wasm fails. Idempotent.
 */
export async function initNodeBackend(name: NodeBackend = 'wasm', timeoutMs = 10_000): Promise<{ backend: NodeBackend; detail: string }> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (tf.getBackend() === name) return { backend: name, detail: name };
  const error = await trySetBackend(name, timeoutMs);
  if (error === null) {
    await tf.ready();
    return { backend: name, detail: name };
  }
  if (name === 'cpu') throw new Error(`tfjs cpu backend: ${error}`);
  const cpuError = await trySetBackend('cpu', timeoutMs);
  if (cpuError !== null) throw new Error(`tfjs wasm backend: ${error}; cpu backend: ${cpuError}`);
  return { backend: 'cpu', detail: `wasm failed (${error}); fell back to cpu` };
}

/**
 * Turns off tfjs's console chatter (the cpu backend's "install tfjs-node" banner, kernel notices):
 * the CLI's stdout is its progress and its stderr is its one-line error. tfjs's PROD flag only
 * gates logging (tfjs-core log.ts / environment.ts), never numerics.
 */
export function silenceTfjsLogs(): void {
  tf.env().set('PROD', true);
}
