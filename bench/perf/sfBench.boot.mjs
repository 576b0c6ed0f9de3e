// Worker-thread entry: loader hooks are per thread in Node, so the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./sfBench.worker.ts');
