/** The shape of bench/results.json, the targets of issue 6, and the markdown table (bench/results.md). */
import { discoveryMarkdown, type DiscoveryBench } from './discoveryBench.ts';
import type { BigLoadMeasure, LoadMeasure, ResponsivenessMeasure } from './browserBench.ts';
import type { AdapterInfo } from './browser/protocol.ts';
import type { SfMeasure } from './sfBench.ts';
import type { TrainConfig, TrainMeasure } from './trainBench.ts';

/** Snorkel's appliers on the 8-SF mix, measured by the issue author (snorkel is not installed here). */
export const SNORKEL_REFERENCE = {
  pandasSfApplier: 0.13e6,
  sfApplier: 0.37e6,
  handLoopNode: 3.3e6,
  slicedTrainingTorchOneThread: 10_000,
  source: 'measured by the issue author (issue 6) on that 8-SF mix; snorkel is not installed on this machine',
} as const;

export interface BrowserSfResult {
  where: string;
  rows: number;
  sfs: number;
  transferMs: number;
  applyMs: number;
  roundTripMs: number;
  handMs: number;
  applierRate: number;
  roundTripRate: number;
  handRate: number;
  applierShareOfHand: number;
}

export interface BackendTraining {
  where: 'node' | 'chromium';
  backend: string;
  config: TrainConfig;
  plain: TrainMeasure | null;
  sliceAware: TrainMeasure | null;
  /** slice-aware step time / plain step time: the epoch-cost ratio (same data, same batches). */
  sliceAwareOverPlain: number | null;
  note?: string;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean | null; // null: not measured in this run
}

export interface BenchResults {
  meta: {
    date: string;
    short: boolean;
    node: string;
    cpu: string;
    cores: number;
    chromium: string | null;
    gpu: string;
  };
  snorkelReference: typeof SNORKEL_REFERENCE;
  sf: { node: SfMeasure | null; chromium: BrowserSfResult | null };
  training: BackendTraining[];
  large: { config: TrainConfig; runs: BackendTraining[]; webgpuOverWasm: number | null; adapter: AdapterInfo | null } | null;
  responsiveness: ResponsivenessMeasure | null;
  load: LoadMeasure | null;
  bigLoad: BigLoadMeasure | null;
  parse: unknown;
  /** Slice discovery's cost by rows and maxL (discoveryBench.ts). */
  discovery?: DiscoveryBench | null;
  targets: Target[];
  errors: string[];
}

