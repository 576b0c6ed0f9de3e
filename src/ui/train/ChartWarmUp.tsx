import { useEffect, useState } from 'react';
import { LiveLines } from './LiveLines.tsx';
import type { EpochPoint } from './chartData.ts';
import type { ModelKind } from '../../core/train/types.ts';

/** Two epochs of three models: enough to run every part of a line chart's draw once. */
const POINTS: EpochPoint[] = [
  { epoch: 1, plain: 0.5, reweighted: 0.6, sram: 0.7 },
  { epoch: 2, plain: 0.6, reweighted: 0.7, sram: 0.8 },
];
const NO_POINTS: EpochPoint[] = [];
const MODEL_LIST: ModelKind[] = ['plain', 'reweighted', 'sram'];
const DOMAIN: [number, number] = [0.4, 0.9];
const format = (v: number) => v.toFixed(2);

/**
 * Draws one live chart, out of sight, when the page is first idle, as the live charts are drawn (empty,
 * then with points: mount and update), then removes it, each step in an idle period of its own. Why:
 * the first Recharts draw with data in a page runs code the browser has not compiled yet, and cost ~2x
 * a later draw (44-92 ms against 30-45 here): in the first epoch's chart task, the longest task of a
 * run. Paid at idle instead, before any training.
 */
export function ChartWarmUp() {
  const [stage, setStage] = useState<'wait' | 'empty' | 'draw' | 'done'>('wait');
  useEffect(() => {
    if (stage === 'done') return;
    const next = () => setStage(stage === 'wait' ? 'empty' : stage === 'empty' ? 'draw' : 'done');
    if (typeof requestIdleCallback !== 'function') return void setTimeout(next, 0);
    const id = requestIdleCallback(next, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }, [stage]);
  if (stage === 'wait' || stage === 'done') return null;
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: -10_000, top: 0, visibility: 'hidden' }}>
      <LiveLines
        data={stage === 'draw' ? POINTS : NO_POINTS}
        models={MODEL_LIST}
        width={420}
        height={170}
        domain={DOMAIN}
        format={format}
        value={format}
        label=""
      />
    </div>
  );
}
