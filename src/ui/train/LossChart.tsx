import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { lossSeries, modelsIn } from './chartData.ts';
import { useStaggered } from './stagger.ts';
import { LiveLines, orNoPoints, useLineModels } from './LiveLines.tsx';
import type { EpochReport } from '../../core/train/types.ts';

const NO_HISTORY: EpochReport[] = [];
// Module-level, so LiveLines' memo holds across this component's re-renders.
const formatLoss = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(2));
const lossValue = (v: number) => v.toFixed(4);

/** Each model's training loss per epoch (Recharts, LiveLines.tsx), drawn in a task of its own (stagger.ts). */
export function LossChart() {
  const history =
    useStaggered(
      useStore((s) => s.history),
      'loss',
    ) ?? NO_HISTORY;
  const data = useMemo(() => orNoPoints(lossSeries(history)), [history]);
  const models = useLineModels(useMemo(() => modelsIn(history), [history]));
  const domain = useMemo((): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of data) {
      for (const m of models) {
        const v = d[m];
        if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      }
    }
    return Number.isFinite(lo) ? [Math.min(0, lo), hi] : [0, 1];
  }, [data, models]);
  return (
    <figure className="chart-block" data-testid="charts.loss" hidden={history.length === 0}>
      <h3>Training loss</h3>
      <LiveLines
        data={data}
        models={models}
        width={300}
        height={190}
        domain={domain}
        format={formatLoss}
        value={lossValue}
        label="Training loss per epoch, one line per model"
      />
      <figcaption className="muted small">
        Each model's own loss (with its slice terms or weights), so levels differ between models: read the trend.
      </figcaption>
    </figure>
  );
}
