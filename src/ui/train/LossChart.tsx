import { useMemo } from 'react';
import { LineChart, Line, XAxis, YAxis, CartesianGrid, Tooltip } from 'recharts';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS } from '../../core/train/types.ts';
import { lossSeries, modelsIn, MODEL_COLORS } from './chartData.ts';
import { useStaggered } from './stagger.ts';
import type { EpochReport } from '../../core/train/types.ts';

const NO_HISTORY: EpochReport[] = [];

export function LossChart() {
  // Drawn in a task of its own, like each slice chart (see stagger.ts).
  const history = useStaggered(useStore((s) => s.history), 'loss') ?? NO_HISTORY;
  const data = useMemo(() => lossSeries(history), [history]);
  const models = useMemo(() => modelsIn(history), [history]);
  // Mounted hidden before the first epoch (see SliceAccuracyCharts): the first epoch only updates it.
  return (
    <figure className="chart-block" data-testid="charts.loss" hidden={history.length === 0}>
      <h3>Training loss</h3>
      <LineChart width={300} height={190} data={data} margin={{ top: 6, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid strokeDasharray="2 3" stroke="#e3e7ee" />
        <XAxis dataKey="epoch" tick={{ fontSize: 10 }} />
        <YAxis tick={{ fontSize: 10 }} tickFormatter={(v: number) => v.toFixed(2)} />
        <Tooltip formatter={(v) => Number(v).toFixed(4)} labelFormatter={(e) => `epoch ${e}`} />
        {models.map((m) => (
          <Line key={m} type="monotone" dataKey={m} name={MODEL_LABELS[m]} stroke={MODEL_COLORS[m]} dot={false} strokeWidth={2} isAnimationActive={false} />
        ))}
      </LineChart>
      <figcaption className="muted small">Each model's own loss (with its slice terms or weights), so levels differ between models: read the trend.</figcaption>
    </figure>
  );
}
