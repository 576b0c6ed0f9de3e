/** The tfjs backends a run can ask for. Plain data, part of a project's saved settings. */

/** 'auto' = webgpu on a real (non-fallback) adapter, else wasm, else webgl, else cpu. */
export const BACKENDS = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
