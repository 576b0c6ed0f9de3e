/**
 * The hand-written WebAssembly kernels (src/core/.../kernels/*.wat, carried as base64 by the modules
 * `npm run kernels` generates): compiled and instantiated synchronously, as they are a few KB, which
 * workers and Node compile on any thread. null where this runtime can't (no WebAssembly, or no SIMD):
 * callers then run their JS or tfjs version.
 */

/** The part of the WebAssembly API used here (src/core compiles against lib ES2023, which lacks it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** A kernel's exported memory. */
export interface KernelMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

const wasmApi = () => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** The compiled module, or null where it can't compile here. */
export function compileKernel(base64: string): object | null {
  const wasm = wasmApi();
  if (!wasm) return null;
  try {
    return new wasm.Module(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** A new instance of a compiled kernel (its own memory); E: its exports. */
export function instantiateKernel<E>(module: object): E {
  return new (wasmApi() as WasmApi).Instance(module, {}).exports as E;
}
