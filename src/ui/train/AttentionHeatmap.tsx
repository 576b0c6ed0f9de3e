import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { resolveSram, type EpochReport } from '../../core/train/types.ts';
import { useStaggered } from './stagger.ts';

const NO_HISTORY: EpochReport[] = [];

/**
 * SRAM's attention: for the validation examples of each slice (rows), the mean weight on each slice
 * expert (columns). A diagonal means examples are routed to their own slice's expert.
 */
export function AttentionHeatmap() {
  const history = useStaggered(useStore((s) => s.history), 'attention') ?? NO_HISTORY;
  const runSettings = useStore((s) => s.runSettings);
  // Selectors must return stable values: derive the newest SRAM attention outside the store.
  const attention = useMemo(() => {
    for (let i = history.length - 1; i >= 0; i--) {
      const r = history[i];
      if (r?.model === 'sliceAware' && r.attention) return { epoch: r.epoch, summary: r.attention };
    }
    return null;
  }, [history]);
  if (!attention) return null;
  const attentionCombine = !runSettings || resolveSram(runSettings).combine === 'attention';
  const { rows, experts, weights } = attention.summary;
  const max = Math.max(...weights.flat(), 1e-9);
  return (
    <figure className="chart-block attention" data-testid="charts.attention">
      <h3>{attentionCombine ? 'Attention by slice' : 'Learned slice membership by slice'}</h3>
      <p className="muted small caption">
        Epoch {attention.epoch}. Rows: the validation examples of a slice; columns:{' '}
        {attentionCombine
          ? "the slice experts. Each cell is the mean attention weight; a strong diagonal means each slice's examples go to their own expert, a heavy base column means the experts are ignored."
          : "the model's own estimate of which slice an example is in (softmax over the slices and base). It weights the training loss and plays no part in predictions; a strong diagonal means the model recognises its slices from the features alone."}
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
