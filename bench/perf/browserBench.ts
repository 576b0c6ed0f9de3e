/**
 * The browser half of the benchmark, as functions of a Playwright Page on the BUILT app (served by
 * vite preview): the runner (run.ts) and the e2e spec (e2e/bench.spec.ts) share them.
 * - training throughput per tfjs backend, in a worker of the benchmark page (bench/perf/browser)
 * - SF application through the app's own SF worker (src/workers/sf.worker.ts) on that page
 * - load: time to interactive, and the gzip size of the JavaScript fetched before first paint
 * - responsiveness: the longest main-thread task and the chart update rate while the app trains
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { BackendChoice } from '../../src/protocol/train.ts';
import type { TrainConfig } from './trainBench.ts';
import type { BrowserSfMeasure, TrainJob, TrainReply, TrainRequest } from './browser/protocol.ts';

/**
 * The few page APIs the probes below use, typed here: this file is type-checked with Node's lib
 * (tsconfig.node.json), while its page.evaluate callbacks run in the page.
 */
interface PageScope {
  document: {
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
  };
  MutationObserver: new (callback: (records: unknown, observer: { disconnect(): void }) => void) => {
    observe(target: unknown, options: object): void;
  };
  PerformanceObserver: new (callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(options: object): void;
  };
  requestAnimationFrame(callback: () => void): void;
  performance: {
    now(): number;
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: string): { name: string; responseEnd?: number }[];
  };
}

export const BENCH_PAGE = '/bench/perf/browser/index.html';

interface BenchGlobal {
  slicewiseBench: {
    train(request: TrainRequest): Promise<TrainReply>;
    sf(rows: number, reps: number): Promise<BrowserSfMeasure>;
  };
}

/**
 * tsx (esbuild, keepNames) wraps named functions in `__name(...)`; the callbacks handed to
 * page.evaluate are serialised with that call in them, so the page needs a no-op __name.
 */
export async function definePageHelpers(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

export async function openBenchPage(page: Page, baseURL: string): Promise<void> {
  await definePageHelpers(page);
  await page.goto(baseURL + BENCH_PAGE);
  await page.waitForFunction(() => 'slicewiseBench' in globalThis);
}

/** Plain and slice-aware at `config` on one backend, in a fresh worker of the bench page. */
export function browserTraining(
  page: Page,
  backend: BackendChoice,
  config: TrainConfig,
  steps: number,
  warmupSteps: number,
): Promise<TrainReply> {
  const jobs: TrainJob[] = (['plain', 'sram'] as const).map((model) => ({ model, config, steps, warmupSteps }));
  return page.evaluate((request) => (globalThis as unknown as BenchGlobal).slicewiseBench.train(request), { backend, jobs });
}

export function browserSf(page: Page, rows: number, reps: number): Promise<BrowserSfMeasure> {
  return page.evaluate(([r, n]) => (globalThis as unknown as BenchGlobal).slicewiseBench.sf(r, n), [rows, reps] as const);
}

export interface LoadMeasure {
  /** Navigation start until the workbench (slices table) is on screen with the example project. */
  interactiveMs: number;
  firstContentfulPaintMs: number;
  /** Scripts fetched by the page before its first contentful paint: the JS first paint needed. */
  firstPaintJs: { file: string; bytes: number; gzipBytes: number }[];
  firstPaintJsGzipBytes: number;
  /** Every script the page had fetched by the time it was interactive. */
  interactiveJsGzipBytes: number;
  /** Whether Monaco / tfjs code was among the first-paint scripts (they should load lazily). */
  monacoInFirstPaint: boolean;
  tfjsInFirstPaint: boolean;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file)).length;

