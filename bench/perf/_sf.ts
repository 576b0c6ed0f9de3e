import { runSfBench } from './sfBench.ts';
console.log(await runSfBench(Number(process.argv[2] ?? 100000), 3));
