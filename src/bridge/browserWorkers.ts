/**
 * The page's worker factories (Vite bundles each worker from its URL). Kept apart from the clients,
 * which take a factory, so the clients compile and run outside a browser (the CLI, tests).
 */
import type { SfWorkerFactory } from './sfClient.ts';

export const createSfWorker: SfWorkerFactory = () =>
  new Worker(new URL('../workers/sf.worker.ts', import.meta.url), { type: 'module', name: 'slicewise-sf' });
