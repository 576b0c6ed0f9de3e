/**
 * `slicewise discover`: weak slices of FILE, written as an SF file usable as is with `train --sfs`.
 * readTable -> the plain model's errors on the valid rows (prepareTrainData + trainModels with
 * models ['plain'], as in the app; or a prediction column) -> discoverSlices (src/core/discovery)
 * -> one SF per slice (sfCode.ts), and with --report the full result as JSON.
 */
import { basename } from 'node:path';
import { defaultConfig, prepareTrainData } from '../core/prepare.ts';
import { trainModels } from '../core/train/train.ts';
import { predictRows } from '../core/train/predictRows.ts';
import { DEFAULT_SETTINGS } from '../core/train/types.ts';
import type { Table } from '../core/table.ts';
import {
  discoverSlices,
  errorsFromColumn,
  errorsFromPredictions,
  sliceToSf,
  validRows,
  type DiscoveryResult,
} from '../core/discovery/index.ts';
import {
  choiceFlag,
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
import { readTable, writeOut } from './files.ts';
import type { CliIo } from './io.ts';
import { initNodeBackend, silenceTfjsLogs, type NodeBackend } from '../core/tfNode.ts';
import { DISCOVER_USAGE } from './usage.ts';

const FLAGS: Record<string, FlagSpec> = {
  data: {},
  label: {},
  out: {},
  report: {},
  features: {},
  'split-column': {},
  columns: {},
  'max-slices': {},
  'min-support': {},
  'max-predicates': {},
  alpha: {},
  predictions: {},
  epochs: {},
  seed: {},
  backend: {},
  quiet: { boolean: true },
  help: { boolean: true },
};

/** Epochs of the plain model whose errors are searched (without --predictions). */
export const DISCOVER_EPOCHS = 10;

export interface DiscoverOptions {
  data: string;
  label: string;
  out: string;
  report?: string;
  features?: string[];
  splitColumn?: string;
  columns?: string[];
  predictions?: string;
  maxSlices?: number;
  minSupport?: number;
  maxPredicates?: number;
  alpha?: number;
  epochs: number;
  seed: number;
  backend: NodeBackend;
  quiet: boolean;
}

export function parseDiscoverOptions(flags: ParsedFlags): DiscoverOptions {
  const cmd = 'discover';
  const alpha = positiveFlag(flags, 'alpha');
  if (alpha !== undefined && alpha > 1) throw usageError('--alpha must be in (0, 1]');
  const pick = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    data: requiredFlag(flags, 'data', cmd),
    label: requiredFlag(flags, 'label', cmd),
    out: requiredFlag(flags, 'out', cmd),
    ...pick('report', stringFlag(flags, 'report')),
    ...pick('features', listFlag(flags, 'features')),
    ...pick('splitColumn', stringFlag(flags, 'split-column')),
    ...pick('columns', listFlag(flags, 'columns')),
    ...pick('predictions', stringFlag(flags, 'predictions')),
    ...pick('maxSlices', intFlag(flags, 'max-slices', 1, 1000)),
    ...pick('minSupport', intFlag(flags, 'min-support', 1)),
    ...pick('maxPredicates', intFlag(flags, 'max-predicates', 1, 5)),
    ...pick('alpha', alpha),
    epochs: intFlag(flags, 'epochs', 1) ?? DISCOVER_EPOCHS,
    seed: intFlag(flags, 'seed', 0, 0xffffffff) ?? DEFAULT_SETTINGS.seed,
    backend: choiceFlag(flags, 'backend', ['wasm', 'cpu'] as const) ?? 'wasm',
    quiet: flags.get('quiet') === true,
  };
}

export interface DiscoverOutcome {
  result: DiscoveryResult;
  /** The SF file's text. */
  sfs: string;
  names: string[];
  /** Where the errors came from, for the report. */
  errorsFrom: string;
}

