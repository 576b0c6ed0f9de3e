/**
 * `slicewise train`: the app's pipeline, headless. loadTable -> SFs (worker thread) -> prepareTrainData ->
 * trainModels -> metrics on the evaluation split (report.ts) -> REPORT.json, and with --export-dir
 * every trained model in the servable format (core/export). No step has a CLI-only variant.
 */
import { basename, join } from 'node:path';
import { exportMetaOf, type ExportMeta } from '../core/export/format.ts';
import { exportModel } from '../core/export/exportModel.ts';
import { dataConfigOf, defaultConfig, prepareTrainData, type DataConfig, type DatasetChoices, type PreparedData } from '../core/prepare.ts';
import { loadTable } from '../core/data/load.ts';
import { loadExampleData } from '../core/data/examples/index.ts';
import { decodeProjectFile, type PortableProject, type SavedDataset } from '../core/projectFile.ts';
import { migrateSettings } from '../core/train/settings.ts';
import type { Table } from '../core/table.ts';
import { applySfsInWorker } from './sfRunner.ts';
import type { SfError } from '../core/slicing/types.ts';
import { trainModels } from '../core/train/train.ts';
import type { TrainedModel } from '../core/train/trained.ts';
import { DEFAULT_SETTINGS, MODEL_KINDS, MODEL_LABELS, type ModelKind, type Objective, type TrainSettings } from '../core/train/types.ts';
import {
  choiceFlag,
  CliError,
  intFlag,
  listFlag,
  parseFlags,
  positiveFlag,
  requiredFlag,
  stringFlag,
  usageError,
  type FlagSpec,
  type ParsedFlags,
} from './args.ts';
import { readTable, readText, writeModelDir, writeOut } from './files.ts';
import type { CliIo } from './io.ts';
import { buildReport, type TrainReport } from './report.ts';
import { initNodeBackend, silenceTfjsLogs, type NodeBackend } from '../core/tfNode.ts';
import { TRAIN_USAGE } from './usage.ts';

const FLAGS: Record<string, FlagSpec> = {
  project: {},
  data: {},
  label: {},
  sfs: {},
  out: {},
  features: {},
  'split-column': {},
  models: {},
  epochs: {},
  seed: {},
  backend: {},
  'batch-size': {},
  'learning-rate': {},
  'hidden-size': {},
  'slice-weight': {},
  objective: {},
  'max-overall-drop': {},
  settings: {},
  'export-dir': {},
  'export-models': {},
  quiet: { boolean: true },
  help: { boolean: true },
};

export const NODE_BACKENDS = ['wasm', 'cpu'] as const satisfies readonly NodeBackend[];

/** An app project exported to one file (`<name>.slicewise.json`): its data, SFs, choices and settings. */
export interface ProjectInput {
  path: string;
  project: PortableProject;
  data: SavedDataset | null;
}

export interface TrainOptions {
  /** --project: everything below but out/backend/export/quiet comes from the project (flags override settings). */
  project?: ProjectInput;
  data: string;
  label: string;
  sfs: string;
  out: string;
  features?: string[];
  splitColumn?: string;
  backend: NodeBackend;
  /** Everything but the data: DEFAULT_SETTINGS, then --settings, then the flags. */
  settings: TrainSettings;
  exportDir?: string;
  /** Which models --export-dir writes: the recommended one (default), or these. */
  exportModels: 'recommended' | ModelKind[];
  quiet: boolean;
}

/** Settings from --settings: top-level fields replace, `options` and `objective` merge per field. */
async function settingsJson(value: string): Promise<Partial<TrainSettings>> {
  const text = value.trim().startsWith('{') ? value : await readText(value, 'the settings file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`--settings is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError('--settings must be a JSON object');
  const known = Object.keys(DEFAULT_SETTINGS);
  for (const key of Object.keys(parsed)) {
    if (!known.includes(key)) throw usageError(`--settings has an unknown setting "${key}" (known: ${known.join(', ')})`);
  }
  const options = (parsed as { options?: unknown }).options;
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null) throw usageError('--settings: "options" must be an object keyed by model');
    const models = Object.keys(DEFAULT_SETTINGS.options);
    for (const [model, value] of Object.entries(options)) {
      if (!models.includes(model))
        throw usageError(`--settings: "options" has no model "${model}" (models with options: ${models.join(', ')})`);
      const fields = Object.keys(DEFAULT_SETTINGS.options[model as keyof TrainSettings['options']]);
      for (const field of Object.keys(value as object)) {
        if (!fields.includes(field))
          throw usageError(`--settings: options.${model} has no field "${field}" (fields: ${fields.join(', ')})`);
      }
    }
  }
  return parsed as Partial<TrainSettings>;
}

