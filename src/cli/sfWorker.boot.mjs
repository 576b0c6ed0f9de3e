// Worker-thread entry for the CLI's SF worker: loads tsx, then the TypeScript worker (sfWorker.ts).
// Loader hooks are per thread in Node, so the worker registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./sfWorker.ts');