export async function runDiscover(options: DiscoverOptions, io: CliIo): Promise<DiscoverOutcome> {
  const say = (line: string) => !options.quiet && io.out(`${line}\n`);
  const table = await readTable(options.data);
  const guess = defaultConfig(table);
  const splitColumn = options.splitColumn ?? (guess.splitColumn !== options.label ? guess.splitColumn : undefined);
  const config = { label: options.label, seed: options.seed, ...(splitColumn !== undefined ? { splitColumn } : {}) };
  const rows = validRows(table, config);
  let errors: Uint8Array;
  let errorsFrom: string;
  if (options.predictions !== undefined) {
    errors = errorsFromColumn(table, options.label, options.predictions, rows);
    errorsFrom = `the column "${options.predictions}"`;
  } else {
    const features = options.features ?? guess.features.filter((f) => f !== options.label && f !== splitColumn);
    errors = await plainErrors(table, { ...config, features }, rows, options, say);
    errorsFrom = `a plain model (${options.epochs} epochs, seed ${options.seed})`;
  }
  const columns =
    options.columns ??
    table.columns.map((c) => c.name).filter((n) => n !== options.label && n !== splitColumn && n !== options.predictions);
  const result = discoverSlices({
    table,
    rows,
    errors,
    columns,
    options: {
      ...(options.maxSlices !== undefined ? { maxSlices: options.maxSlices } : {}),
      ...(options.minSupport !== undefined ? { minSupport: options.minSupport } : {}),
      ...(options.maxPredicates !== undefined ? { maxPredicates: options.maxPredicates } : {}),
      ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
    },
  });
  const taken = new Set<string>();
  const sfs = result.slices.map((s) => sliceToSf(s, result.overallError, taken));
  const header = [
    `// Weak slices of ${basename(options.data)} found by \`slicewise discover\` (SliceLine): where ${errorsFrom}`,
    `// errs on the ${result.rows} valid rows (overall error ${(100 * result.overallError).toFixed(1)}%). Each export is one slicing function.`,
    '',
  ].join('\n');
  return { result, sfs: `${header}\n${sfs.map((s) => s.code).join('\n')}`, names: sfs.map((s) => s.name), errorsFrom };
}

async function plainErrors(
  table: Table,
  config: { label: string; features: string[]; seed: number; splitColumn?: string },
  rows: Int32Array,
  options: DiscoverOptions,
  say: (line: string) => void,
): Promise<Uint8Array> {
  const prepared = prepareTrainData(table, config, []);
  silenceTfjsLogs();
  await initNodeBackend(options.backend);
  const settings = { ...DEFAULT_SETTINGS, models: ['plain' as const], epochs: options.epochs, seed: options.seed };
  const trained = await trainModels(prepared.data, settings, { onEvent: () => {}, shouldStop: () => false });
  try {
    const predicted = predictRows(trained.models, prepared.data).plain;
    if (!predicted) throw new Error('the plain model diverged: try fewer epochs or another seed');
    say(`plain model: ${options.epochs} epochs, valid accuracy ${trained.final.plain?.overall.accuracy.toFixed(3) ?? '-'}`);
    return errorsFromPredictions(table, config.label, rows, predicted, prepared.data.classes);
  } finally {
    Object.values(trained.models).forEach((m) => m.dispose());
  }
}

export async function discoverCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const flags = parseFlags(argv, FLAGS, 'discover');
  if (flags.get('help') === true) {
    io.out(DISCOVER_USAGE);
    return;
  }
  const options = parseDiscoverOptions(flags);
  const { result, sfs, names, errorsFrom } = await runDiscover(options, io);
  if (!options.quiet) {
    io.out(
      `${result.rows} valid rows, overall error ${(100 * result.overallError).toFixed(1)}%, ${result.columns.length} columns searched in ${(result.millis / 1000).toFixed(1)} s\n`,
    );
    result.slices.forEach((s, i) =>
      io.out(
        `${String(i + 1).padStart(2)}. ${names[i]}: ${s.description}  (${s.size} rows, error ${(100 * s.error).toFixed(1)}%, ${s.lift.toFixed(1)}x)\n`,
      ),
    );
  }
  await writeOut(options.out, sfs, 'the SF file');
  if (!options.quiet) io.out(`wrote ${options.out}\n`);
  if (options.report !== undefined) {
    const report = { data: options.data, label: options.label, errorsFrom, sfs: names, ...result };
    await writeOut(options.report, `${JSON.stringify(report, null, 2)}\n`, 'the discovery report');
    if (!options.quiet) io.out(`wrote ${options.report}\n`);
  }
}
