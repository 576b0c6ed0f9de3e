/** Messages of the browser benchmark page and its workers (bench/perf/browser). */
import type { BackendChoice } from '../../../src/protocol/train.ts';
import type { MeasuredModel, TrainConfig, TrainMeasure } from '../trainBench.ts';

export interface TrainJob {
  model: MeasuredModel;
  config: TrainConfig;
  steps: number;
  warmupSteps: number;
}

export interface TrainRequest {
  backend: BackendChoice;
  jobs: TrainJob[];
}

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

export interface TrainReply {
  /** The backend tfjs actually ran (may differ from the one asked for: then the jobs are skipped). */
  backend: string;
  detail: string;
  /** WebGPU adapter, when navigator.gpu gives one (with --enable-unsafe-webgpu). */
  adapter: AdapterInfo | null;
  results: TrainMeasure[];
  error?: string;
}

export interface HandReply {
  ms: number;
  counts: number[];
}

/** The app SF worker's figures on the bench page (main.ts sf()). */
export interface BrowserSfMeasure {
  rows: number;
  /** setTable + a trivial apply, minus a second trivial apply: the table's trip into the SF worker. */
  transferMs: number;
  /** Sum of the app SF worker's per-SF times (applySfs only). */
  applyMs: number;
  /** Post 'apply' to 'done' (compile, load, apply, masks back). */
  roundTripMs: number;
  handMs: number;
  counts: number[];
  handCounts: number[];
}