/** The app's load, on a fresh page. distDir: the served build, to size its files. */
export async function appLoad(page: Page, baseURL: string, distDir: string): Promise<LoadMeasure> {
  await definePageHelpers(page);
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageScope & { __benchInteractive?: number };
    new w.MutationObserver((_, observer) => {
      if (w.document.querySelector('[data-testid="slices.table"]')) {
        w.__benchInteractive = w.performance.now();
        observer.disconnect();
      }
    }).observe(w.document, { childList: true, subtree: true });
  });
  await page.goto(baseURL + '/');
  await page.waitForFunction(() => (globalThis as unknown as { __benchInteractive?: number }).__benchInteractive !== undefined, null, {
    timeout: 60_000,
  });
  const timing = await page.evaluate(() => {
    const w = globalThis as unknown as PageScope & { __benchInteractive: number };
    const fcp = w.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const scripts = w.performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ path: new URL(e.name).pathname, end: e.responseEnd ?? NaN }));
    return { fcp, scripts, interactive: w.__benchInteractive };
  });
  const sized = timing.scripts.map((s) => {
    const file = join(distDir, s.path);
    const text = readFileSync(file, 'utf8');
    return {
      file: s.path,
      end: s.end,
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipBytes(file),
      monaco: /monaco/i.test(text),
      tfjs: /tfjs-backend-wasm\.wasm|registerKernel\(/.test(text),
    };
  });
  const first = sized.filter((s) => s.end <= timing.fcp);
  return {
    interactiveMs: timing.interactive,
    firstContentfulPaintMs: timing.fcp,
    firstPaintJs: first.map(({ file, bytes, gzipBytes: g }) => ({ file, bytes, gzipBytes: g })),
    firstPaintJsGzipBytes: first.reduce((s, f) => s + f.gzipBytes, 0),
    interactiveJsGzipBytes: sized.filter((s) => s.end <= timing.interactive).reduce((s, f) => s + f.gzipBytes, 0),
    monacoInFirstPaint: first.some((f) => f.monaco),
    tfjsInFirstPaint: first.some((f) => f.tfjs),
  };
}

export interface ResponsivenessMeasure {
  epochs: number;
  trainingSeconds: number;
  /** Longest main-thread task (PerformanceObserver 'longtask', >= 50 ms by definition) during training; 0 if none. */
  longestTaskMs: number;
  longTasks: number;
  /** Animation frames in which the loss chart's drawing changed, per second of training. */
  chartUpdatesPerSecond: number;
  chartUpdates: number;
  /** Frames the page painted per second during training (requestAnimationFrame). */
  framesPerSecond: number;
}

/** From the next navigation on, the page keeps every main-thread long task in __benchLong. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageScope & { __benchLong: { start: number; duration: number }[] };
    w.__benchLong = [];
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__benchLong.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Resolves once the page has settled after loading: three idle periods in a row with >= 45 ms to
 * spare (or after `capMs`). Why: the editor (Monaco) finishes its start-up in idle callbacks (its
 * suggestion widget: 50-100 ms) a second or two after it mounts; a Train click before that measured
 * the editor's start-up as the training's. Returns how long it waited (ms).
 */
export async function waitForSettledPage(page: Page, capMs = 10_000): Promise<number> {
  return page.evaluate((cap) => {
    const w = globalThis as unknown as {
      performance: { now(): number };
      requestIdleCallback(f: (d: { timeRemaining(): number }) => void): void;
    };
    const start = w.performance.now();
    return new Promise<number>((resolve) => {
      let calm = 0;
      const check = (d: { timeRemaining(): number }) => {
        calm = d.timeRemaining() >= 45 ? calm + 1 : 0;
        const waited = w.performance.now() - start;
        if (calm >= 3 || waited >= cap) resolve(waited);
        else w.requestIdleCallback(check);
      };
      w.requestIdleCallback(check);
    });
  }, capMs);
}

