import { memo, useState } from 'react';
import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { MODEL_COLORS, type EpochPoint } from './chartData.ts';

/**
 * A line per model over epochs in plain SVG, with axes and a readout: the focus and loss charts. A
 * Recharts update cost 50-100 ms of main thread here (one long task per chart and epoch, whatever the
 * staggering; ~150-200 ms to mount), this a millisecond or two, so the page answers while training at
 * any number of slices. The newest epoch's values are written under the chart (nothing hides behind a
 * hover); pointing at the chart reads out that epoch instead.
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
  const { data, models, width: W, height: H, domain } = props;
  const [hover, setHover] = useState<number | null>(null);
  const pad = { left: 38, right: 10, top: 6, bottom: 18 };
  const epochs = data.length === 0 ? 1 : Math.max(...data.map((d) => d.epoch));
  const [lo, hi] = domain[1] > domain[0] ? domain : [domain[0] - 0.5, domain[0] + 0.5];
  const x = (epoch: number) => pad.left + ((epoch - 1) / Math.max(1, epochs - 1)) * (W - pad.left - pad.right);
  const y = (v: number) => pad.top + ((hi - v) / (hi - lo)) * (H - pad.top - pad.bottom);
  const ticks = [lo, (lo + hi) / 2, hi];
  const xTicks = [...new Set(epochs <= 1 ? [1] : [1, Math.round((1 + epochs) / 2), epochs])];
  const at = hover === null ? data.at(-1) : data.find((d) => d.epoch === hover);
  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const frac = (e.clientX - rect.left - pad.left) / Math.max(1, W - pad.left - pad.right);
    const epoch = Math.min(epochs, Math.max(1, Math.round(1 + frac * (epochs - 1))));
    if (epoch !== hover) setHover(epoch);
  };
  return (
    <div className="live-lines">
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={props.label}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} stroke="#e3e7ee" strokeDasharray="2 3" />
            <text x={pad.left - 4} y={y(v) + 3} textAnchor="end" fontSize="10" fill="#7a8599">
              {props.format(v)}
            </text>
          </g>
        ))}
        {xTicks.map((ep) => (
          <text key={ep} x={x(ep)} y={H - 4} textAnchor="middle" fontSize="10" fill="#7a8599">
            {ep}
          </text>
        ))}
        {hover !== null && <line x1={x(hover)} x2={x(hover)} y1={pad.top} y2={H - pad.bottom} stroke="#b9c3d3" />}
        {models.map((m) => {
          const points = data.filter((d) => d[m] !== undefined).map((d) => `${x(d.epoch).toFixed(1)},${y(d[m] as number).toFixed(1)}`);
          return points.length > 0 ? (
            <polyline key={m} points={points.join(' ')} fill="none" stroke={MODEL_COLORS[m]} strokeWidth={2} />
          ) : null;
        })}
      </svg>
      {at && (
        <div className="live-readout small">
          <span className="muted">epoch {at.epoch}:</span>{' '}
          {models.map((m) => (
            <span key={m}>
              <span className="swatch" style={{ background: MODEL_COLORS[m] }} /> {MODEL_LABELS[m]}{' '}
              {at[m] === undefined ? '–' : props.value(at[m])}{' '}
            </span>
          ))}
        </div>
      )}
    </div>
  );
});
