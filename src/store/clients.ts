/** The page's three workers, created on first use and reused. */
import { createSfWorker } from '../bridge/browserWorkers.ts';
import { SfClient } from '../bridge/sfClient.ts';
import { TrainClient } from './trainClient.ts';
import { DataClient } from './dataClient.ts';

let sf: SfClient | null = null;
let train: TrainClient | null = null;

export function sfClient(): SfClient {
  sf ??= new SfClient(createSfWorker);
  return sf;
}

export function trainClient(): TrainClient {
  train ??= new TrainClient();
  return train;
}

let data: DataClient | null = null;

export function dataClient(): DataClient {
  data ??= new DataClient();
  return data;
}
