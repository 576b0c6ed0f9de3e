import type { DatasetChoices } from '../core/prepare.ts';
import type { ColumnKind, Table } from '../core/table.ts';
import type { ColumnSummary } from '../core/data/summary.ts';
import type { ExampleId } from '../core/data/examples/index.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';
import type { EpochReport, Evaluation, ModelKind, ModelOptions, Objective, Recommendation, TrainSettings } from '../core/train/types.ts';
import type { BackendChoice, BackendName } from '../protocol/train.ts';
import type { ExportedModel } from '../core/export/format.ts';
import type { SavedDataset } from './persist.ts';
import type { ProjectsSlice } from './projectsSlice.ts';
import type { MonitorSlice } from './monitorSlice.ts';
import type { DiscoverSlice } from './discoverSlice.ts';
import type { SliceListSlice } from './sliceListSlice.ts';

/** The name of a new project on a built-in example (an uploaded file renames it). */
export const EXAMPLE_PROJECT_NAME = 'Example project';

/** The project's data choices (core/prepare.ts): label, features, split and column types. */
export type DatasetConfig = DatasetChoices;

/** A file being read by the data worker. */
export interface LoadState {
  name: string;
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ProjectSlice {
  table: Table | null;
  /** null while the built-in example is loaded. */
  datasetName: string | null;
  /** Which built-in example is loaded (null for an uploaded file). */
  exampleId: ExampleId | null;
  /** The example whose data is being fetched, if any. */
  loadingExample: ExampleId | null;
  config: DatasetConfig;
  /** The uploaded file itself (null for a generated example): re-read when a column type changes. */
  dataFile: Blob | null;
  /** Per-column type, missing count and distribution of `table`. */
  summaries: ColumnSummary[];
  sfSource: string;
  /** The last data problem (bad file, bad column choice); the loaded project stays as it was. */
  dataError: string | null;
  /** Non-null while the data worker reads a file. */
  loading: LoadState | null;
  saveError: string | null;
  /** Files larger than this are refused before reading (a tab cannot hold them). */
  maxFileBytes: number;
  init(): Promise<void>;
  /** Loads a saved project's data (stored: its file; null = none saved) and choices. */
  openSaved(saved: SavedChoices | null, stored: SavedDataset | null): Promise<void>;
  /** Replace the project's data and SFs with a built-in example (default circles2d). */
  loadExample(id?: ExampleId): Promise<void>;
  uploadFile(file: File): Promise<void>;
  /** Stops reading the file; the project stays as it was. */
  cancelLoad(): void;
  /** Override a column's inferred type (null = back to inferred); re-reads the file in the worker. */
  setColumnType(column: string, kind: ColumnKind | null): Promise<void>;
  setLabel(column: string): void;
  setFeatures(columns: string[]): void;
  setSplitColumn(column: string | null): void;
  setSplitFractions(valid: number, test: number): void;
  setSfSource(source: string): void;
}

export interface SlicesSlice {
  slices: SliceResult[];
  /** overlap[i][j] = rows in slices[i] and slices[j] (from the SF worker); [] when not computed. */
  overlap: number[][];
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
  /** Predicted class (index into runClasses) per table row, per model, once the run on screen ends. */
  predictions: Partial<Record<ModelKind, Int32Array>>;
  /** Trainable parameters per model of the run on screen (from 'done'). */
  parameters: Partial<Record<ModelKind, number>>;
  /** The model to use, chosen on validation rows at the end of the run on screen (null: none yet). */
  recommendation: Recommendation | null;
  setSettings(patch: Partial<TrainSettings>): void;
  /** Changes one model's own options (settings.options[kind]). */
  setModelOptions<K extends keyof ModelOptions>(kind: K, patch: Partial<ModelOptions[K]>): void;
  setObjective(patch: Partial<Objective>): void;
  setBackendChoice(choice: BackendChoice): void;
  train(): Promise<void>;
  /** The servable files of a model of the last run, or a message saying why not. */
  exportModel(kind: ModelKind): Promise<ExportedModel | string>;
  stop(): void;
  /** Stop the run on screen, if any, and ignore whatever it still reports (the data changed). */
  discardRun(): void;
}

// [h4 projects, monitor] two more slices.
export type StoreState = ProjectSlice & SlicesSlice & TrainSlice & ProjectsSlice & MonitorSlice & DiscoverSlice & SliceListSlice;

/** A saved project's data choices, for ProjectSlice.openSaved. sfSource null = the example's SFs. */
export interface SavedChoices {
  /** The data file's name; null = the built-in example. */
  datasetName: string | null;
  /** Which built-in example, when datasetName is null (absent = circles2d). */
  exampleId?: ExampleId | null;
  config: Partial<DatasetConfig>;
  sfSource: string | null;
}
