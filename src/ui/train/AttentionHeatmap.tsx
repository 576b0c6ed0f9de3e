import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { ALL_ROWS, BASE_SLICE, MODEL_LABELS, type AttentionSummary, type EpochReport } from '../../core/train/types.ts';
import { useStaggered } from './stagger.ts';
import { CanvasHeatmap } from '../slices/CanvasHeatmap.tsx';
import { orderSlices } from '../slices/sliceOrder.ts';

const NO_HISTORY: EpochReport[] = [];
/** Up to this many slices (after the filter) the routing is a table with every weight written out. */
const TABLE_MAX = 16;

/** The models that route over experts (user slices, then 'base'), and what their weights are called. */
const ROUTERS = [
  {
    model: 'sram',
    title: 'attention by slice',
    cell: 'mean attention weight',
    reading: "a strong diagonal means each slice's examples go to their own expert; a heavy base column means the experts are ignored.",
  },
  {
    model: 'moe',
    title: 'gate by slice',
    cell: 'mean gate weight',
    reading: "a strong diagonal means the gate sends each slice's examples to that slice's expert network.",
  },
] as const;

/**
 * How SRAM's attention and the MoE gate route examples: for the validation examples of each slice
 * (rows), the mean weight on each expert (columns: the slices, then base). One heatmap per such model.
 * Rows and columns follow the shared slice order, filter and pins (SliceListControls), 'all' and 'base'
 * last; past TABLE_MAX slices a zoomable canvas (CanvasHeatmap) stands in for the table.
 */
export function AttentionHeatmap() {
  const history =
    useStaggered(
      useStore((s) => s.history),
      'attention',
    ) ?? NO_HISTORY;
  // Selectors must return stable values: derive the newest routing of each model outside the store.
  const shown = useMemo(
    () =>
      ROUTERS.flatMap((router) => {
        for (let i = history.length - 1; i >= 0; i--) {
          const r = history[i];
          if (r?.model === router.model && r.attention) return [{ router, epoch: r.epoch, summary: r.attention }];
        }
        return [];
      }),
    [history],
  );
  if (shown.length === 0) return null;
  return (
    <div className="chart-pair attention-pair" data-testid="charts.attention">
      {shown.map(({ router, epoch, summary }) => (
        <Heatmap key={router.model} model={router.model} router={router} epoch={epoch} summary={summary} />
      ))}
    </div>
  );
}

function Heatmap(props: { model: 'sram' | 'moe'; router: (typeof ROUTERS)[number]; epoch: number; summary: AttentionSummary }) {
  const { rows, experts, weights } = props.summary;
  const controls = useStore((s) => s.sliceList);
  const runSlices = useStore((s) => s.runSlices);
  // Row and column indices in the shared order: the slices, then 'all' (rows) and 'base' (columns).
  const view = useMemo(() => {
    const size = new Map(runSlices.map((s) => [s.name, s.validCount]));
    const names = orderSlices(
      rows.filter((r) => r !== ALL_ROWS).map((name) => ({ name, size: size.get(name) ?? 0 })),
      controls,
    ).map((o) => o.item.name);
    const rowAt = new Map(rows.map((r, i) => [r, i]));
    const colAt = new Map(experts.map((e, j) => [e, j]));
    const r = [...names, ALL_ROWS].filter((n) => rowAt.has(n));
    const c = [...names, BASE_SLICE].filter((n) => colAt.has(n));
    let max = 1e-9;
    for (const w of weights) for (const v of w) if (v > max) max = v;
    return { r, c, ri: r.map((n) => rowAt.get(n)!), ci: c.map((n) => colAt.get(n)!), max };
  }, [rows, experts, weights, runSlices, controls]);
  const w = (i: number, j: number) => weights[view.ri[i]!]?.[view.ci[j]!] ?? 0;
  const filtered = view.r.length < rows.length;
  return (
    <figure className="chart-block attention" data-testid={`charts.attention.${props.model}`}>
      <h3>
        {MODEL_LABELS[props.model]} {props.router.title}
        {filtered && (
          <span className="muted small">
            {view.r.length - 1} of {rows.length - 1} slices (the filter applies)
          </span>
        )}
      </h3>
      <p className="muted small caption">
        Epoch {props.epoch}. Rows: a slice's validation examples; columns: the experts. Each cell is the {props.router.cell};{' '}
        {props.router.reading}
      </p>
      {view.r.length - 1 > TABLE_MAX ? (
        <CanvasHeatmap
          testId={`charts.attention.${props.model}.map`}
          label={`${MODEL_LABELS[props.model]} ${props.router.title}`}
          rows={view.r}
          cols={view.c}
          intensity={(i, j) => w(i, j) / view.max}
          cellText={(i, j) => w(i, j).toFixed(2).replace(/^0/, '')}
          describe={(i, j) => `${view.r[i]} → ${view.c[j]}: ${props.router.cell} ${w(i, j).toFixed(3)}`}
        />
      ) : (
        <div className="overlap-scroll">
          <table className="heatmap">
            <thead>
              <tr>
                <th />
                {view.c.map((e) => (
                  <th key={e} className="rot" title={e}>
                    <span>{e}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.r.map((r, i) => (
                <tr key={r}>
                  <th scope="row">{r}</th>
                  {view.c.map((e, j) => {
                    const v = w(i, j);
                    return (
                      <td
                        key={e}
                        title={`${r} → ${e}: ${v.toFixed(3)}`}
                        style={{ background: `rgba(31, 95, 160, ${v / view.max})`, color: v / view.max > 0.55 ? '#fff' : undefined }}
                      >
                        {v.toFixed(2).replace(/^0/, '')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
