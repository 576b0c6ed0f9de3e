/**
 * Messages between the page and the training worker (src/workers/train.worker.ts).
 * Tensors never cross: only typed arrays in, small summaries out.
 */
import type { EpochReport, TrainSettings, Evaluation, ModelKind, Recommendation } from '../core/train/types.ts';
import type { ExportedModel } from '../core/export/format.ts';
import type { Table } from '../core/table.ts';
import type { DataConfig } from '../core/prepare.ts';

import type { BackendChoice, BackendName } from '../core/train/backends.ts';

export { BACKENDS, type BackendChoice, type BackendName } from '../core/train/backends.ts';

/**
 * The worker keeps the last finished run's models with its ExportMeta (featurizer, classes, label,
 * features). 'export' asks for one of the last finished run's models in the servable format
 * (src/core/export/format.ts); the answer is 'exported' (weights transferred) or 'error', under the
 * export request's own id. It is answered at once, never queued behind training: during a run it
 * answers 'error'.
 */
/**
 * 'setTable' hands the worker the project's table once per dataset (kept until the next one), so
 * 'trainTable' needs to send only the choices and the slice masks: featurisation (O(rows × features))
 * runs in the worker, never on the page. 'trainTable' answers 'prepared' (classes and validation
 * sizes) before its first epoch, or 'error' naming what is wrong with the data choices; its 'done'
 * carries every model's predicted class for every table row.
 */
export type TrainRequest =
  | { type: 'setTable'; table: Table }
  | {
      type: 'trainTable';
      id: number;
      config: DataConfig;
      slices: { name: string; mask: Uint8Array }[];
      settings: TrainSettings;
      backend: BackendChoice;
    }
  | { type: 'stop'; id: number }
  | { type: 'export'; id: number; model: ModelKind }
  // The last finished run's models predict a NEW table (src/workers/trainPredict.ts); answered
  // at once with 'predicted' (class indices into `classes`, buffers transferred) or 'error'.
  // `model` (an exported model's two files) predicts instead of the run's models.
  | { type: 'predict'; id: number; table: Table; model?: ExportedModel };

export type TrainResponse =
  | { type: 'backend'; id: number; backend: BackendName; detail: string }
  | { type: 'epoch'; id: number; report: EpochReport }
  | { type: 'diverged'; id: number; model: ModelKind; epoch: number; message: string }
  | {
      type: 'prepared';
      id: number;
      classes: string[];
      slices: { name: string; validCount: number }[];
      trainCount: number;
      validCount: number;
      dim: number;
    }
  | {
      type: 'done';
      id: number;
      stopped: boolean;
      final: Partial<Record<ModelKind, Evaluation>>;
      seconds: number;
      /** Trainable parameters per model. */
      parameters: Partial<Record<ModelKind, number>>;
      /** The model to use, chosen on the validation rows (null: none trained to the end). */
      recommendation: Recommendation | null;
      /** Predicted class index (into 'prepared'.classes) per table row, per model. */
      predictions: Partial<Record<ModelKind, Int32Array>>;
    }
  | { type: 'exported'; id: number; model: ModelKind; modelJson: string; weights: ArrayBuffer }
  | { type: 'predicted'; id: number; classes: string[]; predictions: Partial<Record<ModelKind, Int32Array>> }
  | { type: 'error'; id: number; message: string };
