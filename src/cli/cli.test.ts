/**
 * The CLI end to end on a small CSV in a temp dir: `node bin/slicewise.mjs` as a child process (as a
 * user runs it) and main() in-process (fast, and it hands back the trained models to compare with).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_SFS, syntheticCsv } from '../../test/synthetic.ts';
import { loadTable } from '../core/data/load.ts';
import { dataConfigOf } from '../core/prepare.ts';
import { encodeProjectFile } from '../core/projectFile.ts';
import { runSfSource } from '../core/slicing/run.ts';
import { DEFAULT_SETTINGS, MODEL_KINDS, type TrainSettings } from '../core/train/types.ts';
import type { TrainResponse } from '../protocol/train.ts';
import { createTrainSession } from '../workers/trainSession.ts';
import { parseFlags } from './args.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';
import type { TrainReport } from './report.ts';
import { parseTrainOptions, runTrain } from './train.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/slicewise.mjs');

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicewise-cli-'));
  await writeFile(path('three.csv'), syntheticCsv({ rows: 240, classes: 3, seed: 11 }));
  await writeFile(path('two.csv'), syntheticCsv({ rows: 200, classes: 2, seed: 12, splitColumn: false }));
  await writeFile(path('sfs.ts'), SYNTHETIC_SFS);
  await writeFile(path('bad.ts'), `${SYNTHETIC_SFS}\nexport const broken = (row: Row) => (row as any).missing.length > 0;\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real command in a child process; never rejects (the exit code is in `code`). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** main() in-process with captured output. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const withoutTimings = ({ timings: _, ...rest }: TrainReport) => rest;

/** predicted + proba_* columns of a predictions CSV. */
function readPredictions(text: string): { header: string[]; predicted: string[]; proba: number[] } {
  const [head, ...lines] = text.trimEnd().split('\n');
  const predicted: string[] = [];
  const proba: number[] = [];
  for (const line of lines) {
    const [p, ...values] = line.split(',');
    predicted.push(p!);
    proba.push(...values.map(Number));
  }
  return { header: head!.split(','), predicted, proba };
}

const METRIC_KEYS = ['accuracy', 'accuracyCi', 'confusion', 'f1', 'precision', 'recall', 'support'];

