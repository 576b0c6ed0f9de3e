import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_KINDS, type Evaluation, type ModelKind } from '../../core/train/types.ts';
import { latestByModel } from '../train/chartData.ts';
import { orderingModel, sliceScores } from './sliceOrder.ts';

/**
 * The evaluations on screen (the run's final ones, else each model's latest epoch), the model that
 * orders the slices, and its accuracy and Δ vs plain per slice: what every slice view sorts by.
 */
export function useSliceScores() {
  const final = useStore((s) => s.final);
  const history = useStore((s) => s.history);
  const recommended = useStore((s) => s.recommendation?.model ?? null);
  const chosen = useStore((s) => s.sliceList.model);
  return useMemo(() => {
    let evals: Partial<Record<ModelKind, Evaluation>> = final;
    if (Object.keys(final).length === 0) {
      evals = {};
      for (const [k, r] of Object.entries(latestByModel(history))) evals[k as ModelKind] = r.valid;
    }
    const trained = MODEL_KINDS.filter((m) => evals[m]);
    const model = orderingModel(trained, chosen, recommended);
    return { evals, trained, model, scores: sliceScores(evals, model) };
  }, [final, history, recommended, chosen]);
}
