import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { FlatAdam } from '../../src/core/train/adam.ts';
import { DEFAULT_OPTIONS } from '../../src/core/train/types.ts';
await initNodeBackend('wasm');
for (const k of [8, 128]) {
  for (const rank of [8, 0]) {
  const spec = { dim: 64, hidden: 64, classes: 2, slices: Array.from({length:k},(_, i)=>`s${i}`), seed: 1, counts: { slices: new Array(k).fill(10), outside: 0, rows: 100 }, model: { kind: 'sram' as const, ...DEFAULT_OPTIONS.sram, expertRank: rank } };
  const m = createModel(spec);
  const b = 256;
  const x = tf.randomNormal([b, 64]) as tf.Tensor2D;
  const y = tf.oneHot(tf.tensor1d(Array.from({length:b},(_, i)=>i%2),'int32'),2).toFloat() as tf.Tensor2D;
  const mk = new Float32Array(b*k); for (let i=0;i<b;i++) mk[i*k + (i%k)] = 1;
  const masks = tf.tensor2d(mk,[b,k]);
  const opt = new FlatAdam(1e-3);
  const batch = { x, yOneHot: y, masks };
  for (let i=0;i<3;i++) opt.minimize(() => m.lossFn(batch), m.variables).dispose();
  let t = performance.now();
  for (let i=0;i<10;i++) opt.minimize(() => m.lossFn(batch), m.variables).dispose();
  const step = (performance.now()-t)/10;
  t = performance.now();
  for (let i=0;i<10;i++) { const g = tf.variableGrads(() => m.lossFn(batch), m.variables); tf.dispose([g.value, ...Object.values(g.grads)]); }
  const grad = (performance.now()-t)/10;
  t = performance.now();
  for (let i=0;i<10;i++) { tf.tidy(() => m.lossFn(batch)).dispose(); }
  const fwd = (performance.now()-t)/10;
  const xv = tf.randomNormal([4096, 64]) as tf.Tensor2D;
  t = performance.now();
  for (let i=0;i<3;i++) { const p = m.predict(xv); p.proba.dataSync(); p.attention?.dataSync(); tf.dispose([p.proba, p.attention!]); }
  const pred = (performance.now()-t)/3;
  console.log(`K=${k} rank=${rank}: step ${step.toFixed(1)} ms (grad ${grad.toFixed(1)}, loss fwd ${fwd.toFixed(1)}), predict 4096 rows ${pred.toFixed(1)} ms`);
  m.dispose(); opt.dispose();
  }
}
