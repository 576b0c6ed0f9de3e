import { describe, expect, it } from 'vitest';
import { accuracySeries, latestByModel, lossSeries, modelsIn, OVERALL } from './chartData.ts';
import { computeMetrics } from '../../core/metrics.ts';
import type { EpochReport, ModelKind } from '../../core/train/types.ts';

const metrics = (correct: number, n: number) =>
  computeMetrics(
    Array.from({ length: n }, () => 1),
    Array.from({ length: n }, (_, i) => (i < correct ? 1 : 0)),
    2,
  );

const report = (model: ModelKind, epoch: number, overall: number, slice: number, loss: number): EpochReport => ({
  model,
  epoch,
  trainLoss: loss,
  valid: { overall: metrics(overall, 10), slices: { s1: metrics(slice, 4) } },
  seconds: 0.1,
  parameters: 100,
});

describe('chart data', () => {
  const history = [
    report('plain', 1, 6, 1, 0.9),
    report('sram', 1, 5, 2, 1.4),
    report('plain', 2, 8, 2, 0.5),
    report('moe', 1, 7, 2, 1.1),
    report('sram', 2, 9, 3, 1.0),
  ];

  it('gives one point per epoch with one key per model', () => {
    expect(accuracySeries(history, OVERALL)).toEqual([
      { epoch: 1, plain: 0.6, sram: 0.5, moe: 0.7 },
      { epoch: 2, plain: 0.8, sram: 0.9 },
    ]);
    expect(accuracySeries(history, 's1')).toEqual([
      { epoch: 1, plain: 0.25, sram: 0.5, moe: 0.5 },
      { epoch: 2, plain: 0.5, sram: 0.75 },
    ]);
    expect(accuracySeries(history, 'unknown')).toEqual([]);
  });

  it('tracks losses and the newest report per model', () => {
    expect(lossSeries(history)).toEqual([
      { epoch: 1, plain: 0.9, sram: 1.4, moe: 1.1 },
      { epoch: 2, plain: 0.5, sram: 1.0 },
    ]);
    const latest = latestByModel(history);
    expect(latest.plain?.epoch).toBe(2);
    expect(latest.sram?.trainLoss).toBe(1.0);
    expect(latest.reweighted).toBeUndefined();
    // In MODEL_KINDS order, whatever order the reports came in.
    expect(modelsIn(history)).toEqual(['plain', 'sram', 'moe']);
  });
});
