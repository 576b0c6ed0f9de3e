import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from '../../store/store.ts';
import { MODEL_KINDS, MODEL_LABELS, type Evaluation, type ModelKind } from '../../core/train/types.ts';
import { withinNoise, type SliceMetrics } from '../../core/metrics.ts';
import { latestByModel, MODEL_COLORS } from './chartData.ts';
import { count, pct, points } from '../format.ts';
import { ConfusionMatrices } from './ConfusionMatrices.tsx';
import { Verdict } from './Verdict.tsx';
import { useStaggered } from './stagger.ts';
import { observeRectLazily, scrollLazily } from '../lazyVirtualizer.ts';
import type { EpochReport } from '../../core/train/types.ts';
import { PinButton, SliceListControls } from '../slices/SliceListControls.tsx';
import { orderingModel, orderSlices, sliceScores } from '../slices/sliceOrder.ts';
import { PadRow, virtualRows } from '../virtualRows.tsx';

const NO_HISTORY: EpochReport[] = [];

const METRICS = ['accuracy', 'f1', 'precision', 'recall'] as const;
type Metric = (typeof METRICS)[number];
const METRIC_LABELS: Record<Metric, string> = { accuracy: 'Accuracy', f1: 'F1', precision: 'Precision', recall: 'Recall' };

/** Fixed slice-row height (px; a value and its interval / Δ line): rows are never measured. */
const ROW_H = 38;
/** Slice rows visible before the table scrolls: the page never grows with the number of slices. */
const VISIBLE_ROWS = 10;

interface Row {
  name: string;
  n: number;
  get: (e: Evaluation) => SliceMetrics | undefined;
}

/**
 * Per slice: size, each model's validation metric and the difference from the plain baseline. Accuracy
 * carries its 95% Wilson interval, and differences inside it are marked "≈". Live during training
 * (latest epoch), final after. Overall stays on top and the means and sizes at the bottom; the slices
 * between scroll in a bounded, virtualised list, ordered, filtered and pinned by the shared slice-list
 * controls. A click on a slice shows its confusion matrices below the table.
 */
