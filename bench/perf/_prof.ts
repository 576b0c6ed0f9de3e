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
const kind = (process.argv[3] ?? 'sliceAware') as 'sliceAware';
const data = syntheticTrainData(C.batch * 8, C);
const model = kind === 'full' as string ? createSliceAwareModel(modelSpec(data, { ...DEFAULT_SETTINGS, sram: 'reference' }), { fold: false }) : createModel(kind, modelSpec(data, { ...DEFAULT_SETTINGS, sram: 'reference' }));
const opt = new FlatAdam(1e-3);
const split = uploadSplit(data, data.trainIdx);
const order = Int32Array.from({ length: C.batch * 8 }, (_, i) => i);
const stepFn = () => tf.tidy(() => { const b = split.batch(order, 0, C.batch); opt.minimize(() => model.lossFn(b), model.variables).dispose(); });
for (let i = 0; i < 10; i++) stepFn();
const agg = new Map<string, { ms: number; n: number }>();
const N = 20;
for (let i = 0; i < N; i++) {
  const p = await tf.profile(stepFn);
  for (const k of p.kernels) {
    if (k.name.includes('__op') || k.name.includes('scope')) continue;
    const t = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const a = agg.get(key) ?? { ms: 0, n: 0 };
    a.ms += t; a.n++; agg.set(key, a);
  }
}
const rows = [...agg].sort((a, b) => b[1].ms - a[1].ms);
let tot = 0; for (const [, v] of rows) tot += v.ms;
let cnt = 0; for (const [, v] of rows) cnt += v.n;
const t0 = performance.now(); for (let i = 0; i < 40; i++) stepFn(); await tf.ones([1]).data();
console.log('total kernel ms/step', (tot / N).toFixed(2), 'kernels/step', cnt / N, 'wall ms/step', ((performance.now() - t0) / 40).toFixed(2));
for (const [k, v] of rows.slice(0, 40)) console.log((v.ms / N).toFixed(3), (v.n / N), k);
const byName = new Map<string, number>();
for (const [k, v] of rows) { const n = k.split(' ')[0]!; byName.set(n, (byName.get(n) ?? 0) + v.n / N); }
console.log([...byName].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' '));
