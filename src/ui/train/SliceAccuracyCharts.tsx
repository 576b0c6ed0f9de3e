import { memo, useMemo } from 'react';
import { LineChart, Line, XAxis, YAxis, CartesianGrid, Tooltip } from 'recharts';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type EpochReport, type ModelKind } from '../../core/train/types.ts';
import { accuracySeries, modelsIn, MODEL_COLORS, OVERALL } from './chartData.ts';
import { pct } from '../format.ts';

/** One small chart per slice (and overall): validation accuracy per epoch, one line per model. */
export function SliceAccuracyCharts() {
  const history = useStore((s) => s.history);
  const runSlices = useStore((s) => s.runSlices);
  const models = useMemo(() => modelsIn(history), [history]);
  if (history.length === 0) return null;
  const validTotal = history[0]?.valid.overall.support ?? 0;
  const panels = [{ name: OVERALL, validCount: validTotal }, ...runSlices];
  return (
    <div className="chart-block">
      <h3>
        Validation accuracy per slice
        <span className="legend">
          {models.map((m) => (
            <span key={m}>
              <span className="swatch" style={{ background: MODEL_COLORS[m] }} /> {MODEL_LABELS[m]}
            </span>
          ))}
        </span>
      </h3>
      <div className="small-multiples" data-testid="charts.sliceAccuracy">
        {panels.map((p) => (
          <SliceChart key={p.name} name={p.name} validCount={p.validCount} history={history} models={models} />
        ))}
      </div>
    </div>
  );
}

const SliceChart = memo(function SliceChart(props: {
  name: string;
  validCount: number;
  history: EpochReport[];
  models: ModelKind[];
}) {
  const data = useMemo(() => accuracySeries(props.history, props.name), [props.history, props.name]);
  return (
    <figure className="mini-chart">
      <figcaption>
        <strong>{props.name}</strong> <span className="muted">n={props.validCount}</span>
      </figcaption>
      <LineChart width={170} height={110} data={data} margin={{ top: 4, right: 6, bottom: 0, left: -22 }}>
        <CartesianGrid strokeDasharray="2 3" stroke="#e3e7ee" />
        <XAxis dataKey="epoch" tick={{ fontSize: 9 }} />
        <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 10) / 10), 1]} tick={{ fontSize: 9 }} tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(e) => `epoch ${e}`} />
        {props.models.map((m) => (
          <Line key={m} type="monotone" dataKey={m} name={MODEL_LABELS[m]} stroke={MODEL_COLORS[m]} dot={false} strokeWidth={1.8} isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
});
