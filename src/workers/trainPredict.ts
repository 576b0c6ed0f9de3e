/**
 * The training worker's answer to 'predict' (src/protocol/train.ts): every kept model of the last
 * finished run predicts every row of a NEW table (e.g. next month's data), featurised with the
 * run's fitted featurizer (ExportMeta.featurizer, fitted on the run's train rows; never refitted).
 * With `model` (an exported model's model.json text and weights.bin bytes), that model predicts
 * instead, with the featurizer bundled in it. Answers 'predicted' (class indices into the classes,
 * buffers transferred) or 'error' with a message for people: training in progress, nothing trained,
 * a malformed model, or the feature columns the table lacks.
 */
import { argmaxRows } from '../core/argmax.ts';
import type { TrainRequest, TrainResponse } from '../protocol/train.ts';
import type { ExportedModel, ExportMeta } from '../core/export/format.ts';
import { loadExportedModel } from '../core/export/loadModel.ts';
import { featurize } from '../core/features.ts';
import type { Table } from '../core/table.ts';
import { predictRows } from '../core/train/predictRows.ts';
import type { TrainedModel } from '../core/train/trained.ts';
import type { ModelKind } from '../core/train/types.ts';

export interface Predicted {
  classes: string[];
  predictions: Partial<Record<ModelKind, Int32Array>>;
}

export interface PredictState {
  models: Partial<Record<ModelKind, TrainedModel>>;
  meta: ExportMeta | null;
  /** A run is training or queued: its models are not the ones on screen yet. */
  busy: boolean;
}

function checkColumns(table: Table, features: readonly string[]): void {
  const have = new Set(table.columns.map((c) => c.name));
  const missing = features.filter((f) => !have.has(f));
  if (missing.length === 0) return;
  const shown = missing
    .slice(0, 8)
    .map((m) => `"${m}"`)
    .join(', ');
  throw new Error(
    `${table.source} lacks the model's feature column${missing.length > 1 ? 's' : ''} ${shown}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`,
  );
}

/** Predicted class per row of `table`, per model; throws a message for people. */
export function predictTable(state: PredictState, table: Table): Predicted {
  if (state.busy) throw new Error('training is running; predict when it has finished');
  if (Object.keys(state.models).length === 0 || !state.meta) {
    throw new Error(
      'there is no trained model in this session: train first (models are not kept across reloads), or choose an exported model',
    );
  }
  checkColumns(table, state.meta.features);
  const { x, dim } = featurize(state.meta.featurizer, table);
  return { classes: [...state.meta.classes], predictions: predictRows(state.models, { x, dim }) };
}

/** An exported model (its two files) predicts every row of `table`; keyed by the model's kind. */
export function predictWithExported(model: ExportedModel, table: Table): Predicted {
  const loaded = loadExportedModel(model.modelJson, model.weights);
  try {
    checkColumns(table, loaded.features);
    const { x, dim } = featurize(loaded.featurizer, table);
    const predicted = argmaxRows(loaded.predictProba(x, dim), loaded.classes.length);
    return { classes: [...loaded.classes], predictions: { [loaded.kind]: predicted } };
  } finally {
    loaded.dispose();
  }
}

export async function answerPredict(
  request: Extract<TrainRequest, { type: 'predict' }>,
  state: PredictState,
  post: (message: TrainResponse, transfer?: ArrayBuffer[]) => void,
  /** Starts a tfjs backend (an exported model may be the first thing this worker runs). */
  ensureBackend: () => Promise<unknown>,
): Promise<void> {
  try {
    let answer: Predicted;
    if (request.model) {
      if (state.busy) throw new Error('training is running; predict when it has finished');
      if (Object.keys(state.models).length === 0) await ensureBackend();
      answer = predictWithExported(request.model, request.table);
    } else answer = predictTable(state, request.table);
    const { classes, predictions } = answer;
    post(
      { type: 'predicted', id: request.id, classes, predictions },
      Object.values(predictions).map((p) => p.buffer as ArrayBuffer),
    );
  } catch (error) {
    post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}
