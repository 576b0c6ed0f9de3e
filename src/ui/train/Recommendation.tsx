import { MODEL_LABELS, type Objective } from '../../core/train/types.ts';
import { useStore } from '../../store/store.ts';
import { count } from '../format.ts';
import { MODEL_COLORS } from './chartData.ts';

/** The objective in words, as the settings state it. */
export function objectiveText(o: Objective): string {
  const drop = `overall at most ${(o.maxOverallDrop * 100).toFixed(1)} points below plain`;
  if (o.target === 'overall') return 'highest overall accuracy';
  return `${o.target === 'meanSlice' ? 'highest mean slice accuracy' : 'highest worst-slice accuracy'}, ${drop}`;
}

/**
 * The model to use after a run: its name, the sentence with the numbers that chose it, and the rows it
 * was chosen on (validation rows, or rows held out of train; never test rows).
 */
export function Recommendation() {
  const rec = useStore((s) => s.recommendation);
  const status = useStore((s) => s.status);
  if (!rec || (status !== 'done' && status !== 'stopped')) return null;
  const rows =
    rec.rows === 'valid'
      ? `the data's ${count(rec.validRows)} validation rows`
      : `${count(rec.validRows)} rows held out of train (the data has no valid split)`;
  return (
    <section className="recommendation" aria-label="Recommended model" data-testid="train.recommendation">
      <div className="rec-title">
        <span className="rec-star" aria-hidden="true">
          ★
        </span>
        <span className="muted">Recommended:</span>
        <span className="swatch" style={{ background: MODEL_COLORS[rec.model] }} />
        <strong data-testid="train.recommendation.model">{MODEL_LABELS[rec.model]}</strong>
      </div>
      <p className="rec-reason" data-testid="train.recommendation.reason">
        {rec.reason}
      </p>
      <p className="muted small rec-rows" data-testid="train.recommendation.rows">
        Chosen on {rows}, never on test rows, by the objective: {objectiveText(rec.objective)}.
      </p>
    </section>
  );
}
