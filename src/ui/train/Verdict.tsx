import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { withinNoise, type SliceMetrics } from '../../core/metrics.ts';
import { points } from '../format.ts';

/**
 * One plain sentence per method on what it did on this run against plain, with signed numbers, and
 * "within noise" only where the overall difference sits inside the 95% interval. It reports; it never
 * claims more than the numbers on screen.
 */
export function Verdict(props: {
  models: readonly ModelKind[];
  meanSlice(m: ModelKind): number;
  overall(m: ModelKind): SliceMetrics | undefined;
}) {
  const plain = props.overall('plain');
  const others = props.models.filter((m) => m !== 'plain');
  if (!plain || others.length === 0) return null;
  return (
    <ul className="verdict" data-testid="results.verdict">
      {others.map((m) => {
        const overall = props.overall(m);
        const ds = props.meanSlice(m) - props.meanSlice('plain');
        if (!overall) return null;
        const dov = overall.accuracy - plain.accuracy;
        const slices = Number.isFinite(ds) ? `mean slice accuracy ${points(ds)} points` : 'no slice has validation rows';
        return (
          <li key={m}>
            <strong>{MODEL_LABELS[m]}</strong> vs plain: {slices}, overall {points(dov)} points
            {withinNoise(overall, plain) ? ' (within noise)' : ''}.
          </li>
        );
      })}
    </ul>
  );
}
