import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type Evaluation, type ModelKind } from '../../core/train/types.ts';
import { withinNoise, type SliceMetrics } from '../../core/metrics.ts';
import { latestByModel, MODEL_COLORS } from './chartData.ts';
import { count, pct, points } from '../format.ts';

/**
 * Per slice: size, each model's validation accuracy (with its 95% interval on hover) and the difference
 * from the plain baseline, marked "≈" when within noise. Live during training (latest epoch), final after.
 */
export function ResultsTable() {
  const final = useStore((s) => s.final);
  const history = useStore((s) => s.history);
  const runSlices = useStore((s) => s.runSlices);
  const status = useStore((s) => s.status);
  const evals = useMemo(() => {
    if (Object.keys(final).length > 0) return final;
    const latest = latestByModel(history);
    const out: Partial<Record<ModelKind, Evaluation>> = {};
    for (const [k, r] of Object.entries(latest)) out[k as ModelKind] = r.valid;
    return out;
  }, [final, history]);
  const models = (['plain', 'reweighted', 'sliceAware'] as const).filter((m) => evals[m]);
  if (models.length === 0) return null;
  const plain = evals.plain;
  const rows: { name: string; n: number; get: (e: Evaluation) => SliceMetrics | undefined }[] = [
    { name: 'overall', n: plain?.overall.support ?? evals[models[0]!]!.overall.support, get: (e) => e.overall },
    ...runSlices.map((s) => ({ name: s.name, n: s.validCount, get: (e: Evaluation) => e.slices[s.name] })),
  ];
  const meanSlice = (m: ModelKind) => {
    const accs = runSlices.map((s) => evals[m]?.slices[s.name]?.accuracy).filter((a): a is number => a !== undefined);
    return accs.length ? accs.reduce((a, b) => a + b, 0) / accs.length : NaN;
  };

  return (
    <div className="results" data-testid="results">
      <h3>
        Per-slice validation accuracy{' '}
        <span className="muted small">{status === 'done' || status === 'stopped' ? '(final)' : '(latest epoch)'}</span>
      </h3>
      <table className="results-table" data-testid="results.table">
        <thead>
          <tr>
            <th>Slice</th>
            <th className="num">n</th>
            {models.map((m) => (
              <th key={m} className="num">
                <span className="swatch" style={{ background: MODEL_COLORS[m] }} /> {MODEL_LABELS[m]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid={`results.row.${row.name}`} className={row.name === 'overall' ? 'overall' : undefined}>
              <td>{row.name}</td>
              <td className="num">{count(row.n)}</td>
              {models.map((m) => {
                const metrics = row.get(evals[m]!);
                const base = plain ? row.get(plain) : undefined;
                return (
                  <td key={m} className="num" data-testid={`results.cell.${row.name}.${m}`}>
                    {metrics ? <AccuracyCell metrics={metrics} base={m === 'plain' ? undefined : base} /> : '–'}
                  </td>
                );
              })}
            </tr>
          ))}
          {runSlices.length > 0 && (
            <tr className="summary" data-testid="results.row.meanSlice">
              <td>mean of slices</td>
              <td />
              {models.map((m) => (
                <td key={m} className="num">
                  {pct(meanSlice(m))}
                  {m !== 'plain' && plain && <Delta d={meanSlice(m) - meanSlice('plain')} />}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      <Verdict models={models} meanSlice={meanSlice} overall={(m) => evals[m]?.overall} />
      <p className="muted small">
        Accuracy ± the half-width of its 95% Wilson interval. Differences are in points against the plain
        model; “≈” marks a difference inside the 95% interval (small slices are noisy).
      </p>
    </div>
  );
}

function AccuracyCell({ metrics, base }: { metrics: SliceMetrics; base?: SliceMetrics }) {
  const [lo, hi] = metrics.accuracyCi;
  return (
    <span title={`95% interval ${pct(lo)}–${pct(hi)}; F1 ${metrics.f1.toFixed(3)}`}>
      {pct(metrics.accuracy)}
      <span className="ci"> ±{((hi - lo) * 50).toFixed(1)}</span>
      {base && <Delta d={metrics.accuracy - base.accuracy} noise={withinNoise(metrics, base)} />}
    </span>
  );
}

function Delta({ d, noise }: { d: number; noise?: boolean }) {
  if (!Number.isFinite(d)) return null;
  const cls = noise ? 'delta noise' : d > 0 ? 'delta up' : d < 0 ? 'delta down' : 'delta';
  return (
    <span className={cls}>
      {' '}
      {noise ? '≈' : ''}
      {points(d)}
    </span>
  );
}

/**
 * One plain sentence per method on what it did on this run against plain, with signed numbers, and
 * "within noise" only where the overall difference sits inside the 95% interval.
 */
function Verdict(props: {
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
        if (!overall || !Number.isFinite(ds)) return null;
        const dov = overall.accuracy - plain.accuracy;
        return (
          <li key={m}>
            <strong>{MODEL_LABELS[m]}</strong> vs plain: mean slice accuracy {points(ds)} points, overall{' '}
            {points(dov)} points{withinNoise(overall, plain) ? ' (within noise)' : ''}.
          </li>
        );
      })}
    </ul>
  );
}
