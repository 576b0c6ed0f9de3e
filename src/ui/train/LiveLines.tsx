import { memo, useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type BaseTickContentProps } from 'recharts';
import { MODEL_KINDS, MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { MODEL_COLORS, type EpochPoint } from './chartData.ts';

/**
 * A line per model over epochs (Recharts): the focus chart and the loss chart. The newest epoch's
 * values are written under the chart, so nothing hides behind a hover. Cost: a Recharts update took
 * 50-100 ms of main thread here, so the callers draw it in a task of its own (stagger.ts), once per
 * epoch, and keep it to these two charts (the per-slice small multiples are plain SVG).
 * Memoised: callers pass stable props (format/value functions and domain that do not change identity
 * on their re-renders), so that the store's updates re-render it only in its staggered task.
 * No tick label is measured: Recharts measures each label in the DOM (a forced layout), to hide
 * overlapping ones (interval 0 turns that off; the x axis is numeric, nice epoch ticks rather than one
 * per epoch, so nothing overlaps) and to wrap its words (AxisTick, a plain <text>, does not wrap);
 * those measurements were a third of a draw, most of the first one.
 * domain: [low, high] of the y axis; format: its tick labels; value: a readout value.
 */
const NO_POINTS: EpochPoint[] = [];

/**
 * `data`, or one shared empty array when it is empty: a new run empties the history, and a new empty
 * array would re-draw the whole (empty) chart, 40-70 ms, in the Train click's wake.
 */
export function orNoPoints(data: EpochPoint[]): EpochPoint[] {
  return data.length === 0 ? NO_POINTS : data;
}

/**
 * The models a LiveLines chart draws lines for: those ticked for training (the run's, once one
 * started), and any others its data has, in MODEL_KINDS order; the same array while that set stays
 * the same. So the lines are mounted (empty) before training, at the page's leisure: registering a
 * Recharts <Line> re-renders the chart through Recharts' store several times, and when the first
 * epoch arrived with all its new lines that was the longest task of a run.
 */
export function useLineModels(inData: readonly ModelKind[]): ModelKind[] {
  const planned = useStore((s) => (s.runSettings ?? s.settings).models);
  const key = MODEL_KINDS.filter((k) => planned.includes(k) || inData.includes(k)).join(',');
  return useMemo(() => (key === '' ? [] : (key.split(',') as ModelKind[])), [key]);
}

/** A tick label as Recharts' own <Text> draws it on one line, without measuring it. */
function AxisTick(p: BaseTickContentProps) {
  const dy = p.verticalAnchor === 'start' ? '0.71em' : p.verticalAnchor === 'end' ? '-0.29em' : '0.355em';
  return (
    <text x={p.x} y={p.y} dy={dy} textAnchor={p.textAnchor} fontSize={10} fill="#666" className="recharts-cartesian-axis-tick-value">
      {p.tickFormatter ? p.tickFormatter(p.payload.value, p.index) : String(p.payload.value)}
    </text>
  );
}

/**
 * Ticks given, not computed by Recharts: its nice ticks (decimal.js logarithms) were ~10% of a draw.
 * y: multiples of the largest 1-2-5 step giving 3 or more ticks in [lo, hi]; x: whole epochs, at most ~7.
 */
export function yTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const top = Math.floor(Math.log10(hi - lo));
  // The largest 1-2-5 step with at least 3 ticks in [lo, hi].
  for (const step of [5, 2, 1, 0.5, 0.2, 0.1].map((m) => m * 10 ** top)) {
    const first = Math.ceil(lo / step - 1e-9);
    const last = Math.floor(hi / step + 1e-9);
    if (last - first + 1 < 3) continue;
    // Rounded to the step's decimals, so that 0.1 * 3 is 0.3 and labels stay short.
    const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(digits)));
  }
  return [lo, hi];
}

export function xTicks(lastEpoch: number): number[] {
  const step = Math.max(1, Math.ceil(lastEpoch / 6));
  const ticks: number[] = [];
  for (let e = 1; e <= lastEpoch; e += step) ticks.push(e);
  if (ticks.at(-1) !== lastEpoch && lastEpoch > 0) ticks.push(lastEpoch);
  return ticks;
}

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
  const lastEpoch = last?.epoch ?? 1;
  const xDomain = useMemo((): [number, number] => [Math.min(1, lastEpoch), Math.max(lastEpoch, 1)], [lastEpoch]);
  const xs = useMemo(() => xTicks(lastEpoch), [lastEpoch]);
  const yDomain = useMemo((): [number, number] => [lo, hi], [lo, hi]);
  const ys = useMemo(() => yTicks(lo, hi), [lo, hi]);
  return (
    <div className="live-lines" role="img" aria-label={props.label}>
      <LineChart width={props.width} height={props.height} data={data} margin={{ top: 6, right: 10, bottom: 0, left: -10 }}>
        <CartesianGrid strokeDasharray="2 3" stroke="#e3e7ee" />
        <XAxis dataKey="epoch" type="number" domain={xDomain} ticks={xs} tick={AxisTick} interval={0} />
        <YAxis domain={yDomain} ticks={ys} tick={AxisTick} tickFormatter={props.format} interval={0} />
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