/** DEFAULT_SETTINGS, then the JSON's fields (options and objective merged field by field), then the flags. */
function mergeSettings(json: Partial<TrainSettings>, flags: Partial<TrainSettings>): TrainSettings {
  const d = DEFAULT_SETTINGS;
  const options = { ...d.options } as Record<keyof TrainSettings['options'], object>;
  for (const [model, value] of Object.entries(json.options ?? {})) {
    const key = model as keyof TrainSettings['options'];
    options[key] = { ...options[key], ...(value as object) };
  }
  const merged: TrainSettings = {
    ...d,
    ...json,
    options: options as TrainSettings['options'],
    objective: { ...d.objective, ...json.objective },
  };
  return { ...merged, ...flags, options: { ...merged.options, ...flags.options }, objective: { ...merged.objective, ...flags.objective } };
}

function modelList(flags: ParsedFlags, name: string): ModelKind[] | undefined {
  const list = listFlag(flags, name);
  if (!list) return undefined;
  if (list.length === 1 && list[0] === 'all') return [...MODEL_KINDS];
  for (const m of list) {
    if (!(MODEL_KINDS as readonly string[]).includes(m))
      throw usageError(`--${name}: unknown model "${m}" (use ${MODEL_KINDS.join(', ')}, or all)`);
  }
  if (new Set(list).size !== list.length) throw usageError(`--${name} lists a model twice`);
  return list as ModelKind[];
}

