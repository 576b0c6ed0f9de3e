/**
 * `npm run bench [-- --short] [-- --no-browser] [-- --no-build] [-- --no-slices | --slices-only]`: the
 * performance benchmark of issue 6, and cost against the number of slices of issue 13 (sliceSweep.ts,
 * sliceSweepBrowser.ts: bench/slices.json and bench/slices.md; --slices-only runs just that).
 * Writes bench/results.json and bench/results.md (docs/performance.md explains how to read them).
 *
 * Node parts: SF application in a worker thread (sfBench.ts), training throughput on tfjs wasm and cpu
 * (trainBench.ts), CSV parsing (bench/perf/parse.ts, a child process, when present).
 * Browser parts (browserBench.ts): the app is built (`vite build --mode test --outDir $SLICEWISE_DIST`, default
 * dist) and served by `vite preview` on $SLICEWISE_PORT (default 4173); Chromium is $CHROMIUM_PATH,
 * /usr/bin/chromium, or Playwright's own.
 * --short: tiny sizes, a few steps: checks the harness works (seconds per part), not figures to quote.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import type { BackendChoice } from '../../src/protocol/train.ts';
import { appBigLoad, appLoad, appResponsiveness, browserSf, browserTraining, openBenchPage } from './browserBench.ts';
import { ensureBigCsv } from './bigCsv.ts';
import { markdown, targets, type BackendTraining, type BenchResults, type BrowserSfResult } from './results.ts';
import { runSfBench } from './sfBench.ts';
import { measureDiscovery } from './discoveryBench.ts';
import { LARGE_CONFIG, measureTraining, REFERENCE_CONFIG, type TrainConfig, type TrainMeasure } from './trainBench.ts';
import type { AdapterInfo, TrainReply } from './browser/protocol.ts';
import { SWEEP_COUNTS, SWEEP_MODELS, sweepMarkdown, sweepNode, type SweepRow } from './sliceSweep.ts';
import { appManySlices, manySlicesMarkdown, type ManySlicesMeasure } from './sliceSweepBrowser.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchOptions {
  short: boolean;
  browser: boolean;
  build: boolean;
  port: number;
  dist: string;
  /** Where results.json / results.md go. */
  outDir: string;
  /** The slice-count sweep (issue 13); slicesOnly: nothing else. */
  slices: boolean;
  slicesOnly: boolean;
  log: (line: string) => void;
}

export function parseArgs(argv: string[]): BenchOptions {
  return {
    short: argv.includes('--short'),
    browser: !argv.includes('--no-browser'),
    build: !argv.includes('--no-build'),
    port: Number(process.env.SLICEWISE_PORT ?? 4173),
    dist: process.env.SLICEWISE_DIST ?? 'dist',
    outDir: join(root, 'bench'),
    slices: !argv.includes('--no-slices'),
    slicesOnly: argv.includes('--slices-only'),
    log: (line) => console.log(line),
  };
}

/** Epoch-cost ratio from the best windows (least disturbed by the machine's other load). */
const ratio = (plain: TrainMeasure | null, sram: TrainMeasure | null) =>
  plain && sram ? plain.bestWindowExamplesPerSecond / sram.bestWindowExamplesPerSecond : null;

function backendRow(
  where: 'node' | 'chromium',
  backend: string,
  config: TrainConfig,
  results: TrainMeasure[],
  note?: string,
): BackendTraining {
  const plain = results.find((m) => m.model === 'plain') ?? null;
  const sliceAware = results.find((m) => m.model === 'sram') ?? null;
  return { where, backend, config, plain, sliceAware, sliceAwareOverPlain: ratio(plain, sliceAware), ...(note ? { note } : {}) };
}

async function nodeTraining(o: BenchOptions, errors: string[]): Promise<BackendTraining[]> {
  const rows: BackendTraining[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    try {
      const started = await initNodeBackend(backend);
      if (started.backend !== backend) throw new Error(started.detail);
      const steps = o.short ? 3 : backend === 'wasm' ? 150 : 20;
      const warmup = o.short ? 1 : backend === 'wasm' ? 10 : 3;
      const results: TrainMeasure[] = [];
      // plain, slice-aware, then both again: the better of two (the machine is shared and noisy).
      for (let round = 0; round < (o.short ? 1 : 2); round++) {
        for (const model of ['plain', 'sram'] as const) {
          const m = await measureTraining(model, REFERENCE_CONFIG, steps, warmup);
          const prev = results.findIndex((r) => r.model === model);
          if (prev === -1) results.push(m);
          else if (m.bestWindowExamplesPerSecond > results[prev]!.bestWindowExamplesPerSecond) results[prev] = m;
        }
      }
      rows.push(backendRow('node', backend, REFERENCE_CONFIG, results));
      o.log(`node ${backend}: ${results.map((r) => `${r.model} ${Math.round(r.examplesPerSecond)} ex/s`).join(', ')}`);
    } catch (error) {
      errors.push(`node training on ${backend}: ${String(error)}`);
    }
  }
  return rows;
}