export function ResultsTable() {
  const final = useStore((s) => s.final);
  // Live rows follow the epochs in a task of their own (stagger.ts); the final ones show at once.
  const history =
    useStaggered(
      useStore((s) => s.history),
      'results',
    ) ?? NO_HISTORY;
  const runSlices = useStore((s) => s.runSlices);
  const status = useStore((s) => s.status);
  const classes = useStore((s) => s.runClasses);
  const recommended = useStore((s) => s.recommendation?.model ?? null);
  const finalParameters = useStore((s) => s.parameters);
  const controls = useStore((s) => s.sliceList);
  const [metric, setMetric] = useState<Metric>('accuracy');
  const [open, setOpen] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const evals = useMemo(() => {
    if (Object.keys(final).length > 0) return final;
    const latest = latestByModel(history);
    const out: Partial<Record<ModelKind, Evaluation>> = {};
    for (const [k, r] of Object.entries(latest)) out[k as ModelKind] = r.valid;
    return out;
  }, [final, history]);
  // Trainable parameters: the run's final counts, else each model's latest epoch report (live).
  const parameters = useMemo(() => {
    const out: Partial<Record<ModelKind, number>> = {};
    for (const [k, r] of Object.entries(latestByModel(history))) out[k as ModelKind] = r.parameters;
    return { ...out, ...finalParameters };
  }, [finalParameters, history]);
  const models = MODEL_KINDS.filter((m) => evals[m]);
  const orderBy = orderingModel(models, controls.model, recommended);
  // The slices in the shared order (pinned first), from the figures on screen.
  const ordered = useMemo(() => {
    const scores = sliceScores(evals, orderBy);
    return orderSlices(
      runSlices.map((s) => ({ name: s.name, size: s.validCount, ...scores.get(s.name) })),
      controls,
    );
  }, [evals, orderBy, runSlices, controls]);
  const virtualizer = useVirtualizer({
    count: ordered.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 6,
    // Mounted in a staggered task during training: no forced layout there (lazyVirtualizer.ts).
    observeElementRect: observeRectLazily,
    scrollToFn: scrollLazily,
    initialRect: { width: 0, height: VISIBLE_ROWS * ROW_H },
  });
  if (models.length === 0) return null;
  const plain = evals.plain;
  const overall: Row = { name: 'overall', n: plain?.overall.support ?? evals[models[0]!]!.overall.support, get: (e) => e.overall };
  const sliceRow = (name: string, n: number): Row => ({ name, n, get: (e) => e.slices[name] });
  // Slices with no validation rows have no accuracy to average (their 0/0 would read as 0%).
  const meanSlice = (m: ModelKind, key: Metric = metric) => {
    const values = runSlices
      .filter((s) => s.validCount > 0)
      .map((s) => evals[m]?.slices[s.name]?.[key])
      .filter((a): a is number => a !== undefined);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
  };
  const columns = models.length + 2;
  const { items, top, bottom } = virtualRows(virtualizer);
  const openRow =
    open === null
      ? null
      : open === 'overall'
        ? overall
        : runSlices.some((s) => s.name === open)
          ? sliceRow(open, runSlices.find((s) => s.name === open)!.validCount)
          : null;

  const cells = (row: Row, pinned = false) => (
    <tr
      key={row.name}
      data-testid={`results.row.${row.name}`}
      className={row.name === 'overall' ? 'overall' : pinned ? 'pinned' : undefined}
      style={row.name === 'overall' ? undefined : { height: ROW_H }}
    >
      <td className="name-cell" title={row.name}>
        {row.name !== 'overall' && <PinButton name={row.name} />}
        <button
          type="button"
          className="link"
          aria-expanded={open === row.name}
          title="Show the confusion matrices"
          onClick={() => setOpen(open === row.name ? null : row.name)}
        >
          {open === row.name ? '▾' : '▸'} {row.name}
        </button>
      </td>
      <td className="num">{count(row.n)}</td>
      {models.map((m) => {
        const metrics = row.get(evals[m]!);
        const base = plain && m !== 'plain' ? row.get(plain) : undefined;
        return (
          <td key={m} className={m === recommended ? 'num rec' : 'num'} data-testid={`results.cell.${row.name}.${m}`}>
            {metrics ? <MetricCell metrics={metrics} metric={metric} base={base} /> : '–'}
          </td>
        );
      })}
    </tr>
  );

  return (
    <div className="results" data-testid="results">
      <h3>
        Per-slice validation results{' '}
        <span className="muted small">{status === 'done' || status === 'stopped' ? '(final)' : '(latest epoch)'}</span>
        <label className="metric-pick">
          <span className="muted small">metric</span>
          <select aria-label="Metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      </h3>
      {runSlices.length > 0 && (
        <SliceListControls view="results" shown={ordered.length} total={runSlices.length} trained={models} model={orderBy} />
      )}
      <div className="slice-scroll results-scroll" ref={scroller} style={{ maxHeight: ROW_H * VISIBLE_ROWS + 150 }}>
        <table className="results-table" data-testid="results.table">
          <thead>
            <tr>
              <th>Slice</th>
              <th className="num">n</th>
              {models.map((m) => (
                <th
                  key={m}
                  className={m === recommended ? 'num model-head rec' : 'num model-head'}
                  style={{ boxShadow: `inset 0 3px 0 ${MODEL_COLORS[m]}` }}
                  data-testid={`results.head.${m}`}
                >
                  {MODEL_LABELS[m]}
                  {m === recommended && (
                    <span className="rec-mark" data-testid="results.recommended">
                      ★ recommended
                    </span>
                  )}
                </th>
              ))}
            </tr>
            {cells(overall)}
          </thead>
          <tbody>
            <PadRow height={top} columns={columns} />
            {items.map((v) => {
              const { item, pinned } = ordered[v.index]!;
              return cells(sliceRow(item.name, item.size), pinned);
            })}
            <PadRow height={bottom} columns={columns} />
            {runSlices.length > 0 && ordered.length === 0 && (
              <tr>
                <td colSpan={columns} className="empty-filter">
                  No slice name contains “{controls.filter}”.
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            {runSlices.length > 0 && (
              <tr className="summary" data-testid="results.row.meanSlice">
                <td>mean of {runSlices.length} slices</td>
                <td />
                {models.map((m) => (
                  <td key={m} className={m === recommended ? 'num rec' : 'num'}>
                    {pct(meanSlice(m))}
                    {m !== 'plain' && plain && (
                      <span className="sub">
                        <Delta d={meanSlice(m) - meanSlice('plain')} />
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            )}
            <tr className="params" data-testid="results.row.parameters">
              <td title="Trainable parameters: the model's size, not its inference cost">parameters</td>
              <td />
              {models.map((m) => {
                const n = parameters[m];
                const base = parameters.plain;
                const known = n !== undefined && Number.isFinite(n);
                return (
                  <td key={m} className={m === recommended ? 'num rec' : 'num'}>
                    <span data-testid={`results.params.${m}`}>{known ? count(n) : '–'}</span>
                    {known && m !== 'plain' && base !== undefined && Number.isFinite(base) && base > 0 && (
                      <span className="sub">{(n / base).toFixed(1)}× plain</span>
                    )}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      {openRow && (
        <div className="results-details" data-testid="results.details">
          <strong>{openRow.name}</strong>{' '}
          <button type="button" className="link" onClick={() => setOpen(null)} aria-label="Close the confusion matrices">
            ✕
          </button>
          <ConfusionMatrices
            slice={openRow.name}
            models={models.map((m) => ({ kind: m, metrics: openRow.get(evals[m]!) }))}
            classes={classes}
          />
        </div>
      )}
      <Verdict models={models} meanSlice={(m) => meanSlice(m, 'accuracy')} overall={(m) => evals[m]?.overall} />
      <p className="muted small">
        Accuracy ± the half-width of its 95% Wilson interval. Differences are in points against the plain model; “≈” marks an accuracy
        difference inside the 95% interval (small slices are noisy). Parameters: trainable weights (the model's size). F1, precision and
        recall are of the positive class for two classes, macro-averaged otherwise.
      </p>
    </div>
  );
}

function MetricCell({ metrics, metric, base }: { metrics: SliceMetrics; metric: Metric; base?: SliceMetrics }) {
  const [lo, hi] = metrics.accuracyCi;
  const value = metrics[metric];
  // Two lines: the value, then its interval and its difference from plain (keeps six columns narrow).
  return (
    <span>
      {pct(value)}
      <span className="sub">
        {metric === 'accuracy' && <span className="ci">±{((hi - lo) * 50).toFixed(1)}</span>}
        {base && <Delta d={value - base[metric]} noise={metric === 'accuracy' ? withinNoise(metrics, base) : undefined} />}
      </span>
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
