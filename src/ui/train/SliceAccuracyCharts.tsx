import { memo, useMemo, useState } from 'react';
import { LineChart, Line, XAxis, YAxis, CartesianGrid, Tooltip } from 'recharts';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type EpochReport, type ModelKind } from '../../core/train/types.ts';
import { accuracySeries, modelsIn, MODEL_COLORS, OVERALL } from './chartData.ts';
import { pct } from '../format.ts';
import { useStaggered } from './stagger.ts';
import { Sparkline } from './Sparkline.tsx';

/**
 * Validation accuracy per epoch, a line per model: one Recharts chart for the chosen slice (overall
 * at first; click any small chart to choose), and a small SVG chart for every slice (Sparkline.tsx:
 * cheap enough to redraw dozens on every update without freezing the page).
 */
export function SliceAccuracyCharts() {
  const history = useStore((s) => s.history);
  const runSlices = useStore((s) => s.runSlices);
  const models = useMemo(() => modelsIn(history), [history]);
  const [focus, setFocus] = useState(OVERALL);
  // Before any epoch the chart is mounted hidden, so that the first epoch only updates it: mounting a
  // Recharts chart costs ~150-200 ms here, an update a third of that.
  if (history.length === 0) {
    return (
      <div hidden>
        <FocusChart name={OVERALL} validCount={0} history={history} models={models} />
      </div>
    );
  }
  const validTotal = history[0]?.valid.overall.support ?? 0;
  const panels = [{ name: OVERALL, validCount: validTotal }, ...runSlices];
  const shown = panels.find((p) => p.name === focus) ?? panels[0]!;
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
      <FocusChart name={shown.name} validCount={shown.validCount} history={history} models={models} />
      <div className="small-multiples" data-testid="charts.sliceAccuracy">
        {panels.map((p) => (
          <Sparkline
            key={p.name}
            name={p.name}
            validCount={p.validCount}
            history={history}
            models={models}
            selected={p.name === shown.name}
            onSelect={setFocus}
          />
        ))}
      </div>
    </div>
  );
}

/** The chosen slice in Recharts (axes, tooltip), drawn in a task of its own (stagger.ts). */
function FocusChart(props: { name: string; validCount: number; history: EpochReport[]; models: ModelKind[] }) {
  const history = useStaggered(props.history, 'focus');
  return (
    <figure className="focus-chart" data-testid="charts.focus">
      <figcaption>
        <strong>{props.name}</strong> <span className="muted">n={props.validCount}</span>
      </figcaption>
      {history ? <FocusLines name={props.name} history={history} models={props.models} /> : <div className="chart-placeholder" />}
    </figure>
  );
}

const FocusLines = memo(function FocusLines(props: { name: string; history: EpochReport[]; models: ModelKind[] }) {
  const data = useMemo(() => accuracySeries(props.history, props.name), [props.history, props.name]);
  return (
    <LineChart width={420} height={170} data={data} margin={{ top: 4, right: 10, bottom: 0, left: -18 }}>
      <CartesianGrid strokeDasharray="2 3" stroke="#e3e7ee" />
      <XAxis dataKey="epoch" tick={{ fontSize: 10 }} />
      <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 10) / 10), 1]} tick={{ fontSize: 10 }} tickFormatter={(v: number) => v.toFixed(1)} />
      <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(e) => `epoch ${e}`} />
      {props.models.map((m) => (
        <Line key={m} type="monotone" dataKey={m} name={MODEL_LABELS[m]} stroke={MODEL_COLORS[m]} dot={false} strokeWidth={2} isAnimationActive={false} />
      ))}
    </LineChart>
  );
});
