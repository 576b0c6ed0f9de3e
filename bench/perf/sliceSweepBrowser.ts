/**
 * Cost against the number of slices (issue 13), browser part: the BUILT app opens its example project
 * (circles2d, 20,000 rows), gets K grid-cell SFs (gridSfs.ts) through its store (setSfSource + apply:
 * the SF worker, as typing would), trains the default models for a few epochs, and is watched:
 * - the longest main-thread task while training (PerformanceObserver 'longtask': >= 50 ms, 0 = none)
 *   and how many there were, Train being clicked once the page has settled (waitForSettledPage);
 * - the browser's memory: resident memory of all Chromium processes (Linux /proc) before the SFs and
 *   after training, and the page's JS heap (performance.memory) after training;
 * - the page's size at the end (scrollWidth x scrollHeight) at the context's viewport.
 */
import type { Page } from 'playwright';
import { chromiumRssMb, definePageHelpers, recordLongTasks, waitForSettledPage } from './browserBench.ts';
import { gridSfSource } from './gridSfs.ts';

export interface ManySlicesMeasure {
  slices: number;
  epochs: number;
  applySeconds: number;
  trainingSeconds: number;
  longestTaskMs: number;
  longTasks: number;
  /** All Chromium processes' resident memory (MB) before the SFs were applied, and after training. */
  rssBeforeMb: number | null;
  rssAfterMb: number | null;
  /** The page's used JS heap after training (MB; Chromium's performance.memory). */
  pageHeapMb: number | null;
  pageWidth: number;
  pageHeight: number;
}

interface Scope {
  slicewise: {
    store: {
      getState(): {
        setSfSource(source: string): void;
        applySfs(): Promise<boolean>;
        setSettings(patch: { epochs: number }): void;
        slices: unknown[];
        sfErrors: unknown[];
        applying: boolean;
        sfSource: string;
        appliedSource: string | null;
      };
    };
  };
  document: {
    scrollingElement: { scrollWidth: number; scrollHeight: number } | null;
    querySelector(s: string): { textContent: string | null } | null;
  };
  performance: { now(): number; memory?: { usedJSHeapSize: number } };
  __benchLong: { start: number; duration: number }[];
  __benchT0: number;
}

/** One run of the app with `slices` grid SFs and `epochs` epochs of the default models. */
export async function appManySlices(page: Page, baseURL: string, slices: number, epochs: number): Promise<ManySlicesMeasure> {
  await definePageHelpers(page);
  await recordLongTasks(page);
  await page.goto(baseURL + '/');
  await page.getByTestId('slices.table').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => 'slicewise' in globalThis);
  const rssBeforeMb = chromiumRssMb();
  const t0 = Date.now();
  await page.evaluate(async (source) => {
    const store = (globalThis as unknown as Scope).slicewise.store;
    store.getState().setSfSource(source);
    // The editor also applies a changed source after a pause; whichever apply runs last counts.
    await store.getState().applySfs();
  }, gridSfSource(slices));
  await page.waitForFunction(
    (n) => {
      const s = (globalThis as unknown as Scope).slicewise.store.getState();
      return !s.applying && s.appliedSource === s.sfSource && s.slices.length === n && s.sfErrors.length === 0;
    },
    slices,
    { polling: 250, timeout: 120_000 },
  );
  const applySeconds = (Date.now() - t0) / 1000;
  await waitForSettledPage(page);
  await page.evaluate((n) => {
    const w = globalThis as unknown as Scope;
    w.slicewise.store.getState().setSettings({ epochs: n });
    w.__benchT0 = w.performance.now();
  }, epochs);
  const t1 = Date.now();
  await page.getByTestId('train.start').click();
  // Poll rarely: Playwright's locator waits poll every animation frame, on the thread being measured.
  await page.waitForFunction(
    () => /Finished/.test((globalThis as unknown as Scope).document.querySelector('[data-testid="train.status"]')?.textContent ?? ''),
    null,
    { polling: 500, timeout: 900_000 },
  );
  const trainingSeconds = (Date.now() - t1) / 1000;
  const r = await page.evaluate(() => {
    const w = globalThis as unknown as Scope;
    const during = w.__benchLong.filter((t) => t.start >= w.__benchT0);
    const el = w.document.scrollingElement;
    return {
      longest: during.reduce((m, t) => Math.max(m, t.duration), 0),
      count: during.length,
      heap: w.performance.memory ? w.performance.memory.usedJSHeapSize / 2 ** 20 : null,
      width: el?.scrollWidth ?? 0,
      height: el?.scrollHeight ?? 0,
    };
  });
  return {
    slices,
    epochs,
    applySeconds,
    trainingSeconds,
    longestTaskMs: r.longest,
    longTasks: r.count,
    rssBeforeMb,
    rssAfterMb: chromiumRssMb(),
    pageHeapMb: r.heap,
    pageWidth: r.width,
    pageHeight: r.height,
  };
}

const mb = (x: number | null) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));

export function manySlicesMarkdown(rows: readonly ManySlicesMeasure[]): string {
  const lines = [
    '| slices | epochs | apply SFs (s) | training (s) | longest main-thread task | long tasks | Chromium RSS before → after (MB) | page JS heap (MB) | page size (px) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.slices} | ${r.epochs} | ${r.applySeconds.toFixed(1)} | ${r.trainingSeconds.toFixed(1)} | ${Math.round(r.longestTaskMs)} ms | ${r.longTasks} | ${mb(r.rssBeforeMb)} → ${mb(r.rssAfterMb)} | ${mb(r.pageHeapMb)} | ${r.pageWidth} × ${r.pageHeight} |`,
    );
  }
  return lines.join('\n') + '\n';
}
