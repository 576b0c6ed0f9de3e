import { expect, it } from 'vitest';
import { DEFAULT_SLICE_LIST, type SliceListControls } from '../../store/sliceListSlice.ts';
import { liveOrder, orderingModel, orderSlices, sliceScores, type SliceFacts } from './sliceOrder.ts';
import type { Evaluation } from '../../core/train/types.ts';
import type { SliceMetrics } from '../../core/metrics.ts';

const items: SliceFacts[] = [
  { name: 'cell_0_0', size: 50, accuracy: 0.9, delta: 0.01 },
  { name: 'cell_0_1', size: 80, accuracy: 0.6, delta: -0.05 },
  { name: 'cell_1_0', size: 20, accuracy: 0.75, delta: 0.2 },
  { name: 'edge', size: 99 },
  { name: 'cell_1_1', size: 60, accuracy: 0.95, delta: 0.05 },
];
const controls = (c: Partial<SliceListControls>): SliceListControls => ({ ...DEFAULT_SLICE_LIST, ...c });
const names = (list: { item: SliceFacts }[]) => list.map((o) => o.item.name);

it('sorts by size, worst accuracy, Δ and name; unknown values last; reverse flips', () => {
  expect(names(orderSlices(items, controls({ sort: 'size' })))).toEqual(['edge', 'cell_0_1', 'cell_1_1', 'cell_0_0', 'cell_1_0']);
  expect(names(orderSlices(items, controls({ sort: 'accuracy' })))).toEqual(['cell_0_1', 'cell_1_0', 'cell_0_0', 'cell_1_1', 'edge']);
  expect(names(orderSlices(items, controls({ sort: 'delta' })))).toEqual(['cell_1_0', 'cell_1_1', 'cell_0_0', 'cell_0_1', 'edge']);
  expect(names(orderSlices(items, controls({ sort: 'name' })))).toEqual(['cell_0_0', 'cell_0_1', 'cell_1_0', 'cell_1_1', 'edge']);
  expect(names(orderSlices(items, controls({ sort: 'file', reverse: true })))).toEqual([
    'cell_1_1',
    'edge',
    'cell_1_0',
    'cell_0_1',
    'cell_0_0',
  ]);
});

it('filters by name (case-insensitive) but always keeps pinned slices first, in pin order', () => {
  const c = controls({ filter: 'CELL_1', pinned: ['edge', 'cell_0_1', 'gone'] });
  expect(orderSlices(items, c)).toEqual([
    { item: items[3], pinned: true },
    { item: items[1], pinned: true },
    { item: items[2], pinned: false },
    { item: items[4], pinned: false },
  ]);
});

it('the live order leads with pinned, the worst and the most improved slices, then the rest', () => {
  const live = liveOrder(items, controls({ pinned: ['cell_1_1'] }), 1);
  expect(live.map((o) => [o.item.name, o.highlight])).toEqual([
    ['cell_1_1', 'pinned'],
    ['cell_0_1', 'worst'],
    ['cell_1_0', 'improved'],
    ['cell_0_0', undefined],
    ['edge', undefined],
  ]);
});

it('orders by the chosen model, else the recommended, else the first slice-aware one', () => {
  expect(orderingModel(['plain', 'reweighted', 'sram'], null, null)).toBe('reweighted');
  expect(orderingModel(['plain', 'reweighted', 'sram'], null, 'sram')).toBe('sram');
  expect(orderingModel(['plain', 'reweighted'], 'moe', null)).toBe('reweighted');
  expect(orderingModel(['plain'], null, null)).toBe('plain');
  expect(orderingModel(['plain', 'sram'], null, 'plain')).toBe('sram'); // plain has no Δ to order by
  expect(orderingModel([], null, null)).toBeNull();
});

it('scores: accuracy and Δ vs plain per slice; slices without validation rows have none', () => {
  const m = (accuracy: number, support = 10) => ({ accuracy, support }) as SliceMetrics;
  const ev = (slices: Record<string, SliceMetrics>): Evaluation => ({ overall: m(0.8), slices });
  const scores = sliceScores(
    { plain: ev({ a: m(0.5), b: m(0.7), empty: m(0, 0) }), sram: ev({ a: m(0.75), b: m(0.6), empty: m(0, 0) }) },
    'sram',
  );
  expect(scores.get('a')).toEqual({ accuracy: 0.75, delta: 0.25 });
  expect(scores.get('b')!.delta).toBeCloseTo(-0.1);
  expect(scores.has('empty')).toBe(false);
  expect(sliceScores({ plain: ev({ a: m(0.5) }) }, 'plain').get('a')).toEqual({ accuracy: 0.5 });
});
