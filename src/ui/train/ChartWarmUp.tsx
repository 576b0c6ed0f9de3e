import { useEffect, useState } from 'react';
import { LiveLines } from './LiveLines.tsx';
import type { EpochPoint } from './chartData.ts';
import type { ModelKind } from '../../core/train/types.ts';

/**
 * Three models over 1, 2 and 6 epochs: a line of one point, of two (a segment) and of more (the
 * monotone curve's own code), so every part of a live chart's draw has run once.
 */
const SERIES: EpochPoint[][] = [1, 2, 6].map((n) =>
  Array.from({ length: n }, (_, i) => ({ epoch: i + 1, plain: 0.5 + 0.05 * i, reweighted: 0.55 + 0.04 * i, sram: 0.6 + 0.03 * i })),
);
const NO_POINTS: EpochPoint[] = [];
const MODEL_LIST: ModelKind[] = ['plain', 'reweighted', 'sram'];
const DOMAIN: [number, number] = [0.4, 0.9];
const format = (v: number) => v.toFixed(2);

/**
 * Draws one live chart, out of sight, when the page is first idle, as the live charts are drawn (empty,
 * then with more and more points: mount and updates), then removes it, each step in an idle period of
 * its own. Why:
 * the first Recharts draw with data in a page runs code the browser has not compiled yet, and cost ~2x
 * a later draw (44-92 ms against 30-45 here): in the first epoch's chart task, the longest task of a
 * run. Paid at idle instead, before any training.
 */
export function ChartWarmUp() {
  // -1: waiting for the first idle period; 0: drawn empty; 1..3: drawn with SERIES[stage - 1]; 4: done.
  const [stage, setStage] = useState(-1);
  useEffect(() => {
    if (stage > SERIES.length) return;
    const next = () => setStage(stage + 1);
    if (typeof requestIdleCallback !== 'function') return void setTimeout(next, 0);
    const id = requestIdleCallback(next, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }, [stage]);
  if (stage < 0 || stage > SERIES.length) return null;
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: -10_000, top: 0, visibility: 'hidden' }}>
      <LiveLines
        data={stage === 0 ? NO_POINTS : SERIES[stage - 1]!}
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
