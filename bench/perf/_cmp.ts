import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../src/cli/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { createSliceAwareModel } from '../../src/core/model/sram.ts';
import { FlatAdam } from '../../src/core/train/adam.ts';
import { uploadSplit } from '../../src/core/train/device.ts';
import { modelSpec } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS } from '../../src/core/train/types.ts';
import { REFERENCE_CONFIG as C, syntheticTrainData } from './trainBench.ts';
await initNodeBackend((process.argv[2] ?? 'wasm') as 'wasm');
const data = syntheticTrainData(C.batch * 8, C);
const spec = modelSpec(data, { ...DEFAULT_SETTINGS, sram: 'reference' });
const split = uploadSplit(data, data.trainIdx);
const order = Int32Array.from({ length: C.batch * 8 }, (_, i) => i);
const models = { plain: createModel('plain', spec), fold: createSliceAwareModel(spec), full: createSliceAwareModel(spec, { fold: false }) };
for (let round = 0; round < 3; round++) for (const [name, model] of Object.entries(models)) {
  const opt = new FlatAdam(1e-3);
  const stepFn = (i: number) => tf.tidy(() => { const b = split.batch(order, (i % 8) * 256, (i % 8) * 256 + 256); opt.minimize(() => model.lossFn(b), model.variables).dispose(); });
  for (let i = 0; i < 5; i++) stepFn(i);
  const t0 = performance.now(); const N = 60;
  for (let i = 0; i < N; i++) stepFn(i);
  await tf.ones([1]).data();
  console.log(name, ((performance.now() - t0) / N).toFixed(2), 'ms/step');
  opt.dispose();
}
