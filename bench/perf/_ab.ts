import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../src/cli/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { createSliceAwareModel } from '../../src/core/model/sram.ts';
import { FlatAdam } from '../../src/core/train/adam.ts';
import { uploadSplit } from '../../src/core/train/device.ts';
import { modelSpec } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS } from '../../src/core/train/types.ts';
import { REFERENCE_CONFIG as C, syntheticTrainData } from './trainBench.ts';
await initNodeBackend('wasm');
const data = syntheticTrainData(C.batch * 8, C);
const spec = modelSpec(data, { ...DEFAULT_SETTINGS, sram: 'reference' });
const split = uploadSplit(data, data.trainIdx);
const order = Int32Array.from({ length: C.batch * 8 }, (_, i) => i);
const arms: Record<string, { model: ReturnType<typeof createModel>; opt: FlatAdam | tf.Optimizer; best: number }> = {
  plain: { model: createModel('plain', spec), opt: new FlatAdam(1e-3), best: Infinity },
  sram: { model: createModel('sliceAware', spec), opt: new FlatAdam(1e-3), best: Infinity },
  // sramStockAdam: { model: createModel('sliceAware', spec), opt: tf.train.adam(1e-3), best: Infinity },
  // sramUnfused: { model: createSliceAwareModel(spec, { fuseLoss: false }), opt: new FlatAdam(1e-3), best: Infinity },
  // sramFull: { model: createSliceAwareModel(spec, { fold: false }), opt: tf.train.adam(1e-3), best: Infinity },
};
const step = (a: (typeof arms)[string], i: number) => tf.tidy(() => {
  const b = split.batch(order, (i % 8) * 256, (i % 8) * 256 + 256);
  if (a.opt instanceof FlatAdam) a.opt.minimize(() => a.model.lossFn(b), a.model.variables).dispose();
  else a.opt.minimize(() => a.model.lossFn(b), false, a.model.variables);
});
for (const a of Object.values(arms)) for (let i = 0; i < 5; i++) step(a, i);
for (let round = 0; round < Number(process.argv[2] ?? 15); round++) {
  for (const a of Object.values(arms)) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) step(a, i);
    await tf.ones([1]).data();
    a.best = Math.min(a.best, (performance.now() - t0) / 5);
  }
}
for (const [k, a] of Object.entries(arms)) console.log(k, a.best.toFixed(2), 'ms/step best', (a.best / arms.plain!.best).toFixed(2), 'x plain');
