import { memo, useMemo } from 'react';
import { MODEL_LABELS, type EpochReport, type ModelKind } from '../../core/train/types.ts';
import { accuracySeries, MODEL_COLORS } from './chartData.ts';
import { pct } from '../format.ts';
import type { Highlight } from '../slices/sliceOrder.ts';

const W = 150;
const H = 64;
/** The chart's size (px), for grids that lay the charts out without measuring them. */
export const SPARK_W = W;
export const SPARK_H = H;
const BADGES: Record<Highlight, string> = { pinned: 'pinned', worst: 'worst', improved: 'most improved' };
const PAD = { left: 22, right: 4, top: 4, bottom: 12 };

/**
 * One slice's validation accuracy per epoch, a line per model, in plain SVG: a few hundred
 * microseconds to draw, where a Recharts chart takes ~25 ms (~70 ms to mount) here, so a run with
 * dozens of slices keeps the page responsive. The y range is [floor(min, 0.1), 1].
 */
export const Sparkline = memo(function Sparkline(props: {
  name: string;
  validCount: number;
  history: EpochReport[];
  models: ModelKind[];
  selected: boolean;
  /** Why the live view leads with this slice (sliceOrder.ts liveOrder), if it does. */
  highlight?: Highlight;
  onSelect(name: string): void;
}) {
  const data = useMemo(() => accuracySeries(props.history, props.name), [props.history, props.name]);
  const last = data.at(-1);
  const epochs = data.length === 0 ? 1 : Math.max(...data.map((d) => d.epoch));
  let min = 1;
  for (const d of data) for (const m of props.models) min = Math.min(min, d[m] ?? 1);
  const low = Math.max(0, Math.floor(min * 10) / 10 - (min === 1 ? 0.1 : 0));
  const x = (epoch: number) => PAD.left + ((epoch - 1) / Math.max(1, epochs - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((1 - v) / (1 - low)) * (H - PAD.top - PAD.bottom);
  const summary = props.models.map((m) => `${MODEL_LABELS[m]} ${last?.[m] === undefined ? '–' : pct(last[m])}`).join(', ');
  return (
    <button
      type="button"
      className={`mini-chart${props.selected ? ' selected' : ''}${props.highlight ? ` ${props.highlight}` : ''}`}
      data-testid={`charts.slice.${props.name}`}
      aria-pressed={props.selected}
      aria-label={`${props.name}: ${summary}`}
      title={`${props.name} (n=${props.validCount}) at epoch ${last?.epoch ?? 0}: ${summary}`}
      onClick={() => props.onSelect(props.name)}
    >
      <span className="caption">
        <strong>{props.name}</strong> <span className="muted">n={props.validCount}</span>
        {props.highlight && <span className={`badge-${props.highlight}`}>{BADGES[props.highlight]}</span>}
      </span>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        {[low, (low + 1) / 2, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e3e7ee" strokeDasharray="2 3" />
            <text x={PAD.left - 3} y={y(v) + 3} textAnchor="end" fontSize="8" fill="#7a8599">
              {v.toFixed(2).replace(/^0/, '')}
            </text>
          </g>
        ))}
        <text x={W - PAD.right} y={H - 2} textAnchor="end" fontSize="8" fill="#7a8599">
          epoch {epochs}
        </text>
        {props.models.map((m) => {
          const points = data.filter((d) => d[m] !== undefined).map((d) => `${x(d.epoch).toFixed(1)},${y(d[m] as number).toFixed(1)}`);
          return points.length > 0 ? (
            <polyline key={m} points={points.join(' ')} fill="none" stroke={MODEL_COLORS[m]} strokeWidth={1.6} />
          ) : null;
        })}
      </svg>
    </button>
  );
});
