import { initNodeBackend } from '../../src/cli/tfNode.ts';
import { measureTraining, REFERENCE_CONFIG } from './trainBench.ts';
await initNodeBackend('wasm');
for (let r = 0; r < 2; r++) for (const k of ['plain', 'sliceAware'] as const) {
  const m = await measureTraining(k, REFERENCE_CONFIG, 100, 10);
  console.log(k, Math.round(m.examplesPerSecond), Math.round(m.bestWindowExamplesPerSecond));
}
