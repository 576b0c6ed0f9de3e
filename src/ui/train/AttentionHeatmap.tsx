import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type AttentionSummary, type EpochReport } from '../../core/train/types.ts';
import { useStaggered } from './stagger.ts';

const NO_HISTORY: EpochReport[] = [];

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
 */
export function AttentionHeatmap() {
  const history = useStaggered(useStore((s) => s.history), 'attention') ?? NO_HISTORY;
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
    <div className="chart-pair" data-testid="charts.attention">
      {shown.map(({ router, epoch, summary }) => (
        <Heatmap key={router.model} model={router.model} router={router} epoch={epoch} summary={summary} />
      ))}
    </div>
  );
}

function Heatmap(props: { model: 'sram' | 'moe'; router: (typeof ROUTERS)[number]; epoch: number; summary: AttentionSummary }) {
  const { rows, experts, weights } = props.summary;
  const max = Math.max(...weights.flat(), 1e-9);
  return (
    <figure className="chart-block attention" data-testid={`charts.attention.${props.model}`}>
      <h3>
        {MODEL_LABELS[props.model]} {props.router.title}
      </h3>
      <p className="muted small caption">
        Epoch {props.epoch}. Rows: a slice's validation examples; columns: the experts. Each cell is the {props.router.cell};{' '}
        {props.router.reading}
      </p>
      <table className="heatmap">
        <thead>
          <tr>
            <th />
            {experts.map((e) => (
              <th key={e} className="rot" title={e}>
                <span>{e}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {experts.map((e, j) => {
                const w = weights[i]?.[j] ?? 0;
                return (
                  <td
                    key={e}
                    title={`${r} → ${e}: ${w.toFixed(3)}`}
                    style={{ background: `rgba(31, 95, 160, ${w / max})`, color: w / max > 0.55 ? '#fff' : undefined }}
                  >
                    {w.toFixed(2).replace(/^0/, '')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
