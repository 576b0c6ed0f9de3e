/** The app's store dependencies: clients of real Web Workers (bridge/), made on first use. */
import { createSfWorker } from '../bridge/browserWorkers.ts';
import { DataClient } from '../bridge/dataClient.ts';
import { DiscoverClient } from '../bridge/discoverClient.ts';
import { SfClient } from '../bridge/sfClient.ts';
import { TrainClient } from '../bridge/trainClient.ts';
import { lazyDeps, type StoreDeps } from './deps.ts';

export function browserDeps(): StoreDeps {
  return lazyDeps({
    sf: () => new SfClient(createSfWorker),
    train: () => new TrainClient(),
    data: () => new DataClient(),
    discover: () => new DiscoverClient(),
    monitorSf: () => new SfClient(createSfWorker),
    monitorData: () => new DataClient(),
  });
}
