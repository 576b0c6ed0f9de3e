/**
 * REPORT.json of `slicewise train`: metrics of every trained model on the evaluation split, overall
 * and per slice, with everything needed to reproduce the run. Pure (no Node APIs): built from the
 * prepared data and the trained models.
 *
 * Evaluation split: the test rows when the data has any (a split column with test values), else the
 * valid rows. prepareTrainData's validIdx is valid-or-test: with both valid and test rows it is the
 * valid rows (monitoring during training) and the test rows stay in split.test, unseen, for here.
 * Same seed and backend give an identical report apart from `timings`, which holds everything
 * that varies from run to run.
 */
import { argmaxRows } from '../core/argmax.ts';
import { computeMetrics, type SliceMetrics } from '../core/metrics.ts';
import type { PreparedData } from '../core/prepare.ts';
import { gatherRows } from '../core/train/device.ts';
import type { TrainedModel } from '../core/train/trained.ts';
import type { ModelKind, Objective, Recommendation, TrainSettings } from '../core/train/types.ts';

export const REPORT_FORMAT = 'slicewise-report';

export type EvalSplit = 'test' | 'valid';

export interface TrainReport {
  format: typeof REPORT_FORMAT;
  /** 2: six model ids, per-model options, the recommendation. */
  version: 2;
  data: {
    file: string;
    sfs: string;
    rows: number;
    label: string;
    features: string[];
    splitColumn: string | null;
    classes: string[];
    /** Rows per split. */
    split: { train: number; valid: number; test: number };
    /** Which split `overall` and `slices` are measured on. */
    evaluatedOn: EvalSplit;
    /** Per slice (SF order): rows in the whole table and in the evaluation split. */
    slices: Record<string, { rows: number; evalRows: number }>;
  };
  settings: TrainSettings;
  seed: number;
  backend: string;
  /** Models that trained to the end, in settings order (diverged ones are in `diverged`). */
  models: ModelKind[];
  overall: Partial<Record<ModelKind, SliceMetrics>>;
  /** slices[slice][model]. */
  slices: Record<string, Partial<Record<ModelKind, SliceMetrics>>>;
  /** Trainable parameters per trained model. */
  parameters: Partial<Record<ModelKind, number>>;
  /** The model to use, chosen on the validation rows (never the test rows); null if none trained. */
  recommended: ModelKind | null;
  objective: Objective;
  /** The figures that made the choice (validation accuracy per model), and the reason in one sentence. */
  recommendation: Recommendation | null;
  diverged: { model: ModelKind; epoch: number; message: string }[];
  /** Wall-clock seconds: the only part of the report that differs between identical runs. */
  timings: {
    /** Training seconds per model (the sum of its epochs, each including its validation pass). */
    models: Partial<Record<ModelKind, number>>;
    /** Reading, parsing, running the SFs and featurising. */
    prepare: number;
    /** trainModels as a whole. */
    train: number;
    total: number;
  };
}

export function evalSplitOf(prepared: PreparedData): { name: EvalSplit; rows: Int32Array } {
  const { test, valid } = prepared.split;
  return test.length > 0 ? { name: 'test', rows: test } : { name: 'valid', rows: valid };
}

export interface ModelEvaluation {
  overall: SliceMetrics;
  slices: Record<string, SliceMetrics>;
}

/** Metrics of one model on the table rows `rows`, overall and per slice of prepared.data. */
export function evaluateOnRows(model: TrainedModel, prepared: PreparedData, rows: Int32Array): ModelEvaluation {
  const { data } = prepared;
  const c = data.classes.length;
  const proba = model.predictProba(gatherRows(data.x, data.dim, rows), data.dim);
  const pred = argmaxRows(proba, c);
  const y = Int32Array.from(rows, (r) => data.y[r]!);
  const slices: Record<string, SliceMetrics> = {};
  for (const { name, mask } of data.slices) {
    const inSlice: number[] = [];
    for (let j = 0; j < rows.length; j++) if (mask[rows[j]!]) inSlice.push(j);
    slices[name] = computeMetrics(y, pred, c, inSlice);
  }
  return { overall: computeMetrics(y, pred, c), slices };
}

export interface ReportInput {
  file: string;
  sfs: string;
  label: string;
  features: string[];
  splitColumn: string | null;
  prepared: PreparedData;
  settings: TrainSettings;
  backend: string;
  models: Partial<Record<ModelKind, TrainedModel>>;
  diverged: TrainReport['diverged'];
  recommendation: Recommendation | null;
  parameters: Partial<Record<ModelKind, number>>;
  timings: TrainReport['timings'];
}

export function buildReport(input: ReportInput): TrainReport {
  const { prepared, settings } = input;
  const { data, split } = prepared;
  const evalSplit = evalSplitOf(prepared);
  const trained = settings.models.filter((kind) => input.models[kind] !== undefined);
  const overall: TrainReport['overall'] = {};
  const slices: TrainReport['slices'] = {};
  for (const s of data.slices) slices[s.name] = {};
  for (const kind of trained) {
    const evaluation = evaluateOnRows(input.models[kind]!, prepared, evalSplit.rows);
    overall[kind] = evaluation.overall;
    for (const s of data.slices) slices[s.name]![kind] = evaluation.slices[s.name]!;
  }
  const sliceSummary: TrainReport['data']['slices'] = {};
  for (const { name, mask } of data.slices) {
    let rows = 0;
    for (const m of mask) rows += m;
    let evalRows = 0;
    for (const r of evalSplit.rows) evalRows += mask[r]!;
    sliceSummary[name] = { rows, evalRows };
  }
  return {
    format: REPORT_FORMAT,
    version: 2,
    data: {
      file: input.file,
      sfs: input.sfs,
      rows: data.y.length,
      label: input.label,
      features: [...input.features],
      splitColumn: input.splitColumn,
      classes: [...data.classes],
      split: { train: split.train.length, valid: split.valid.length, test: split.test.length },
      evaluatedOn: evalSplit.name,
      slices: sliceSummary,
    },
    settings,
    seed: settings.seed,
    backend: input.backend,
    models: trained,
    overall,
    slices,
    parameters: Object.fromEntries(trained.map((kind) => [kind, input.parameters[kind]!])),
    recommended: input.recommendation?.model ?? null,
    objective: settings.objective,
    recommendation: input.recommendation,
    diverged: input.diverged,
    timings: input.timings,
  };
}
