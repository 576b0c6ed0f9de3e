/**
 * Messages between the page and the training worker (src/workers/train.worker.ts).
 * Tensors never cross: only typed arrays in, small summaries out.
 */
import type { EpochReport, TrainData, TrainSettings, Evaluation, ModelKind } from '../core/train/types.ts';

/** 'auto' = webgpu on a real (non-fallback) adapter, else wasm, else webgl, else cpu. */
export const BACKENDS = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

export type TrainRequest =
  | { type: 'train'; id: number; data: TrainData; settings: TrainSettings; backend: BackendChoice }
  | { type: 'stop'; id: number };

export type TrainResponse =
  | { type: 'backend'; id: number; backend: BackendName; detail: string }
  | { type: 'epoch'; id: number; report: EpochReport }
  | { type: 'diverged'; id: number; model: ModelKind; epoch: number; message: string }
  | { type: 'done'; id: number; stopped: boolean; final: Partial<Record<ModelKind, Evaluation>>; seconds: number }
  | { type: 'error'; id: number; message: string };
