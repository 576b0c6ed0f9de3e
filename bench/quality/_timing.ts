// Temporary: time one seed of each task at full size (deleted before hand-off).
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { runBenchmark, FULL } from './benchmark.ts';
await initNodeBackend('wasm');
const rows = Number(process.argv[2] ?? 16000);
const tasks = (process.argv[3] ?? FULL.tasks.join(',')).split(',');
const t0 = performance.now();
await runBenchmark({ ...FULL, rows, tasks, seeds: 1, noise: ['clean'], sramDefaults: null, log: (l) => console.log(((performance.now() - t0) / 1000).toFixed(0), l) }, 'wasm');
