import { useEffect, useMemo, useRef, useState } from 'react';
import { LiveLines, orNoPoints, useLineModels } from './LiveLines.tsx';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type EpochReport, type ModelKind } from '../../core/train/types.ts';
import { accuracySeries, latestByModel, modelsIn, MODEL_COLORS, OVERALL } from './chartData.ts';
import { pct } from '../format.ts';
import { useStaggered } from './stagger.ts';
import { observeRectLazily, scrollLazily } from '../lazyVirtualizer.ts';
import { Sparkline, SPARK_H, SPARK_W } from './Sparkline.tsx';
import { liveOrder, orderingModel, sliceScores, type Highlight } from '../slices/sliceOrder.ts';

const NO_HISTORY: EpochReport[] = [];
/** Module-level, so LiveLines' memo holds across FocusChart's re-renders. */
const formatAccuracy = (v: number) => v.toFixed(2);

/** Rows of small charts visible before the grid scrolls (the page never grows with the slices). */
const VISIBLE_ROWS = 3;
const GAP = 6;
/** A small chart's outer size (px): the SVG, its caption and padding (app.css .mini-chart). */
const CELL_W = SPARK_W + 12;
const CELL_H = SPARK_H + 30;
/** Slices led with: this many worst and this many most improved (besides the pinned ones). */
const HIGHLIGHTS = 4;

/**
 * Validation accuracy per epoch, a line per model: one Recharts chart for the chosen slice (overall
 * at first; click any small chart to choose), and a small SVG chart per slice (Sparkline.tsx). The
 * small charts lead with the slices that matter (pinned, then the worst and the most improved by the
 * ordering model: sliceOrder.ts liveOrder), then every other slice in the shared order, in a bounded
 * grid that only draws the rows in view: 500 slices cost what a screenful does.
 */
export function SliceAccuracyCharts() {
  const history = useStore((s) => s.history);
  const runSlices = useStore((s) => s.runSlices);
  const controls = useStore((s) => s.sliceList);
  const recommended = useStore((s) => s.recommendation?.model ?? null);
  const models = useMemo(() => modelsIn(history), [history]);
  const [focus, setFocus] = useState(OVERALL);
  const panels = useMemo(() => {
    const evals = Object.fromEntries(Object.entries(latestByModel(history)).map(([k, r]) => [k, r.valid]));
    const scores = sliceScores(evals, orderingModel(models, controls.model, recommended));
    const live = liveOrder(
      runSlices.map((s) => ({ name: s.name, size: s.validCount, ...scores.get(s.name) })),
      controls,
      HIGHLIGHTS,
    );
    const validTotal = history[0]?.valid.overall.support ?? 0;
    return [
      { name: OVERALL, validCount: validTotal, highlight: undefined as Highlight | undefined },
      ...live.map((o) => ({ name: o.item.name, validCount: o.item.size, highlight: o.highlight })),
    ];
  }, [history, runSlices, controls, models, recommended]);
  const shown = panels.find((p) => p.name === focus) ?? panels[0]!;
  // One structure before and after the first epoch (hidden before it), so nothing remounts when the
  // first epoch arrives; the small charts get their data in a task of their own (stagger.ts).
  return (
    <div className="chart-block" hidden={history.length === 0}>
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
      <FocusChart name={shown.name} validCount={shown.validCount} history={history} />
      {history.length > 0 && (
        <StaggeredMultiples panels={panels} history={history} models={models} selected={shown.name} onSelect={setFocus} />
      )}
    </div>
  );
}

function StaggeredMultiples(props: Parameters<typeof SmallMultiples>[0]) {
  const shown = useStaggered(props, 'multiples');
  return shown ? <SmallMultiples {...shown} /> : <div className="small-multiples-scroll" data-testid="charts.sliceAccuracy" />;
}

/** The small charts in a grid whose rows are virtualised: only the rows in view are in the page. */
function SmallMultiples(props: {
  panels: { name: string; validCount: number; highlight?: Highlight }[];
  history: EpochReport[];
  models: ModelKind[];
  selected: string;
  onSelect(name: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // The width comes from a ResizeObserver only (its first report follows the frame's layout): reading
  // it at mount forced a layout of the page inside the staggered task (see lazyVirtualizer.ts).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const perRow = Math.max(1, Math.floor((width + GAP) / (CELL_W + GAP)));
  const rows = Math.ceil(props.panels.length / perRow);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => CELL_H + GAP,
    overscan: 2,
    observeElementRect: observeRectLazily,
    scrollToFn: scrollLazily,
    initialRect: { width: 0, height: VISIBLE_ROWS * (CELL_H + GAP) },
  });
  return (
    <div
      className="small-multiples-scroll"
      ref={scroller}
      data-testid="charts.sliceAccuracy"
      style={{ maxHeight: VISIBLE_ROWS * (CELL_H + GAP) + GAP }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div
            key={v.index}
            className="small-multiples-row"
            style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: `repeat(${perRow}, ${CELL_W}px)` }}
          >
            {props.panels.slice(v.index * perRow, (v.index + 1) * perRow).map((p) => (
              <Sparkline
                key={p.name}
                name={p.name}
                validCount={p.validCount}
                history={props.history}
                models={props.models}
                selected={p.name === props.selected}
                highlight={p.highlight}
                onSelect={props.onSelect}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The chosen slice's lines (Recharts, LiveLines.tsx), drawn in a task of its own (stagger.ts): a
 * Recharts update cost 50-100 ms of main thread here, so it is the one chart per slice view.
 */
function FocusChart(props: { name: string; validCount: number; history: EpochReport[] }) {
  const history = useStaggered(props.history, 'focus') ?? NO_HISTORY;
  const data = useMemo(() => orNoPoints(accuracySeries(history, props.name)), [history, props.name]);
  // From the staggered history, not the parent's models (new on every store update): LiveLines' memo holds.
  const models = useLineModels(useMemo(() => modelsIn(history), [history]));
  const domain = useMemo((): [number, number] => {
    let min = 1;
    for (const d of data) for (const m of models) min = Math.min(min, d[m] ?? 1);
    return [Math.max(0, Math.floor(min * 10) / 10 - (min === 1 ? 0.1 : 0)), 1];
  }, [data, models]);
  return (
    <figure className="focus-chart" data-testid="charts.focus">
      <figcaption>
        <strong>{props.name}</strong> <span className="muted">n={props.validCount}</span>
      </figcaption>
      <LiveLines
        data={data}
        models={models}
        width={420}
        height={170}
        domain={domain}
        format={formatAccuracy}
        value={pct}
        label={`Validation accuracy of ${props.name} per epoch`}
      />
    </figure>
  );
}