const M = (rate: number) => `${(rate / 1e6).toFixed(2)} M/s`;
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function targets(r: Omit<BenchResults, 'targets'>): Target[] {
  const out: Target[] = [];
  // The app applies SFs in its Web Worker in Chromium: that is the figure the targets judge; the
  // Node worker (the CLI's path) is reported beside it.
  const runs = [
    { label: "the app's SF worker, Chromium", m: r.sf.chromium },
    { label: 'Node worker, the CLI', m: r.sf.node },
  ];
  for (const { label, m } of runs) {
    out.push({
      name: `SF application vs hand loop (${label})`,
      target: '≥ 50%',
      measured: m ? `${(100 * m.applierShareOfHand).toFixed(0)}% (${M(m.applierRate)} vs ${M(m.handRate)})` : 'not run',
      met: m ? m.applierShareOfHand >= 0.5 : null,
    });
    out.push({
      name: `SF application vs Snorkel's SFApplier (${label})`,
      target: '≥ 10× (3.7 M/s)',
      measured: m ? `${(m.applierRate / SNORKEL_REFERENCE.sfApplier).toFixed(1)}× (Snorkel figure from another machine)` : 'not run',
      met: m ? m.applierRate >= 10 * SNORKEL_REFERENCE.sfApplier : null,
    });
  }
  const wasm = r.training.find((t) => t.where === 'node' && t.backend === 'wasm') ?? r.training.find((t) => t.backend === 'wasm');
  out.push({
    name: 'Slice-aware (reference SRAM) training, wasm, reference config',
    target: '≥ 10,000 ex/s',
    measured: wasm?.sliceAware
      ? `${n0(wasm.sliceAware.bestWindowExamplesPerSecond)} ex/s best window, ${n0(wasm.sliceAware.examplesPerSecond)} mean (${wasm.where})`
      : 'not run',
    met: wasm?.sliceAware ? wasm.sliceAware.bestWindowExamplesPerSecond >= 10_000 : null,
  });
  out.push({
    name: 'Slice-aware epoch / plain epoch, wasm',
    target: '≤ 2×',
    measured: wasm?.sliceAwareOverPlain ? `${wasm.sliceAwareOverPlain.toFixed(2)}× (${wasm.where})` : 'not run',
    met: wasm?.sliceAwareOverPlain ? wasm.sliceAwareOverPlain <= 2 : null,
  });
  out.push({
    name: 'Longest main-thread task while training',
    target: '≤ 50 ms',
    measured: r.responsiveness ? `${r.responsiveness.longestTaskMs.toFixed(0)} ms (${r.responsiveness.longTasks} long tasks)` : 'not run',
    met: r.responsiveness ? r.responsiveness.longestTaskMs <= 50 : null,
  });
  out.push({
    name: 'First-paint JavaScript (gzip)',
    target: '≤ 300 KB, Monaco and tfjs lazy',
    measured: r.load
      ? `${kb(r.load.firstPaintJsGzipBytes)}; Monaco ${r.load.monacoInFirstPaint ? 'eager' : 'lazy'}, tfjs ${r.load.tfjsInFirstPaint ? 'eager' : 'lazy'}`
      : 'not run',
    met: r.load ? r.load.firstPaintJsGzipBytes <= 300 * 1024 && !r.load.monacoInFirstPaint && !r.load.tfjsInFirstPaint : null,
  });
  const big = r.bigLoad;
  out.push({
    name: `Longest main-thread task while the app loads a ${big ? n0(big.rows) : '1M'}-row CSV`,
    target: '≤ 100 ms',
    measured: big
      ? `${big.longestTaskMs.toFixed(0)} ms (${big.longTasks} long tasks; ${big.seconds.toFixed(1)} s, ${big.mbPerSecond.toFixed(1)} MB/s in the app)`
      : 'not run',
    met: big ? big.longestTaskMs <= 100 : null,
  });
  const parsed =
    (
      r.parse as {
        bytes?: number;
        results?: { parser: string; ok: boolean; mbPerSecond?: number; cpuSeconds?: number; peakOverFile?: number }[];
      } | null
    )?.results ?? [];
  const ours = parsed.find((p) => p.parser === 'slicewise loadTable' && p.ok);
  const pandas = parsed.find((p) => p.parser === 'pandas.read_csv' && p.ok);
  out.push({
    name: 'CSV parse speed vs pandas.read_csv (same file, same run)',
    target: '≥ 50%',
    measured:
      ours?.mbPerSecond && pandas?.mbPerSecond
        ? `${((100 * ours.mbPerSecond) / pandas.mbPerSecond).toFixed(0)}% (${ours.mbPerSecond} vs ${pandas.mbPerSecond} MB/s wall)`
        : 'not run',
    met: ours?.mbPerSecond && pandas?.mbPerSecond ? ours.mbPerSecond >= 0.5 * pandas.mbPerSecond : null,
  });
  out.push({
    name: 'CSV parse peak memory / file size',
    target: '< 3×',
    measured: ours?.peakOverFile ? `${ours.peakOverFile.toFixed(2)}×` : 'not run',
    met: ours?.peakOverFile ? ours.peakOverFile < 3 : null,
  });
  const large = r.large;
  out.push({
    name: 'WebGPU / wasm at hidden 512, 32 slices, batch 1024',
    target: '≥ 10× on a real GPU',
    measured: large?.webgpuOverWasm
      ? `${large.webgpuOverWasm.toFixed(2)}× — ${large.adapter?.isFallbackAdapter ? 'SwiftShader fallback adapter: NO real GPU here' : `adapter ${large.adapter?.vendor ?? '?'}`}`
      : 'not run',
    met: large?.webgpuOverWasm ? (large.adapter?.isFallbackAdapter ? null : large.webgpuOverWasm >= 10) : null,
  });
  return out;
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(
    `Measured ${r.meta.date} on ${r.meta.cores} × ${r.meta.cpu}, Node ${r.meta.node}, ${r.meta.chromium ?? 'no Chromium'}${r.meta.short ? ' — SHORT MODE (tiny sizes: not figures to quote)' : ''}.`,
  );
  lines.push(`GPU: ${r.meta.gpu}.`, '');
  lines.push('### Targets', '', row(['what', 'target', 'measured', 'met']), row(['---', '---', '---', '---']));
  for (const t of r.targets) lines.push(row([t.name, t.target, t.measured, t.met === null ? '—' : t.met ? 'yes' : '**no**']));
  lines.push('', '### SF application (8 SFs: word count, keyword list, 2 regexes, 4 numeric thresholds)', '');
  lines.push(
    row(['where', 'rows', 'data into worker (once)', 'applier', 'hand loop (ceiling)', 'applier / hand']),
    row(['---', '---', '---', '---', '---', '---']),
  );
  const sfs = [r.sf.node, r.sf.chromium].filter((s) => s !== null);
  for (const s of sfs)
    lines.push(
      row([s.where, n0(s.rows), `${n0(s.transferMs)} ms`, M(s.applierRate), M(s.handRate), `${(100 * s.applierShareOfHand).toFixed(0)}%`]),
    );
  const ref = r.snorkelReference;
  lines.push(row(["Snorkel PandasSFApplier (issue author's figure)", '', '', M(ref.pandasSfApplier), '', '']));
  lines.push(row(["Snorkel SFApplier (issue author's figure)", '', '', M(ref.sfApplier), M(ref.handLoopNode) + ' (their Node loop)', '']));
  if (r.sf.node)
    lines.push(
      '',
      `Applier time per SF (ms, Node): ${Object.entries(r.sf.node.perSfMs)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}.`,
    );
  lines.push('', '### Training throughput (examples/s, steady state; 64 features, hidden 64, 8 slices + base, batch 256)', '');
  lines.push(
    'Best window of consecutive steps (mean over all timed steps in brackets); warm-up excluded. The ratio uses the best windows.',
    '',
  );
  lines.push(
    row(['where', 'backend', 'plain', 'slice-aware (reference SRAM)', 'slice-aware / plain (epoch cost)']),
    row(['---', '---', '---', '---', '---']),
  );
  const cell = (m: TrainMeasure | null) => (m ? `${n0(m.bestWindowExamplesPerSecond)} (mean ${n0(m.examplesPerSecond)})` : '—');
  for (const t of r.training)
    lines.push(
      row([
        t.where,
        t.backend + (t.note ? ` (${t.note})` : ''),
        cell(t.plain),
        cell(t.sliceAware),
        t.sliceAwareOverPlain ? `${t.sliceAwareOverPlain.toFixed(2)}×` : '—',
      ]),
    );
  if (r.large) {
    lines.push(
      '',
      `### Larger configuration (hidden ${r.large.config.hidden}, ${r.large.config.slices} slices, batch ${r.large.config.batch}), Chromium`,
      '',
    );
    lines.push(row(['backend', 'plain', 'slice-aware']), row(['---', '---', '---']));
    for (const t of r.large.runs) lines.push(row([t.backend + (t.note ? ` (${t.note})` : ''), cell(t.plain), cell(t.sliceAware)]));
    const a = r.large.adapter;
    lines.push(
      '',
      `WebGPU adapter: ${a ? `${a.vendor || '?'} / ${a.architecture || '?'} / ${a.device || '?'} ${a.description}${a.isFallbackAdapter ? ' — isFallbackAdapter: a CPU emulation (SwiftShader); this machine has no real GPU' : ''}` : 'none'}.`,
    );
  }
  if (r.responsiveness) {
    const s = r.responsiveness;
    lines.push('', '### Responsiveness (the built app training its example project, Chromium)', '');
    lines.push(
      row(['epochs', 'seconds', 'longest main-thread task', 'long tasks', 'chart updates/s', 'frames/s']),
      row(['---', '---', '---', '---', '---', '---']),
    );
    lines.push(
      row([
        s.epochs,
        s.trainingSeconds.toFixed(1),
        `${s.longestTaskMs.toFixed(0)} ms`,
        s.longTasks,
        s.chartUpdatesPerSecond.toFixed(1),
        s.framesPerSecond.toFixed(0),
      ]),
    );
  }
  if (r.load) {
    const l = r.load;
    lines.push('', '### Load (the built app, Chromium, served locally)', '');
    lines.push(
      row(['first contentful paint', 'interactive', 'first-paint JS (gzip)', 'JS by interactive (gzip)', 'files before first paint']),
      row(['---', '---', '---', '---', '---']),
    );
    lines.push(
      row([
        `${n0(l.firstContentfulPaintMs)} ms`,
        `${n0(l.interactiveMs)} ms`,
        kb(l.firstPaintJsGzipBytes),
        kb(l.interactiveJsGzipBytes),
        l.firstPaintJs.map((f) => `${f.file} ${kb(f.gzipBytes)}`).join(', '),
      ]),
    );
  }
  if (r.bigLoad) {
    const b = r.bigLoad;
    lines.push(
      '',
      `### The app loads a big CSV (${n0(b.rows)} rows × 20 columns, ${(b.bytes / 1e6).toFixed(0)} MB; bench/perf/bigCsv.ts)`,
      '',
    );
    lines.push(
      row([
        'seconds to rows on screen',
        'MB/s',
        'longest main-thread task',
        'long tasks',
        'progress updates',
        'browser memory at peak (extra)',
      ]),
      row(['---', '---', '---', '---', '---', '---']),
    );
    lines.push(
      row([
        b.seconds.toFixed(1),
        b.mbPerSecond.toFixed(1),
        `${b.longestTaskMs.toFixed(0)} ms`,
        b.longTasks,
        b.progressUpdates,
        b.peakExtraRssMb === null ? '—' : `${n0(b.peakExtraRssMb)} MB`,
      ]),
    );
  }
  const parse = r.parse as {
    rows?: number;
    bytes?: number;
    results?: {
      parser: string;
      ok: boolean;
      seconds?: number;
      mbPerSecond?: number;
      rowsPerSecond?: number;
      peakRssMb?: number;
      note?: string;
    }[];
  } | null;
  if (parse?.results) {
    lines.push('', `### CSV parse (${n0(parse.rows ?? 0)} rows, ${((parse.bytes ?? 0) / 1e6).toFixed(0)} MB; bench/perf/parse.ts)`, '');
    lines.push(row(['parser', 'seconds', 'MB/s', 'rows/s', 'peak RSS']), row(['---', '---', '---', '---', '---']));
    for (const p of parse.results)
      lines.push(
        row([
          p.parser,
          p.ok ? String(p.seconds) : `— ${p.note ?? ''}`,
          p.mbPerSecond ?? '—',
          p.rowsPerSecond ? n0(p.rowsPerSecond) : '—',
          p.peakRssMb ? `${p.peakRssMb} MB` : '—',
        ]),
      );
  }
  if (r.discovery) lines.push('', discoveryMarkdown(r.discovery));
  if (r.errors.length) lines.push('', '### Errors', '', ...r.errors.map((e) => `- ${e}`));
  return lines.join('\n') + '\n';
}
