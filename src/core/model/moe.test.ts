import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { restoreTrainedModel, toTrainedModel, type VariableSnapshot } from '../train/trained.ts';
import { DEFAULT_SETTINGS, modelConfig } from '../train/types.ts';
import { createModel } from './index.ts';
import type { ModelSpec } from './types.ts';

const spec: ModelSpec = {
  dim: 5,
  hidden: 4,
  classes: 2,
  slices: ['a', 'b'],
  seed: 9,
  counts: { slices: [3, 4], outside: 5, rows: 12 },
  model: modelConfig('moe', DEFAULT_SETTINGS.options),
};

it('a moe model saved with one [dim, S*h] first layer (before the experts were kept apart) loads with the same predictions', () => {
  const model = toTrainedModel(createModel(spec));
  // Random weights everywhere, so that a wrong column block would change the predictions.
  let k = 0;
  const fresh = model.snapshot().variables.map((v) => ({ ...v, values: v.values.map(() => Math.sin(++k) * 0.8) }));
  const current = restoreTrainedModel({ kind: 'moe', spec, variables: fresh });
  // The old layout: expert i's first layer in columns i*h .. i*h + h - 1 of one [dim, S*h] matrix, then the rest.
  const s = 3,
    { dim, hidden: h } = spec;
  const w = new Float32Array(dim * s * h);
  const b = new Float32Array(s * h);
  for (let i = 0; i < s; i++) {
    for (let r = 0; r < dim; r++) w.set(fresh[2 * i]!.values.subarray(r * h, r * h + h), r * s * h + i * h);
    b.set(fresh[2 * i + 1]!.values, i * h);
  }
  const old: VariableSnapshot[] = [
    { shape: [dim, s * h], dtype: 'float32', values: w },
    { shape: [s * h], dtype: 'float32', values: b },
    ...fresh.slice(2 * s),
  ];
  const loaded = restoreTrainedModel({ kind: 'moe', spec, variables: old });
  const x = Float32Array.from({ length: 6 * dim }, (_, i) => Math.cos(i));
  const [p, q] = [current.predictProba(x, dim), loaded.predictProba(x, dim)];
  expect(Math.max(...p.map((v, i) => Math.abs(v - q[i]!)))).toBeLessThan(1e-6);
  expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.01); // not a constant prediction
  const before = tf.memory().numTensors;
  [model, current, loaded].forEach((m) => m.dispose());
  expect(tf.memory().numTensors).toBeLessThan(before);
});