export async function parseTrainOptions(flags: ParsedFlags): Promise<TrainOptions> {
  const cmd = 'train';
  const projectPath = stringFlag(flags, 'project');
  const project = projectPath !== undefined ? await readProject(projectPath) : undefined;
  if (project) {
    for (const own of ['data', 'label', 'sfs', 'features', 'split-column']) {
      if (flags.has(own)) throw usageError(`--project brings its own data, label, features, split and SFs: drop --${own}`);
    }
  }
  const data = project ? project.path : requiredFlag(flags, 'data', cmd);
  const label = project ? project.project.config.label : requiredFlag(flags, 'label', cmd);
  const sfs = project ? `${project.path} (its SF code)` : requiredFlag(flags, 'sfs', cmd);
  const out = requiredFlag(flags, 'out', cmd);
  const models = modelList(flags, 'models');
  const fromJson = flags.has('settings') ? await settingsJson(stringFlag(flags, 'settings')!) : {};
  const overrides: Partial<TrainSettings> = {};
  const set = <K extends keyof TrainSettings>(key: K, value: TrainSettings[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  set('models', models);
  set('epochs', intFlag(flags, 'epochs', 1));
  set('seed', intFlag(flags, 'seed', 0, 0xffffffff));
  set('batchSize', intFlag(flags, 'batch-size', 1));
  set('learningRate', positiveFlag(flags, 'learning-rate'));
  set('hiddenSize', intFlag(flags, 'hidden-size', 1));
  const weight = positiveFlag(flags, 'slice-weight');
  const jsonOptions = { ...DEFAULT_SETTINGS.options, ...fromJson.options };
  if (weight !== undefined)
    set('options', { ...jsonOptions, reweighted: { ...DEFAULT_SETTINGS.options.reweighted, ...fromJson.options?.reweighted, weight } });
  const target = choiceFlag(flags, 'objective', ['meanSlice', 'worstSlice', 'overall'] as const);
  const drop = flags.has('max-overall-drop') ? Number(stringFlag(flags, 'max-overall-drop')) : undefined;
  if (drop !== undefined && !(drop >= 0))
    throw usageError(`--max-overall-drop must be a number of points >= 0, got ${stringFlag(flags, 'max-overall-drop')}`);
  if (target !== undefined || drop !== undefined) {
    const objective: Objective = { ...DEFAULT_SETTINGS.objective, ...fromJson.objective };
    set('objective', { ...objective, ...(target ? { target } : {}), ...(drop !== undefined ? { maxOverallDrop: drop / 100 } : {}) });
  }
  const settings = mergeSettings(project ? { ...migrateSettings(project.project.settings), ...fromJson } : fromJson, overrides);
  const exportModels = modelList(flags, 'export-models');
  const features = listFlag(flags, 'features');
  const splitColumn = stringFlag(flags, 'split-column');
  const exportDir = stringFlag(flags, 'export-dir');
  if (exportModels && exportDir === undefined) throw usageError('--export-models needs --export-dir');
  for (const m of exportModels ?? []) {
    if (!settings.models.includes(m)) throw usageError(`--export-models: ${m} is not trained (add it to --models)`);
  }
  return {
    ...(project ? { project } : {}),
    data,
    label,
    sfs,
    out,
    ...(features ? { features } : {}),
    ...(splitColumn !== undefined ? { splitColumn } : {}),
    backend: choiceFlag(flags, 'backend', NODE_BACKENDS) ?? 'wasm',
    settings,
    ...(exportDir !== undefined ? { exportDir } : {}),
    exportModels: exportModels ?? 'recommended',
    quiet: flags.get('quiet') === true,
  };
}

/** One line for a failed SF run: the first error in full, the others by SF name. */
export function sfErrorLine(file: string, errors: SfError[]): string {
  const [first, ...rest] = errors;
  if (!first) return `${file}: the slicing functions failed`;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((e) => e.sf ?? e.kind).join(', ')})`;
  // The SF's line in the file, unless the message already says where (syntax errors do).
  const where = first.line !== undefined && !/\bline \d/.test(first.message) ? ` line ${first.line}` : '';
  return `${file}${where}: ${first.message}${more}`;
}

export interface TrainOutcome {
  report: TrainReport;
  prepared: PreparedData;
  meta: ExportMeta;
  /** The caller owns them: dispose when done. */
  models: Partial<Record<ModelKind, TrainedModel>>;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const pad = (s: string, n: number) => s.padEnd(n);
const fmt = (v: number) => v.toFixed(3);

interface RunData {
  table: Table;
  sfSource: string;
  config: DataConfig;
  features: string[];
  splitColumn: string | undefined;
}

/** --data/--label/--sfs: the choices the app would guess, unless the flags say otherwise. */
async function flagData(options: TrainOptions): Promise<RunData> {
  const table = await readTable(options.data);
  const sfSource = await readText(options.sfs, 'the SF file');
  const guess = defaultConfig(table);
  const splitColumn = options.splitColumn ?? (guess.splitColumn !== options.label ? guess.splitColumn : undefined);
  const features = options.features ?? guess.features.filter((f) => f !== options.label && f !== splitColumn);
  const config = { label: options.label, features, seed: options.settings.seed, ...(splitColumn !== undefined ? { splitColumn } : {}) };
  return { table, sfSource, config, features, splitColumn };
}

/** --project: the project's own file (read with its column types) or built-in example, SFs and choices, as the app runs them. */
async function projectData({ path, project, data }: ProjectInput, seed: number): Promise<RunData> {
  const table = data
    ? await loadTable(data.blob, data.name, { types: (project.config as Partial<DatasetChoices>).types ?? {} })
    : (await loadExampleData(project.exampleId ?? 'circles2d')).table;
  // Older project files may lack the newer choices: the app's defaults then (an 80/20 split, inferred types).
  const c: Partial<DatasetChoices> = project.config;
  const choices: DatasetChoices = {
    ...project.config,
    validFraction: c.validFraction ?? 0.2,
    testFraction: c.testFraction ?? 0,
    types: c.types ?? {},
  };
  const config = dataConfigOf(choices, seed);
  if (!project.sfSource.trim()) throw new CliError(`${path}: the project has no SF code`);
  return { table, sfSource: project.sfSource, config, features: config.features, splitColumn: config.splitColumn };
}

async function readProject(path: string): Promise<ProjectInput> {
  const text = await readText(path, 'the project file');
  try {
    const { project, data } = await decodeProjectFile(new Blob([text]), basename(path));
    return { path, project, data };
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs the pipeline and builds the report; writes nothing (see trainCommand). */
export async function runTrain(options: TrainOptions, io: CliIo): Promise<TrainOutcome> {
  const t0 = performance.now();
  const say = (line: string) => {
    if (!options.quiet) io.out(`${line}\n`);
  };
  const { table, sfSource, config, features, splitColumn } = options.project
    ? await projectData(options.project, options.settings.seed)
    : await flagData(options);
  // In a worker thread: an SF that never returns is stopped and named, as in the app.
  const applied = await applySfsInWorker(table, sfSource);
  if (!applied.ok) throw new CliError(sfErrorLine(options.sfs, applied.errors));
  const prepared = prepareTrainData(
    table,
    config,
    applied.slices.map((s) => ({ name: s.name, mask: s.mask })),
  );
  const { data, split } = prepared;
  const prepareSeconds = seconds(t0);
  say(
    `${basename(options.data)}: ${table.rowCount} rows (train ${split.train.length}, valid ${split.valid.length}, test ${split.test.length}), ` +
      `${data.classes.length} classes, ${data.dim} inputs from ${features.length} feature columns, ${data.slices.length} slices`,
  );

  silenceTfjsLogs();
  const { backend, detail } = await initNodeBackend(options.backend);
  if (backend !== options.backend) say(`backend: ${detail}`);
  const settings = options.settings;
  const modelSeconds: Partial<Record<ModelKind, number>> = {};
  const diverged: TrainReport['diverged'] = [];
  const t1 = performance.now();
  const result = await trainModels(data, settings, {
    onEvent(event) {
      if (event.type === 'diverged') {
        diverged.push({ model: event.model, epoch: event.epoch, message: event.message });
        say(event.message);
        return;
      }
      const r = event.report;
      modelSeconds[r.model] = (modelSeconds[r.model] ?? 0) + r.seconds;
      say(
        `${pad(r.model, 11)} epoch ${String(r.epoch).padStart(3)}/${settings.epochs}  loss ${r.trainLoss.toFixed(4)}  valid accuracy ${fmt(r.valid.overall.accuracy)}`,
      );
    },
    shouldStop: () => false,
  });
  const trainSeconds = seconds(t1);
  const dispose = () => Object.values(result.models).forEach((m) => m.dispose());
  let report: TrainReport;
  try {
    report = buildReport({
      file: options.data,
      sfs: options.sfs,
      label: options.label,
      features,
      splitColumn: splitColumn ?? null,
      prepared,
      settings,
      backend,
      models: result.models,
      diverged,
      recommendation: result.recommendation,
      parameters: result.parameters,
      timings: { models: modelSeconds, prepare: prepareSeconds, train: trainSeconds, total: seconds(t0) },
    });
  } catch (error) {
    dispose();
    throw error;
  }
  return { report, prepared, meta: exportMetaOf(prepared, config), models: result.models };
}

function summary(report: TrainReport): string {
  const models = report.models;
  const title = `${report.data.evaluatedOn} accuracy`;
  const width = Math.max(title.length, ...Object.keys(report.slices).map((s) => s.length)) + 2;
  const head = `${pad(title, width)}${pad('rows', 7)}${models.map((m) => pad(m, 12)).join('')}`;
  const line = (name: string, rows: number, get: (m: ModelKind) => number | undefined) =>
    `${pad(name, width)}${pad(String(rows), 7)}${models.map((m) => pad(get(m) === undefined ? '-' : fmt(get(m)!), 12)).join('')}`;
  const evalRows = report.overall[models[0]!]?.support ?? 0;
  const rows = [head, line('overall', evalRows, (m) => report.overall[m]?.accuracy)];
  for (const [name, info] of Object.entries(report.data.slices)) {
    rows.push(line(name, info.evalRows, (m) => report.slices[name]?.[m]?.accuracy));
  }
  return rows.join('\n');
}

export async function trainCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const flags = parseFlags(argv, FLAGS, 'train');
  if (flags.get('help') === true) {
    io.out(TRAIN_USAGE);
    return;
  }
  const options = await parseTrainOptions(flags);
  const outcome = await runTrain(options, io);
  try {
    const { report, models, meta } = outcome;
    if (report.models.length > 0 && !options.quiet) io.out(`${summary(report)}\n`);
    if (report.recommendation && !options.quiet) io.out(`recommended: ${report.recommended} — ${report.recommendation.reason}\n`);
    if (options.exportDir !== undefined) {
      const chosen = options.exportModels === 'recommended' ? (report.recommended ? [report.recommended] : []) : options.exportModels;
      for (const kind of chosen.filter((k) => models[k])) {
        const dir = join(options.exportDir, kind);
        await writeModelDir(dir, await exportModel(models[kind]!, meta));
        if (!options.quiet)
          io.out(`exported ${kind === report.recommended ? 'the recommended model, ' : ''}${MODEL_LABELS[kind]} (${kind}), to ${dir}\n`);
      }
    }
    await writeOut(options.out, `${JSON.stringify(report, null, 2)}\n`, 'the report');
    if (!options.quiet) io.out(`wrote ${options.out}\n`);
    if (report.models.length === 0) throw new CliError(`every model diverged (${report.diverged.map((d) => d.message).join('; ')})`);
  } finally {
    Object.values(outcome.models).forEach((m) => m.dispose());
  }
}