/** Opens the app (example project), sets `epochs`, clicks Train and watches until it finishes. */
export async function appResponsiveness(page: Page, baseURL: string, epochs: number): Promise<ResponsivenessMeasure> {
  await definePageHelpers(page);
  await recordLongTasks(page);
  await page.goto(baseURL + '/');
  await page.getByTestId('slices.table').waitFor({ timeout: 60_000 });
  const epochsInput = page.getByLabel('Epochs', { exact: true });
  await epochsInput.fill(String(epochs));
  await epochsInput.blur();
  await waitForSettledPage(page);
  // Watch every animation frame: count frames and frames where the loss chart's lines changed.
  await page.evaluate(() => {
    const w = globalThis as unknown as PageScope & {
      __benchWatch: { start: number; frames: number; updates: number; stop: boolean; last: string };
    };
    w.__benchWatch = { start: w.performance.now(), frames: 0, updates: 0, stop: false, last: '' };
    const tick = () => {
      const watch = w.__benchWatch;
      if (watch.stop) return;
      watch.frames++;
      const lines = [...w.document.querySelectorAll('[data-testid="charts.loss"] path.recharts-line-curve')]
        .map((p) => p.getAttribute('d'))
        .join('|');
      if (lines !== watch.last) {
        watch.updates++;
        watch.last = lines;
      }
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
  await page.getByTestId('train.start').click();
  // Poll rarely: Playwright's locator waits poll the DOM every animation frame, on the very main
  // thread being measured.
  await page.waitForFunction(
    () => {
      const status = (globalThis as unknown as PageScope).document.querySelector('[data-testid="train.status"]') as {
        textContent: string | null;
      } | null;
      return /Finished/.test(status?.textContent ?? '');
    },
    null,
    { polling: 500, timeout: 600_000 },
  );
  return page.evaluate(() => {
    const w = globalThis as unknown as PageScope & {
      __benchWatch: { start: number; frames: number; updates: number; stop: boolean };
      __benchLong: { start: number; duration: number }[];
      slicewise?: { store: { getState(): { history: { epoch: number }[] } } };
    };
    const watch = w.__benchWatch;
    watch.stop = true;
    const seconds = (w.performance.now() - watch.start) / 1000;
    const during = w.__benchLong.filter((t) => t.start >= watch.start);
    const history = w.slicewise?.store.getState().history ?? [];
    return {
      epochs: history.length === 0 ? 0 : Math.max(...history.map((h) => h.epoch)),
      trainingSeconds: seconds,
      longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
      longTasks: during.length,
      chartUpdatesPerSecond: watch.updates / seconds,
      chartUpdates: watch.updates,
      framesPerSecond: watch.frames / seconds,
    };
  });
}

export interface BigLoadMeasure {
  rows: number;
  bytes: number;
  /** From choosing the file to the row count on screen. */
  seconds: number;
  mbPerSecond: number;
  /** The page's main thread while the file was read, handed to the workers and shown. */
  longestTaskMs: number;
  longTasks: number;
  /** Progress-bar updates seen (the MB/rows line changed). */
  progressUpdates: number;
  /** Peak resident memory of all Chromium processes during the load, minus before it (Linux /proc). */
  peakExtraRssMb: number | null;
}

/** Resident memory of every process whose command line mentions chromium, in MB (Linux only). */
export function chromiumRssMb(): number | null {
  try {
    let kb = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) kb += Number(m[1]);
      } catch {
        /* the process ended */
      }
    }
    return kb / 1024;
  } catch {
    return null;
  }
}

/**
 * The app reads a big CSV (bench/perf/bigCsv.ts) as a person would upload it: time until the row
 * count shows, the longest main-thread task meanwhile (issue 4's target: none over 100 ms), and the
 * browser's extra memory at its peak.
 */
export async function appBigLoad(page: Page, baseURL: string, path: string, rows: number): Promise<BigLoadMeasure> {
  await definePageHelpers(page);
  await recordLongTasks(page);
  await page.goto(baseURL + '/');
  await page.getByTestId('slices.table').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(2000); // let the example's own start-up work finish
  const before = chromiumRssMb();
  let peak = before;
  const sampler = setInterval(() => {
    const now = chromiumRssMb();
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, 100);
  const start = await page.evaluate(() => {
    const w = globalThis as unknown as PageScope & { __benchProgress: { seen: Set<string>; stop: boolean } };
    w.__benchProgress = { seen: new Set(), stop: false };
    const tick = () => {
      const p = w.__benchProgress;
      if (p.stop) return;
      const el = w.document.querySelector('[data-testid="data.loading.detail"]') as { textContent: string | null } | null;
      if (el?.textContent) p.seen.add(el.textContent);
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
    return w.performance.now();
  });
  const started = Date.now();
  await page.getByTestId('data.file').setInputFiles(path);
  const expected = rows.toLocaleString('en-US');
  await page.waitForFunction(
    (text) =>
      (globalThis as unknown as PageScope).document.querySelector('[data-testid="data.rows"]') !== null &&
      ((globalThis as unknown as PageScope).document.querySelector('[data-testid="data.rows"]') as { textContent: string | null })
        .textContent === text,
    expected,
    { polling: 250, timeout: 600_000 },
  );
  const seconds = (Date.now() - started) / 1000;
  await page.waitForTimeout(1000); // tasks right after the table appears (first slices) count too
  clearInterval(sampler);
  const r = await page.evaluate((t0) => {
    const w = globalThis as unknown as PageScope & {
      __benchLong: { start: number; duration: number }[];
      __benchProgress: { seen: Set<string>; stop: boolean };
    };
    w.__benchProgress.stop = true;
    const during = w.__benchLong.filter((t) => t.start >= t0);
    return { longest: during.reduce((m, t) => Math.max(m, t.duration), 0), count: during.length, progress: w.__benchProgress.seen.size };
  }, start);
  const bytes = statSync(path).size;
  return {
    rows,
    bytes,
    seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    longestTaskMs: r.longest,
    longTasks: r.count,
    progressUpdates: r.progress,
    peakExtraRssMb: before !== null && peak !== null ? peak - before : null,
  };
}
