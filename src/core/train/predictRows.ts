/**
 * Every trained model's predicted class for every row of a run's data (x covers all table rows,
 * not just the train and valid ones), for the data view's prediction columns.
 */
import type { TrainedModel } from './trained.ts';
import type { ModelKind, TrainData } from './types.ts';

export function predictRows(
  models: Partial<Record<ModelKind, TrainedModel>>,
  data: Pick<TrainData, 'x' | 'dim'>,
): Partial<Record<ModelKind, Int32Array>> {
  const out: Partial<Record<ModelKind, Int32Array>> = {};
  for (const [kind, model] of Object.entries(models) as [ModelKind, TrainedModel][]) {
    const k = model.classes;
    const proba = model.predictProba(data.x, data.dim);
    const rows = proba.length / k;
    const predicted = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if ((proba[r * k + c] as number) > (proba[r * k + best] as number)) best = c;
      predicted[r] = best;
    }
    out[kind] = predicted;
  }
  return out;
}
