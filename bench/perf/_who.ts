import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../src/cli/tfNode.ts';
import { createModel } from '../../src/core/model/index.ts';
import { uploadSplit } from '../../src/core/train/device.ts';
import { modelSpec } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS } from '../../src/core/train/types.ts';
import { REFERENCE_CONFIG as C, syntheticTrainData } from './trainBench.ts';
Error.stackTraceLimit = 30;
await initNodeBackend('wasm');
const data = syntheticTrainData(C.batch * 8, C);
const model = createModel((process.argv[2] ?? 'sliceAware') as 'plain', modelSpec(data, { ...DEFAULT_SETTINGS, sram: 'reference' }));
const opt = tf.train.adam(1e-3);
const split = uploadSplit(data, data.trainIdx);
const order = Int32Array.from({ length: C.batch * 8 }, (_, i) => i);
const stepFn = () => tf.tidy(() => { const b = split.batch(order, 0, C.batch); opt.minimize(() => model.lossFn(b), false, model.variables); });
stepFn(); stepFn();
const eng = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
const orig = eng.runKernel.bind(eng);
const counts = new Map<string, number>();
const want = (process.argv[3] ?? 'Identity,Cast').split(',');
eng.runKernel = (name: unknown, ...rest: unknown[]) => {
  if (want.includes(name as string)) {
    const st = (new Error().stack ?? '').split('\n').slice(2).map((l) => l.trim()).filter((l) => !l.includes('engine.ts') && !l.includes('operation.ts') && !l.includes('globals.ts')).slice(0, 3).join(' <- ');
    const key = `${name} ${st}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return orig(name, ...rest);
};
stepFn();
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(v, k.replace(/\/work\/main\//g, '').slice(0, 400));
