import type { DatasetChoices } from '../core/prepare.ts';
import type { ColumnKind, Table } from '../core/table.ts';
import type { ColumnSummary } from '../core/data/summary.ts';
import type { ExampleId } from '../core/data/examples/index.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';
import type { EpochReport, Evaluation, ModelKind, ModelOptions, Objective, Recommendation, TrainSettings } from '../core/train/types.ts';
import type { BackendChoice, BackendName } from '../protocol/train.ts';
import type { ExportedModel } from '../core/export/format.ts';
import type { SavedDataset } from '../core/projectFile.ts';
import type { DiscoveryResult } from '../core/discovery/types.ts';

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
  /** Training runs started in this store (1 for the first): tells a new run from the last one. */
  runCount: number;
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

// Saved projects (persist.ts reads and writes them).

export interface ProjectMeta {
  id: string;
  name: string;
  /** Epoch ms of the last save. */
  updatedAt: number;
}

/** The last finished run as the results table and charts show it (no models: those stay in the worker). */
export type SavedRun = { status: 'done' | 'stopped' } & Pick<
  TrainSlice,
  | 'trainMessage'
  | 'history'
  | 'final'
  | 'diverged'
  | 'runSlices'
  | 'runSettings'
  | 'runClasses'
  | 'predictions'
  | 'parameters'
  | 'recommendation'
>;

/** Everything of a project but its data file. Plain structured-cloneable data. */
export interface ProjectDoc {
  version: 2;
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** The data file's name; null = the built-in example. */
  datasetName: string | null;
  /** Which built-in example, when datasetName is null (absent = circles2d). */
  exampleId?: ExampleId | null;
  /** Label, features, split and column type overrides (config.types). */
  config: DatasetConfig;
  sfSource: string;
  settings: TrainSettings;
  backend: BackendChoice;
  run: SavedRun | null;
}

// The project list and autosave (projectsSlice.ts).

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface ProjectsSlice {
  /** null until the first project is open (or when storage is unavailable). */
  projectId: string | null;
  projectName: string;
  /** Every saved project, in creation order. */
  projects: ProjectMeta[];
  saveStatus: SaveStatus;
  /** True while a project is being opened (its data read): autosave waits. */
  projectLoading: boolean;
  /** The last project action's problem (e.g. an import of a bad file). */
  projectsError: string | null;
  /** Opens the project of the last visit; migrates the v1 project on the first start. */
  openStartProject(): Promise<void>;
  /** A new project with the built-in example. */
  newProject(): Promise<void>;
  switchProject(id: string): Promise<void>;
  renameProject(id: string, name: string): Promise<void>;
  deleteProject(id: string): Promise<void>;
  /** The project as one file (its data included), or a message saying why not. */
  exportProject(id: string): Promise<{ blob: Blob; fileName: string } | string>;
  /** Adds the project in an exported file as a new project and opens it. */
  importProject(file: File): Promise<void>;
  /** Saves the data file of the open project (null = it uses the built-in example). */
  saveDataFile(file: Blob | null, name?: string): Promise<void>;
  /** Saves the open project now (autosave calls it). */
  saveNow(): Promise<void>;
}

// Monitoring new data (monitorSlice.ts).

export type MonitorStatus = 'idle' | 'reading' | 'slicing' | 'predicting' | 'done' | 'error';

export interface MonitorResult {
  fileName: string;
  rows: number;
  /** Rows with a label the model knows (the others are left out of every metric). */
  scored: number;
  unknownLabels: { value: string; count: number }[];
  missingLabels: number;
  /** Every slice of the SF code, in order, with its size among the scored new rows. */
  slices: { name: string; count: number }[];
  /** Training-time (validation) evaluation per model: the run's final results. */
  before: Partial<Record<ModelKind, Evaluation>>;
  /** The same models on the new data. */
  after: Partial<Record<ModelKind, Evaluation>>;
  classes: string[];
  /** What `before` is: the run's validation rows, or (an imported model) every row of the project's data. */
  reference: 'validation' | 'project';
  /** An imported model's name, null for the run's models. */
  modelName: string | null;
}

/** An exported model chosen for monitoring: its two files and what its model.json says. */
export interface MonitorModel {
  name: string;
  kind: ModelKind;
  label: string;
  features: string[];
  classes: string[];
  files: ExportedModel;
}

export interface MonitorSlice {
  monitorOpen: boolean;
  monitorStatus: MonitorStatus;
  monitorMessage: string | null;
  monitorResult: MonitorResult | null;
  /** An imported model to monitor instead of the run's models (null = the run's). */
  monitorModel: MonitorModel | null;
  setMonitorOpen(open: boolean): void;
  /** Reads an exported model (model.json + weights.bin, chosen together); null = back to the run's models. */
  chooseMonitorModel(files: File[] | null): Promise<void>;
  /** Scores the run on screen's models on a new data file, slice by slice. */
  monitorFile(file: File): Promise<void>;
}

// Finding weak slices (discoverSlice.ts).

export type DiscoverStatus = 'idle' | 'training' | 'searching' | 'done' | 'cancelled' | 'error';

export interface DiscoverSlice {
  discoverStatus: DiscoverStatus;
  /** What is happening or went wrong, for people. */
  discoverMessage: string | null;
  /** Share of the current level done, and which level (searching only). */
  discoverProgress: { level: number; maxLevel: number; fraction: number } | null;
  discovery: DiscoveryResult | null;
  /** Names of the SFs added from `discovery`, by slice index. */
  discoveredAdded: Record<number, string>;
  findWeakSlices(): Promise<void>;
  cancelDiscovery(): void;
  /** Appends slice `index` of `discovery` to the SF source as an SF, and applies; returns its name. */
  addDiscoveredSf(index: number): string | null;
  /** The project's table changed (loadId: the data worker's load, when the workers have it staged). */
  discoveryTableChanged(table: Table, loadId?: number): void;
}

// The slice-list controls every slice view shares (sliceListSlice.ts).

/**
 * 'file': the SF file's order. 'size': largest first. 'accuracy': lowest first (worst first).
 * 'delta': largest gain over plain first. 'name': alphabetical. `reverse` flips any of them.
 */
export const SLICE_SORTS = ['file', 'accuracy', 'delta', 'size', 'name'] as const;
export type SliceSort = (typeof SLICE_SORTS)[number];

export interface SliceListControls {
  sort: SliceSort;
  reverse: boolean;
  /** Case-insensitive substring of the slice name ('' = all). */
  filter: string;
  /** Pinned slice names, in pin order: shown first in every view, whatever the filter. */
  pinned: string[];
  /** The model whose accuracy and Δ vs plain order the slices; null = the recommended one, else the first slice-aware one. */
  model: ModelKind | null;
}

export interface SliceListSlice {
  sliceList: SliceListControls;
  setSliceSort(sort: SliceSort): void;
  setSliceSortReverse(reverse: boolean): void;
  setSliceFilter(filter: string): void;
  togglePinned(name: string): void;
  setSliceSortModel(model: ModelKind | null): void;
}
