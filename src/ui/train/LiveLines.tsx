import { memo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { MODEL_COLORS, type EpochPoint } from './chartData.ts';

/**
 * A line per model over epochs (Recharts): the focus chart and the loss chart. The newest epoch's
 * values are written under the chart, so nothing hides behind a hover. Cost: a Recharts update took
 * 50-100 ms of main thread here, so the callers draw it in a task of its own (stagger.ts), once per
 * epoch, and keep it to these two charts (the per-slice small multiples are plain SVG).
 * domain: [low, high] of the y axis; format: its tick labels; value: a readout value.
 */
export const LiveLines = memo(function LiveLines(props: {
  data: EpochPoint[];
  models: ModelKind[];
  width: number;
  height: number;
  domain: [number, number];
  format(v: number): string;
  value(v: number): string;
  label: string;
}) {
  const { data, models, domain } = props;
  const [lo, hi] = domain[1] > domain[0] ? domain : [domain[0] - 0.5, domain[0] + 0.5];
  const last = data.at(-1);
  return (
    <div className="live-lines" role="img" aria-label={props.label}>
      <LineChart width={props.width} height={props.height} data={data} margin={{ top: 6, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid strokeDasharray="2 3" stroke="#e3e7ee" />
        <XAxis dataKey="epoch" tick={{ fontSize: 10 }} allowDecimals={false} />
        <YAxis domain={[lo, hi]} tick={{ fontSize: 10 }} tickFormatter={(v: number) => props.format(v)} />
        <Tooltip formatter={(v) => props.value(Number(v))} labelFormatter={(e) => `epoch ${e}`} />
        {models.map((m) => (
          <Line
            key={m}
            type="monotone"
            dataKey={m}
            name={MODEL_LABELS[m]}
            stroke={MODEL_COLORS[m]}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
      {last && (
        <div className="live-readout small">
          <span className="muted">epoch {last.epoch}:</span>{' '}
          {models.map((m) => (
            <span key={m}>
              <span className="swatch" style={{ background: MODEL_COLORS[m] }} /> {MODEL_LABELS[m]}{' '}
              {last[m] === undefined ? '–' : props.value(last[m])}{' '}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
