import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import type { SliceMetrics } from '../../core/metrics.ts';

/** confusion[true][predicted] of one slice, side by side for each model. */
export function ConfusionMatrices(props: { slice: string; classes: string[]; models: { kind: ModelKind; metrics?: SliceMetrics }[] }) {
  return (
    <div className="confusions" data-testid={`results.confusion.${props.slice}`}>
      {props.models.map(({ kind, metrics }) =>
        metrics ? (
          <table key={kind} className="confusion">
            <caption>
              {MODEL_LABELS[kind]}: P {metrics.precision.toFixed(3)} · R {metrics.recall.toFixed(3)} · F1 {metrics.f1.toFixed(3)}
            </caption>
            <thead>
              <tr>
                <th className="muted small">true ↓ / predicted →</th>
                {props.classes.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.confusion.map((row, t) => (
                <tr key={t}>
                  <th>{props.classes[t] ?? t}</th>
                  {row.map((n, p) => (
                    <td key={p} className={t === p ? 'num hit' : 'num'}>
                      {n}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null,
      )}
    </div>
  );
}
