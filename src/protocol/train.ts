/**
 * Messages between the page and the training worker (src/workers/train.worker.ts).
 * Tensors never cross: only typed arrays in, small summaries out.
 */
import type { EpochReport, TrainData, TrainSettings, Evaluation, ModelKind } from '../core/train/types.ts';
import type { ExportMeta } from '../core/export/format.ts';

/** 'auto' = webgpu on a real (non-fallback) adapter, else wasm, else webgl, else cpu. */
export const BACKENDS = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

/**
 * 'train' may carry the run's ExportMeta (featurizer, classes, label, features): the worker keeps it
 * with the run's models, and 'export' needs it (without it, 'export' answers 'error').
 * 'export' asks for one of the last finished run's models in the servable format
 * (src/core/export/format.ts); the answer is 'exported' (weights transferred) or 'error', under the
 * export request's own id. It is answered at once, never queued behind training: during a run it
 * answers 'error'.
 */
export type TrainRequest =
  | { type: 'train'; id: number; data: TrainData; settings: TrainSettings; backend: BackendChoice; meta?: ExportMeta }
  | { type: 'stop'; id: number }
  | { type: 'export'; id: number; model: ModelKind };

export type TrainResponse =
  | { type: 'backend'; id: number; backend: BackendName; detail: string }
  | { type: 'epoch'; id: number; report: EpochReport }
  | { type: 'diverged'; id: number; model: ModelKind; epoch: number; message: string }
  | { type: 'done'; id: number; stopped: boolean; final: Partial<Record<ModelKind, Evaluation>>; seconds: number }
  | { type: 'exported'; id: number; model: ModelKind; modelJson: string; weights: ArrayBuffer }
  | { type: 'error'; id: number; message: string };
