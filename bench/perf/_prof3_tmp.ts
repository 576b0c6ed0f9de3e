import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { FlatAdam } from '../../src/core/train/adam.ts';
import { DEFAULT_OPTIONS } from '../../src/core/train/types.ts';
await initNodeBackend('wasm');
const k = Number(process.argv[2] ?? 128);
const kind = (process.argv[3] ?? 'sram') as 'sram' | 'plain';
const spec = { dim: 64, hidden: 64, classes: 2, slices: Array.from({length:k},(_, i)=>`s${i}`), seed: 1, counts: { slices: new Array(k).fill(10), outside: 0, rows: 100 }, model: kind === 'sram' ? { kind: 'sram' as const, ...DEFAULT_OPTIONS.sram, expertRank: Number(process.argv[4] ?? 8) } : { kind: 'plain' as const } };
const m = createModel(spec);
const b = 256;
const x = tf.randomNormal([b, 64]) as tf.Tensor2D;
const y = tf.oneHot(tf.tensor1d(Array.from({length:b},(_, i)=>i%2),'int32'),2).toFloat() as tf.Tensor2D;
const mk = new Float32Array(b*k); for (let i=0;i<b;i++) mk[i*k + (i%k)] = 1;
const masks = tf.tensor2d(mk,[b,k]);
const batch = { x, yOneHot: y, masks };
const opt = new FlatAdam(1e-3);
for (let i=0;i<5;i++) opt.minimize(() => m.lossFn(batch), m.variables).dispose();
let t = performance.now(); let cu = process.cpuUsage();
for (let i=0;i<40;i++) opt.minimize(() => m.lossFn(batch), m.variables).dispose();
let c2 = process.cpuUsage(cu);
console.log(kind, k, 'step ms', ((performance.now()-t)/40).toFixed(2), 'cpu', ((c2.user+c2.system)/1000/40).toFixed(2));
const xv = tf.randomNormal([4096, 64]) as tf.Tensor2D;
for (let i=0;i<2;i++) { const p = m.predict(xv); p.proba.dataSync(); tf.dispose([p.proba, ...(p.attention ? [p.attention] : [])]); }
t = performance.now(); cu = process.cpuUsage();
for (let i=0;i<5;i++) { const p = m.predict(xv); p.proba.dataSync(); p.attention?.dataSync(); tf.dispose([p.proba, ...(p.attention ? [p.attention] : [])]); }
c2 = process.cpuUsage(cu);
console.log('predict 4096 ms', ((performance.now()-t)/5).toFixed(1), 'cpu', ((c2.user+c2.system)/1000/5).toFixed(1));