describe('slicewise train + predict (3 classes, train/valid/test split column)', () => {
  const trainArgs = () => [
    'train',
    '--data',
    path('three.csv'),
    '--label',
    'label',
    '--sfs',
    path('sfs.ts'),
    '--epochs',
    '3',
    '--seed',
    '7',
    '--batch-size',
    '32',
    '--hidden-size',
    '16',
    '--models',
    'all',
    '--quiet',
  ];

  it('child process: report shape; an in-process run is identical apart from timings; predict reproduces the probabilities', async () => {
    const child = await cli([
      ...trainArgs(),
      '--export-dir',
      path('models'),
      '--export-models',
      'sram,plain',
      '--out',
      path('report.json'),
    ]);
    expect(child).toEqual({ code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(await readFile(path('report.json'), 'utf8')) as TrainReport;

    expect(report.models).toEqual([...MODEL_KINDS]);
    expect(report.seed).toBe(7);
    expect(report.backend).toBe('wasm');
    expect(report.settings).toMatchObject({ epochs: 3, seed: 7, batchSize: 32, hiddenSize: 16, models: [...MODEL_KINDS] });
    expect(report.data).toMatchObject({
      rows: 240,
      label: 'label',
      features: ['x1', 'x2', 'region', 'comment'],
      splitColumn: 'split',
      classes: ['c0', 'c1', 'c2'],
      split: { train: 144, valid: 48, test: 48 },
      evaluatedOn: 'test',
    });
    expect(Object.keys(report.data.slices)).toEqual(['north', 'big_x2']);
    for (const kind of MODEL_KINDS) {
      const overall = report.overall[kind]!;
      expect(Object.keys(overall).sort()).toEqual(METRIC_KEYS);
      expect(overall.support).toBe(48);
      expect(overall.confusion).toHaveLength(3);
      expect(overall.accuracyCi[0]).toBeLessThanOrEqual(overall.accuracy);
      expect(overall.accuracyCi[1]).toBeGreaterThanOrEqual(overall.accuracy);
      for (const slice of ['north', 'big_x2']) {
        const m = report.slices[slice]![kind]!;
        expect(Object.keys(m).sort()).toEqual(METRIC_KEYS);
        expect(m.support).toBe(report.data.slices[slice]!.evalRows);
      }
      expect(report.timings.models[kind]).toBeGreaterThan(0);
      expect(report.parameters[kind]).toBeGreaterThan(100);
    }
    expect(report.parameters.moe).toBeGreaterThan(report.parameters.plain! * 3);
    // The recommendation: one of the trained models, chosen on the 48 valid rows (the report is on the 48 test rows).
    expect(MODEL_KINDS).toContain(report.recommended);
    expect(report.objective).toEqual({ target: 'meanSlice', maxOverallDrop: 0.005 });
    expect(report.recommendation!.model).toBe(report.recommended);
    expect(report.recommendation!.rows).toBe('valid');
    expect(report.recommendation!.validRows).toBe(48);
    expect(report.recommendation!.candidates.map((c) => c.model)).toEqual([...MODEL_KINDS]);

    // The same flags in this process: identical report apart from timings (same seed, same backend).
    const flags = parseFlags(
      [...trainArgs().slice(1), '--out', path('unused.json')],
      {
        data: {},
        label: {},
        sfs: {},
        epochs: {},
        seed: {},
        'batch-size': {},
        'hidden-size': {},
        models: {},
        out: {},
        quiet: { boolean: true },
      },
      'train',
    );
    const outcome = await runTrain(await parseTrainOptions(flags), { out: () => {}, err: () => {} });
    try {
      expect(JSON.parse(JSON.stringify(withoutTimings(outcome.report)))).toEqual(withoutTimings(report));

      // A fresh process predicting from the exported folder gives this process's trained probabilities.
      const { data } = outcome.prepared;
      for (const kind of ['sram', 'plain'] as const) {
        const predict = await cli([
          'predict',
          '--model',
          path(`models/${kind}`),
          '--data',
          path('three.csv'),
          '--out',
          path(`pred-${kind}.csv`),
        ]);
        expect(predict.code).toBe(0);
        expect(predict.stdout).toBe(`${kind} model: 240 predictions written to ${path(`pred-${kind}.csv`)}\n`);
        const csv = readPredictions(await readFile(path(`pred-${kind}.csv`), 'utf8'));
        expect(csv.header).toEqual(['predicted', 'proba_c0', 'proba_c1', 'proba_c2']);
        const expected = outcome.models[kind]!.predictProba(data.x, data.dim);
        expect(csv.proba).toHaveLength(expected.length);
        const diff = Math.max(...csv.proba.map((p, i) => Math.abs(p - expected[i]!)));
        expect(diff).toBeLessThanOrEqual(1e-5);
        csv.predicted.forEach((p, i) => {
          const row = Array.from(expected.subarray(i * 3, i * 3 + 3));
          expect(p).toBe(data.classes[row.indexOf(Math.max(...row))]);
        });
      }
    } finally {
      Object.values(outcome.models).forEach((m) => m.dispose());
    }
  });

  it('a bad label exits non-zero with one line on stderr (child process)', async () => {
    const result = await cli(['train', '--data', path('three.csv'), '--label', 'nope', '--sfs', path('sfs.ts'), '--out', path('r.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`slicewise: ${path('three.csv')}: there is no column named "nope" to use as the label\n`);
  });
});

describe('in-process', () => {
  it('--export-dir writes the recommended model only, unless --export-models says otherwise', async () => {
    const out = path('rec.json');
    const models = path('rec-models');
    const result = await inProcess([
      'train',
      '--data',
      path('two.csv'),
      '--label',
      'label',
      '--sfs',
      path('sfs.ts'),
      '--models',
      'plain,reweighted,groupDro',
      '--epochs',
      '2',
      '--batch-size',
      '32',
      '--hidden-size',
      '8',
      '--export-dir',
      models,
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8')) as TrainReport;
    expect(['plain', 'reweighted', 'groupDro']).toContain(report.recommended);
    expect(await readdir(models)).toEqual([report.recommended]);
    expect(result.stdout).toContain(`recommended: ${report.recommended} — `);
    expect(result.stdout).toContain('exported the recommended model, ');
    const bad = await inProcess([
      'train',
      '--data',
      path('two.csv'),
      '--label',
      'label',
      '--sfs',
      path('sfs.ts'),
      '--models',
      'plain',
      '--export-dir',
      models,
      '--export-models',
      'moe',
      '--out',
      out,
    ]);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('--export-models: moe is not trained');
  });

  it('binary, random split, two models: evaluated on valid', async () => {
    const out = path('two.json');
    const result = await inProcess([
      'train',
      '--data',
      path('two.csv'),
      '--label',
      'label',
      '--sfs',
      path('sfs.ts'),
      '--models',
      'plain,reweighted',
      '--epochs',
      '2',
      '--batch-size',
      '32',
      '--hidden-size',
      '8',
      '--out',
      out,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid accuracy');
    expect(result.stdout).toContain(`wrote ${out}`);
    const report = JSON.parse(await readFile(out, 'utf8')) as TrainReport;
    expect(report.models).toEqual(['plain', 'reweighted']);
    expect(Object.keys(report.overall)).toEqual(['plain', 'reweighted']);
    expect(report.data).toMatchObject({
      splitColumn: null,
      classes: ['c0', 'c1'],
      split: { train: 160, valid: 40, test: 0 },
      evaluatedOn: 'valid',
    });
    expect(report.overall.plain!.confusion).toHaveLength(2);
    expect(report.overall.plain!.support).toBe(40);
  });

  const base = () => [
    'train',
    '--data',
    path('three.csv'),
    '--label',
    'label',
    '--sfs',
    path('sfs.ts'),
    '--epochs',
    '1',
    '--out',
    path('x.json'),
  ];

  it.each([
    ['an unknown label column', ['--label', 'nope'], 1, `${'three.csv'}: there is no column named "nope" to use as the label`],
    ['an unknown feature column', ['--features', 'x1,nope'], 1, 'there is no column named "nope" to use as a feature'],
    ['an unknown split column', ['--split-column', 'nope'], 1, 'there is no column named "nope" to split by'],
    ['an unknown flag', ['--epoch', '3'], 2, 'unknown option --epoch for "slicewise train"'],
    ['a bad number', ['--epochs', 'two'], 2, '--epochs must be an integer >= 1, got "two"'],
    ['an unknown model', ['--models', 'plain,fancy'], 2, '--models: unknown model "fancy"'],
  ])('%s: exit code and one line naming the problem', async (_, extra, code, message) => {
    const args = base();
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]!);
      if (at >= 0) args[at + 1] = extra[i + 1]!;
      else args.push(extra[i]!, extra[i + 1]!);
    }
    const result = await inProcess(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/^slicewise: [^\n]+\n$/);
    expect(result.stderr).toContain(message);
  });

  it('an SF that throws: names the file, its line, the SF and the row', async () => {
    const result = await inProcess([...base().slice(0, 5), '--sfs', path('bad.ts'), '--out', path('x.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `slicewise: ${path('bad.ts')} line 8: SF "broken" threw at row 0: Cannot read properties of undefined (reading 'length')\n`,
    );
  });

  it('missing files, a folder of several models, --help', async () => {
    const missing = await inProcess([...base().slice(0, 2), path('none.csv'), ...base().slice(3)]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `slicewise: cannot read the data file ${path('none.csv')}: no such file or directory\n`,
    });
    const noModel = await inProcess(['predict', '--model', dir, '--data', path('three.csv'), '--out', path('p.csv')]);
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/^slicewise: .* has no model\.json/);
    const help = await inProcess(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: slicewise train --data FILE --label COL --sfs SFS.ts --out REPORT.json');
    expect((await inProcess(['predict', '-h'])).stdout).toContain('Usage: slicewise predict');
    expect((await inProcess(['nonsense'])).code).toBe(2);
  });
});

describe('train --project: an app project, headless', () => {
  it("reproduces the app's own run (the training worker's session) on the same backend", async () => {
    const csv = syntheticCsv({ rows: 240, classes: 3, seed: 11 });
    const choices = {
      label: 'label',
      features: ['x1', 'x2', 'region', 'comment'],
      splitColumn: null,
      validFraction: 0.25,
      testFraction: 0.15,
      types: {},
    };
    const settings: TrainSettings = {
      ...DEFAULT_SETTINGS,
      models: ['plain', 'sram', 'groupDro'],
      epochs: 2,
      batchSize: 32,
      hiddenSize: 8,
      seed: 4,
    };
    const file = await encodeProjectFile(
      {
        name: 'Churn',
        datasetName: 'three.csv',
        exampleId: null,
        config: choices,
        sfSource: SYNTHETIC_SFS,
        settings,
        backend: 'auto',
        run: null,
      },
      { name: 'three.csv', blob: new Blob([csv], { type: 'text/csv' }) },
    );
    await writeFile(path('churn.slicewise.json'), Buffer.from(await file.arrayBuffer()));
    const out = path('project.json');
    const result = await inProcess(['train', '--project', path('churn.slicewise.json'), '--quiet', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(await readFile(out, 'utf8')) as TrainReport;
    expect(report.settings).toEqual(settings);
    // the project's random split (60/25/15, stratified by label), not the CLI's default 80/20 with no test rows
    const { train, valid, test } = report.data.split;
    expect(train + valid + test).toBe(240);
    expect(Math.abs(valid - 60)).toBeLessThanOrEqual(2);
    expect(Math.abs(test - 36)).toBeLessThanOrEqual(2);

    // The app's path: the SF worker's apply and the training worker's session on the same table.
    const table = await loadTable(new Blob([csv]), 'three.csv');
    const applied = runSfSource(table, SYNTHETIC_SFS);
    if (!applied.ok) throw new Error(applied.errors[0]!.message);
    const messages: TrainResponse[] = [];
    const session = createTrainSession({ post: (m) => messages.push(m), selectBackend: async () => ({ backend: 'wasm', detail: 'wasm' }) });
    await session.handle({ type: 'setTable', table });
    await session.handle({
      type: 'trainTable',
      id: 1,
      config: dataConfigOf(choices, settings.seed),
      slices: applied.slices,
      settings,
      backend: 'wasm',
    });
    const done = messages.at(-1)!;
    if (done.type !== 'done') throw new Error(JSON.stringify(done));
    expect(report.recommendation).toEqual(JSON.parse(JSON.stringify(done.recommendation)));
    for (const kind of settings.models) {
      expect(report.recommendation!.candidates.find((c) => c.model === kind)!.overall).toBe(done.final[kind]!.overall.accuracy);
    }
    Object.values(session.models()).forEach((m) => m.dispose());

    const clash = await inProcess(['train', '--project', path('churn.slicewise.json'), '--label', 'x', '--out', out]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--project brings its own data, label, features, split and SFs: drop --label');
  });
});
