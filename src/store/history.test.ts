import { expect, it } from 'vitest';
import type { EpochReport } from '../core/train/types.ts';
import { appendReports } from './history.ts';

const report = (model: EpochReport['model'], epoch: number, withAttention: boolean): EpochReport => ({
  model,
  epoch,
  trainLoss: 1 / epoch,
  valid: { overall: {} as EpochReport['valid']['overall'], slices: {} },
  seconds: 0.1,
  parameters: 10,
  ...(withAttention
    ? {
        attention: {
          rows: ['a', 'all'],
          experts: ['a', 'base'],
          weights: [
            [epoch, 0],
            [0, epoch],
          ],
        },
      }
    : {}),
});

it('keeps the attention of each model newest report only, and every report', () => {
  const first = appendReports([], [report('plain', 1, false), report('sram', 1, true), report('moe', 1, true)]);
  expect(first.map((r) => r.attention !== undefined)).toEqual([false, true, true]);
  const second = appendReports(first, [report('plain', 2, false), report('sram', 2, true)]);
  expect(second.map((r) => `${r.model}${r.epoch}:${r.attention ? r.attention.weights[0]![0] : '-'}`)).toEqual([
    'plain1:-',
    'sram1:-',
    'moe1:1',
    'plain2:-',
    'sram2:2',
  ]);
  // Reports that keep what they had are the same objects (cheap for React and the store).
  expect(second[0]).toBe(first[0]);
  expect(second[2]).toBe(first[2]);
  expect(second[1]).not.toHaveProperty('attention');
  expect(second[1]!.trainLoss).toBe(1);
});
