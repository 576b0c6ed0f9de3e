/**
 * The acceptance check in core: after a plain run on circles2d, the top discovered slices
 * lie mostly inside the 8 circles (where the label is flipped and a plain model errs).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { circleMasks, generateCircles2d } from '../data/circles2d.ts';
import { prepareTrainData } from '../prepare.ts';
import { trainModels } from '../train/train.ts';
import { predictRows } from '../train/predictRows.ts';
import { DEFAULT_SETTINGS } from '../train/types.ts';
import { discoverSlices, errorsFromPredictions, sliceRows, validRows } from './index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('discovery on circles2d after a plain run', () => {
  it('finds slices that lie mostly in the circles', async () => {
    const { table } = generateCircles2d({ seed: 7 });
    const features = table.columns.map((c) => c.name).filter((n) => /^f\d+$/.test(n));
    const config = { label: 'label', features, splitColumn: 'split', seed: 1 };
    const prepared = prepareTrainData(table, config, []);
    const trained = await trainModels(
      prepared.data,
      { ...DEFAULT_SETTINGS, models: ['plain'], epochs: 5 },
      { onEvent: () => {}, shouldStop: () => false },
    );
    const predicted = predictRows(trained.models, prepared.data).plain!;
    Object.values(trained.models).forEach((m) => m.dispose());

    const rows = validRows(table, config);
    const errors = errorsFromPredictions(table, 'label', rows, predicted, prepared.data.classes);
    // Every column but the label and split: z0, z1 (SF only) and the 64 features.
    const columns = table.columns.map((c) => c.name).filter((n) => n !== 'label' && n !== 'split');
    const result = discoverSlices({ table, rows, errors, columns });
    expect(result.slices.length).toBeGreaterThanOrEqual(3);

    const masks = circleMasks(table);
    const inCircle = (r: number) => masks.some((m) => m[r] === 1);
    const hit = new Set<number>();
    for (const slice of result.slices.slice(0, 5)) {
      const members = sliceRows(table, rows, slice.predicates);
      expect(members.length).toBe(slice.size);
      const inside = members.filter(inCircle).length;
      expect(inside / members.length, slice.description).toBeGreaterThan(0.5);
      expect(slice.lift).toBeGreaterThan(2);
      members.forEach((r) => masks.forEach((m, k) => m[r] === 1 && hit.add(k)));
    }
    // Not one circle five times: the distinct filter spreads them.
    expect(hit.size).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