function runParse(o: BenchOptions, errors: string[]): unknown {
  const script = join(root, 'bench/perf/parse.ts');
  if (!existsSync(script)) return null;
  const out = join(root, 'bench/out/parse.json');
  const rows = o.short ? 20_000 : 1_000_000;
  o.log(`parse: ${rows} rows…`);
  const run = spawnSync('npx', ['tsx', script, '--rows', String(rows), '--out', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (run.status !== 0) {
    errors.push(`bench/perf/parse.ts exited ${run.status}: ${(run.stderr || run.stdout).slice(-500)}`);
    return null;
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

function chromiumPath(): string | undefined {
  return process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--disable-quic', '--enable-unsafe-webgpu'] });
}

interface BrowserPart {
  chromium: string;
  sf: BrowserSfResult | null;
  training: BackendTraining[];
  large: BenchResults['large'];
  responsiveness: BenchResults['responsiveness'];
  load: BenchResults['load'];
  bigLoad: BenchResults['bigLoad'];
}

function sfResult(m: Awaited<ReturnType<typeof browserSf>>): BrowserSfResult {
  if (m.counts.join() !== m.handCounts.join())
    throw new Error(`Chromium: applier and hand loop disagree: ${m.counts.join()} vs ${m.handCounts.join()}`);
  const evaluations = m.rows * m.counts.length;
  return {
    where: 'chromium, the app SF worker',
    rows: m.rows,
    sfs: m.counts.length,
    transferMs: m.transferMs,
    applyMs: m.applyMs,
    roundTripMs: m.roundTripMs,
    handMs: m.handMs,
    applierRate: evaluations / (m.applyMs / 1000),
    roundTripRate: evaluations / (m.roundTripMs / 1000),
    handRate: evaluations / (m.handMs / 1000),
    applierShareOfHand: m.handMs / m.applyMs,
  };
}

/** Steps per backend: enough for a steady figure in the full run, a handful in --short. */
function browserSteps(backend: BackendChoice, short: boolean, large: boolean): { steps: number; warmup: number } {
  if (short) return { steps: large ? 1 : 2, warmup: 1 };
  if (large) return backend === 'webgpu' ? { steps: 3, warmup: 1 } : { steps: 8, warmup: 2 };
  return {
    wasm: { steps: 150, warmup: 10 },
    webgl: { steps: 40, warmup: 5 },
    webgpu: { steps: 8, warmup: 2 },
    cpu: { steps: 10, warmup: 2 },
    auto: { steps: 10, warmup: 2 },
  }[backend];
}

export async function browserPart(o: BenchOptions, baseURL: string, browser: Browser, errors: string[]): Promise<BrowserPart> {
  const part: BrowserPart = {
    chromium: `Chromium ${browser.version()}`,
    sf: null,
    training: [],
    large: null,
    responsiveness: null,
    load: null,
    bigLoad: null,
  };
  const fresh = async () => (await browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage();
  try {
    o.log('load…');
    const page = await fresh();
    part.load = await appLoad(page, baseURL, join(root, o.dist));
    await page.context().close();
  } catch (error) {
    errors.push(`load: ${String(error)}`);
  }
  try {
    const rows = o.short ? 20_000 : 1_000_000;
    o.log(`the app loads a ${rows}-row CSV…`);
    const page = await fresh();
    part.bigLoad = await appBigLoad(page, baseURL, ensureBigCsv(rows), rows);
    await page.context().close();
  } catch (error) {
    errors.push(`big load: ${String(error)}`);
  }
  const page = await fresh();
  try {
    await openBenchPage(page, baseURL);
    o.log('chromium SF application…');
    part.sf = sfResult(await browserSf(page, o.short ? 20_000 : 1_000_000, o.short ? 1 : 3));
  } catch (error) {
    errors.push(`chromium SF application: ${String(error)}`);
  }
  let adapter: AdapterInfo | null = null;
  for (const backend of ['wasm', 'webgl', 'webgpu', 'cpu'] as const) {
    try {
      o.log(`chromium training on ${backend}…`);
      const { steps, warmup } = browserSteps(backend, o.short, false);
      const reply: TrainReply = await browserTraining(page, backend, REFERENCE_CONFIG, steps, warmup);
      adapter ??= reply.adapter;
      if (reply.error) errors.push(`chromium ${backend}: ${reply.error}`);
      const note = backend === 'webgpu' && reply.adapter?.isFallbackAdapter ? 'SwiftShader fallback: CPU emulation' : undefined;
      if (reply.results.length) part.training.push(backendRow('chromium', backend, REFERENCE_CONFIG, reply.results, note));
    } catch (error) {
      errors.push(`chromium training on ${backend}: ${String(error)}`);
    }
  }
  const largeRuns: BackendTraining[] = [];
  for (const backend of ['wasm', 'webgpu'] as const) {
    try {
      o.log(`chromium large configuration on ${backend}…`);
      const { steps, warmup } = browserSteps(backend, o.short, true);
      const reply = await browserTraining(page, backend, LARGE_CONFIG, steps, warmup);
      adapter ??= reply.adapter;
      if (reply.error) errors.push(`chromium large ${backend}: ${reply.error}`);
      const note = backend === 'webgpu' && reply.adapter?.isFallbackAdapter ? 'SwiftShader fallback: CPU emulation' : undefined;
      if (reply.results.length) largeRuns.push(backendRow('chromium', backend, LARGE_CONFIG, reply.results, note));
    } catch (error) {
      errors.push(`chromium large configuration on ${backend}: ${String(error)}`);
    }
  }
  const [lw, lg] = [largeRuns.find((r) => r.backend === 'wasm'), largeRuns.find((r) => r.backend === 'webgpu')];
  const speedup = lw?.sliceAware && lg?.sliceAware ? lg.sliceAware.examplesPerSecond / lw.sliceAware.examplesPerSecond : null;
  part.large = { config: LARGE_CONFIG, runs: largeRuns, webgpuOverWasm: speedup, adapter };
  await page.context().close();
  try {
    o.log('responsiveness (the app trains its example project)…');
    const app = await fresh();
    part.responsiveness = await appResponsiveness(app, baseURL, o.short ? 2 : 10);
    await app.context().close();
  } catch (error) {
    errors.push(`responsiveness: ${String(error)}`);
  }
  return part;
}

async function withServer<T>(o: BenchOptions, body: (baseURL: string) => Promise<T>): Promise<T> {
  if (o.build) {
    o.log(`vite build --mode test --outDir ${o.dist}…`);
    const build = spawnSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', o.dist], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`vite build failed: ${(build.stderr || build.stdout).slice(-800)}`);
  }
  const server = spawn('npx', ['vite', 'preview', '--port', String(o.port), '--strictPort', '--outDir', o.dist], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  const baseURL = `http://localhost:${o.port}`;
  try {
    await waitForServer(baseURL, server);
    return await body(baseURL);
  } finally {
    // The server and its children form their own process group (detached): stop exactly that group.
    if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const errors: string[] = [];
  o.log(`SF application in a Node worker (${o.short ? 'short' : '1M rows'})…`);
  const sfNode = await runSfBench(o.short ? 20_000 : 1_000_000, o.short ? 1 : 3).catch((error: unknown) => {
    errors.push(`node SF application: ${String(error)}`);
    return null;
  });
  const training = await nodeTraining(o, errors);
  const parse = runParse(o, errors);
  o.log(`slice discovery (${o.short ? 'short' : '100k and 1M rows, maxL 1-3'})…`);
  const discovery = await measureDiscovery(o.short, o.log).catch((error: unknown) => {
    errors.push(`slice discovery: ${String(error)}`);
    return null;
  });
  let browser: BrowserPart | null = null;
  if (o.browser) {
    try {
      browser = await withServer(o, async (baseURL) => {
        const b = await launchChromium();
        try {
          return await browserPart(o, baseURL, b, errors);
        } finally {
          await b.close();
        }
      });
    } catch (error) {
      errors.push(`browser parts: ${String(error)}`);
    }
  }
  const adapter = browser?.large?.adapter ?? null;
  const partial: Omit<BenchResults, 'targets'> = {
    meta: {
      date: new Date().toISOString(),
      short: o.short,
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      chromium: browser?.chromium ?? null,
      gpu: adapter
        ? adapter.isFallbackAdapter
          ? `no real GPU: the only WebGPU adapter is a fallback (${[adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' / ') || 'SwiftShader'}), a CPU emulation`
          : `WebGPU adapter ${[adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter(Boolean).join(' / ')}`
        : 'no WebGPU adapter',
    },
    snorkelReference: (await import('./results.ts')).SNORKEL_REFERENCE,
    sf: { node: sfNode, chromium: browser?.sf ?? null },
    training: [...training, ...(browser?.training ?? [])],
    large: browser?.large ?? null,
    responsiveness: browser?.responsiveness ?? null,
    load: browser?.load ?? null,
    bigLoad: browser?.bigLoad ?? null,
    parse,
    discovery,
    errors,
  };
  return { ...partial, targets: targets(partial) };
}

export function writeResults(results: BenchResults, outDir: string): { json: string; md: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'results.json');
  const md = join(outDir, 'results.md');
  writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(md, markdown(results));
  return { json, md };
}

export interface SliceSweepResults {
  date: string;
  short: boolean;
  backend: string;
  node: SweepRow[];
  browser: ManySlicesMeasure[];
  errors: string[];
}

/**
 * Cost against the number of slices: the Node sweep (SF application, an epoch of every model) at
 * 8, 32, 128, 512 slices, then the built app at the same counts (memory, longest task while training).
 * build: whether to build the app first (false when the main benchmark just did).
 */
export async function runSliceSweep(o: BenchOptions, build: boolean): Promise<SliceSweepResults> {
  const errors: string[] = [];
  const counts = o.short ? [8, 32] : [...SWEEP_COUNTS];
  const started = await initNodeBackend('wasm');
  let node: SweepRow[] = [];
  try {
    node = await sweepNode({
      counts,
      models: SWEEP_MODELS,
      rows: o.short ? 2000 : 20_000,
      epochs: o.short ? 2 : 3,
      repeats: o.short ? 1 : 3,
      budgetSeconds: o.short ? 5 : 40,
      log: o.log,
    });
  } catch (error) {
    errors.push(`slice sweep (node): ${String(error)}`);
  }
  const browser: ManySlicesMeasure[] = [];
  if (o.browser) {
    try {
      await withServer({ ...o, build }, async (baseURL) => {
        const b = await launchChromium();
        try {
          for (const k of counts) {
            o.log(`the app with ${k} slices…`);
            const context = await b.newContext({ viewport: { width: 1440, height: 900 } });
            try {
              browser.push(await appManySlices(await context.newPage(), baseURL, k, o.short ? 1 : 3));
            } catch (error) {
              errors.push(`the app with ${k} slices: ${String(error)}`);
            } finally {
              await context.close();
            }
          }
        } finally {
          await b.close();
        }
      });
    } catch (error) {
      errors.push(`slice sweep (browser): ${String(error)}`);
    }
  }
  return { date: new Date().toISOString(), short: o.short, backend: started.backend, node, browser, errors };
}

export function writeSliceSweep(r: SliceSweepResults, outDir: string): { json: string; md: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'slices.json');
  const md = join(outDir, 'slices.md');
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n');
  const text = [
    `## Cost against the number of slices (${r.date}${r.short ? ', --short: not figures to quote' : ''})`,
    '',
    `Node, tfjs ${r.backend}: circles2d (${r.node[0]?.rows ?? '?'} rows, half train, half valid), K grid-cell SFs. An epoch = the training steps plus the validation pass, in this process's CPU seconds: the fastest of ${r.node[0]?.timedEpochs ?? '?'} timed epochs per model, the models trained in turns (× plain in brackets; the median epoch is in bench/slices.json); default options; sramFull = SRAM with expertRank 0.`,
    '',
    sweepMarkdown(r.node, SWEEP_MODELS),
    'The built app in Chromium at 1440 × 900 (example project, K grid-cell SFs, the default models):',
    '',
    manySlicesMarkdown(r.browser),
    ...(r.errors.length ? ['Errors:', '', ...r.errors.map((e) => `- ${e}`), ''] : []),
  ].join('\n');
  writeFileSync(md, text);
  return { json, md };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  if (!options.slicesOnly) {
    const results = await runBench(options);
    const { json, md } = writeResults(results, options.outDir);
    console.log(readFileSync(md, 'utf8'));
    console.log(`wrote ${json} and ${md}`);
  }
  if (options.slices || options.slicesOnly) {
    const sweep = await runSliceSweep(options, options.slicesOnly ? options.build : false);
    const { json, md } = writeSliceSweep(sweep, options.outDir);
    console.log(readFileSync(md, 'utf8'));
    console.log(`wrote ${json} and ${md}`);
  }
}
