/**
 * Every trained model's predicted class for every row of a run's data (x covers all table rows,
 * not just the train and valid ones), for the data view's prediction columns.
 */
import { argmaxRows } from '../argmax.ts';
import type { TrainedModel } from './trained.ts';
import type { ModelKind, TrainData } from './types.ts';

export function predictRows(
  models: Partial<Record<ModelKind, TrainedModel>>,
  data: Pick<TrainData, 'x' | 'dim'>,
): Partial<Record<ModelKind, Int32Array>> {
  const out: Partial<Record<ModelKind, Int32Array>> = {};
  for (const [kind, model] of Object.entries(models) as [ModelKind, TrainedModel][]) {
    const predicted = argmaxRows(model.predictProba(data.x, data.dim), model.classes);
    out[kind] = predicted;
  }
  return out;
}
