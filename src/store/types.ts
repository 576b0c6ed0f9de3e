import type { Table } from '../core/table.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';
import type { EpochReport, Evaluation, ModelKind, TrainSettings } from '../core/train/types.ts';
import type { BackendChoice, BackendName } from '../protocol/train.ts';
import type { ExportedModel } from '../core/export/format.ts';

export interface DatasetConfig {
  label: string;
  features: string[];
  /** A column of split names (train/valid/test), or null for a seeded random split. */
  splitColumn: string | null;
}

export interface ProjectSlice {
  table: Table | null;
  /** null while the built-in example is loaded. */
  datasetName: string | null;
  config: DatasetConfig;
  sfSource: string;
  /** The last data problem (bad file, bad column choice); the loaded project stays as it was. */
  dataError: string | null;
  loadingData: boolean;
  saveError: string | null;
  init(): Promise<void>;
  loadExample(): void;
  uploadFile(file: File): Promise<void>;
  setLabel(column: string): void;
  setFeatures(columns: string[]): void;
  setSplitColumn(column: string | null): void;
  setSfSource(source: string): void;
}

export interface SlicesSlice {
  slices: SliceResult[];
  /** Source the current `slices` came from; differs from sfSource while edits are pending. */
  appliedSource: string | null;
  sfErrors: SfError[];
  applying: boolean;
  /** The SF running right now (for the status line and the timeout message). */
  runningSf: string | null;
  selectedSlice: string | null;
  applySfs(): Promise<boolean>;
  selectSlice(name: string | null): void;
}

export type TrainStatus = 'idle' | 'preparing' | 'training' | 'done' | 'stopped' | 'error';

export interface TrainSlice {
  settings: TrainSettings;
  backendChoice: BackendChoice;
  backend: { name: BackendName; detail: string } | null;
  status: TrainStatus;
  trainMessage: string | null;
  /** Epoch reports in arrival order, all models. */
  history: EpochReport[];
  final: Partial<Record<ModelKind, Evaluation>>;
  diverged: { model: ModelKind; epoch: number; message: string }[];
  /** Slice names and sizes of the run on screen (valid split), fixed at train start. */
  runSlices: { name: string; validCount: number }[];
  /** The settings of the run on screen (fixed at train start). */
  runSettings: TrainSettings | null;
  /** Class names of the run on screen (index = class id in confusion matrices). */
  runClasses: string[];
  setSettings(patch: Partial<TrainSettings>): void;
  setBackendChoice(choice: BackendChoice): void;
  train(): Promise<void>;
  /** The servable files of a model of the last run, or a message saying why not. */
  exportModel(kind: ModelKind): Promise<ExportedModel | string>;
  stop(): void;
  /** Stop the run on screen, if any, and ignore whatever it still reports (the data changed). */
  discardRun(): void;
}

export type StoreState = ProjectSlice & SlicesSlice & TrainSlice;
