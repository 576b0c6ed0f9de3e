/**
 * What a store needs from outside it: the workers' clients. Injected, so every store has its own
 * (a test makes one with fakes, or two side by side) and nothing lives in module variables.
 * Each getter makes its client on first use and returns the same one after.
 */
import type { DataClient } from '../bridge/dataClient.ts';
import type { DiscoverClient } from '../bridge/discoverClient.ts';
import type { SfClient } from '../bridge/sfClient.ts';
import type { TrainClient } from '../bridge/trainClient.ts';

export interface StoreDeps {
  /** The project's SF worker. */
  sf(): SfClient;
  train(): TrainClient;
  data(): DataClient;
  discover(): DiscoverClient;
  /** Monitoring reads and slices next month's file in workers of its own, apart from the project's. */
  monitorSf(): SfClient;
  monitorData(): DataClient;
}

/** Lazy getters over factories: each client is made once, on first use. */
export function lazyDeps(make: { [K in keyof StoreDeps]: () => ReturnType<StoreDeps[K]> }): StoreDeps {
  const made = new Map<keyof StoreDeps, unknown>();
  const get =
    <K extends keyof StoreDeps>(key: K) =>
    () => {
      if (!made.has(key)) made.set(key, make[key]());
      return made.get(key) as ReturnType<StoreDeps[K]>;
    };
  return {
    sf: get('sf'),
    train: get('train'),
    data: get('data'),
    discover: get('discover'),
    monitorSf: get('monitorSf'),
    monitorData: get('monitorData'),
  };
}
