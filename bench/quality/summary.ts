/** bench/quality/summary.md and the trade-off SVGs from a BenchResults (pure string building). */
import { MAIN_IDS, REFERENCE_ID, type BenchResults, type NoiseName, type TaskResult } from './benchmark.ts';
import { SRAM_PRESETS } from '../../src/core/train/types.ts';
import { marginAbove, overallAt, stat, type CurvePoint, type Stat } from './stats.ts';
import { tradeoffSvg, type Panel } from './svg.ts';

const pct = (s: Stat) => `${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}`;
const signed = (s: Stat) => `${s.mean >= 0 ? '+' : ''}${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}`;
const LABELS: Record<string, string> = {
  plain: 'plain',
  reweighted: 'reweighted (default)',
  sliceAware: 'sliceAware (default)',
  [REFERENCE_ID]: 'sliceAware, reference SRAM',
};
const NOISE_TITLE: Record<NoiseName, string> = { clean: 'clean SFs', noisy: '30% noisy SFs (train)' };

/**
 * The trade-off curves of one task x noise, by knob value: plain (weight 1), each method's sweep
 * points and its default (main) row.
 */
export function curves(
  results: BenchResults,
  task: TaskResult,
  noise: NoiseName,
): { reweighted: CurvePoint[]; sliceAware: CurvePoint[]; std: Record<string, { x: number; y: number }>; ids: Record<string, string> } {
  const summary = task.results[noise]!.summary;
  const std: Record<string, { x: number; y: number }> = {};
  const ids: Record<string, string> = {};
  const point = (id: string, label: string): CurvePoint => {
    const s = summary[id]!;
    std[label] = { x: s.overall.std, y: s.meanSlice.std };
    ids[label] = id;
    return { label, overall: s.overall.mean, meanSlice: s.meanSlice.mean };
  };
  const d = results.config.defaults;
  const knob = results.config.sweeps?.sliceAware.knob;
  const defaultValue = (model: string) =>
    model === 'reweighted' ? d.sliceWeight : knob ? (d.sramOptions[knob] ?? SRAM_PRESETS[d.sram][knob]) : NaN;
  const sweepOf = (model: string) =>
    [
      ...results.variants.filter((v) => v.sweep && v.model === model).map((v) => ({ id: v.id, value: v.sweep!.value })),
      { id: model, value: defaultValue(model) },
    ]
      .sort((a, b) => a.value - b.value)
      .map((v) => point(v.id, `${model === 'reweighted' ? 'w' : 'k'}=${v.value}${v.id === model ? ' (default)' : ''}`));
  const plain = point('plain', 'plain');
  return { reweighted: [plain, ...sweepOf('reweighted')], sliceAware: [plain, ...sweepOf('sliceAware')], std, ids };
}

export function svgFor(results: BenchResults, task: TaskResult): string {
  const knob = results.config.sweeps?.sliceAware.knob ?? '';
  const panels: Panel[] = Object.keys(task.results).map((noise) => {
    const c = curves(results, task, noise as NoiseName);
    const toSeries = (pts: CurvePoint[]) =>
      pts.map((p) => ({ label: p.label, x: p.overall, y: p.meanSlice, xStd: c.std[p.label]!.x, yStd: c.std[p.label]!.y }));
    return {
      title: `${task.name}: ${NOISE_TITLE[noise as NoiseName]}`,
      series: [
        { name: 'reweighted (w = in-slice weight)', colour: '#1f77b4', points: toSeries(c.reweighted) },
        { name: `sliceAware (k = ${knob})`, colour: '#d62728', points: toSeries(c.sliceAware) },
      ],
    };
  });
  return tradeoffSvg(`${task.name}: mean slice vs overall accuracy, mean ± std over ${results.config.seeds.length} seeds`, panels);
}

/**
 * Per seed: sliceAware point `id`'s overall accuracy minus the reweighted curve's (plain, sweep and
 * default points of the SAME seed) at the same mean-slice accuracy. Seeds where that mean slice is
 * outside the seed's reweighted range are left out (n says how many remain).
 */
export function pairedOverallMargin(results: BenchResults, task: TaskResult, noise: NoiseName, id: string): Stat {
  const runs = task.results[noise]!.runs;
  const rwIds = ['plain', 'reweighted', ...results.variants.filter((v) => v.sweep && v.model === 'reweighted').map((v) => v.id)];
  const margins: number[] = [];
  for (const seed of results.config.seeds) {
    const mine = runs.find((r) => r.seed === seed && r.variant === id);
    const curve = runs.filter((r) => r.seed === seed && rwIds.includes(r.variant)).map((r) => ({ label: r.variant, overall: r.overall, meanSlice: r.meanSlice }));
    const at = mine ? overallAt(mine.meanSlice, curve) : null;
    if (mine && at !== null) margins.push(mine.overall - at);
  }
  return stat(margins);
}

function taskSection(results: BenchResults, task: TaskResult): string[] {
  const lines: string[] = [`## ${task.name}`, '', `${task.description}. ${task.classes} classes, ${task.testRows} test rows.`, ''];
  for (const [noise, r] of Object.entries(task.results) as [NoiseName, NonNullable<TaskResult['results'][NoiseName]>][]) {
    const ids = [...MAIN_IDS, ...(r.summary[REFERENCE_ID] ? [REFERENCE_ID] : [])];
    lines.push(`### ${NOISE_TITLE[noise]}`, '', 'Accuracy in %, mean ± std over seeds; Δ = paired difference from plain (same seed), mean ± std.', '');
    lines.push('| model | overall | mean slice | worst slice | Δ overall | Δ mean slice | Δ worst slice | s / run |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const id of ids) {
      const s = r.summary[id]!;
      lines.push(`| ${LABELS[id]} | ${pct(s.overall)} | ${pct(s.meanSlice)} | ${pct(s.worstSlice)} | ${signed(s.delta.overall)} | ${signed(s.delta.meanSlice)} | ${signed(s.delta.worstSlice)} | ${s.seconds.mean.toFixed(1)} |`);
    }
    lines.push('', `Per slice (test support for seed 1 in brackets):`, '');
    lines.push(`| slice | ${ids.map((id) => LABELS[id]).join(' | ')} |`, `| --- |${ids.map(() => ' --- |').join('')}`);
    for (const { name, testSupport } of task.slices) {
      lines.push(`| ${name} (${testSupport}) | ${ids.map((id) => pct(r.summary[id]!.slices[name]!)).join(' | ')} |`);
    }
    if (results.config.sweeps) {
      const c = curves(results, task, noise);
      lines.push(
        '',
        `Trade-off sweeps (reweighted: in-slice weight w; sliceAware: ${results.config.sweeps.sliceAware.knob} k), mean ± std over seeds.`,
        '"slice margin": mean-slice points above (+) or below (-) the reweighted curve\'s Pareto frontier (of the seed means) at the same overall accuracy; fragile where overall accuracies differ by less than their noise ("-" = outside the curve\'s range).',
        '"paired overall margin": per seed, the point\'s overall accuracy minus the reweighted curve\'s at the same mean-slice accuracy, mean ± std over the seeds where that is inside the curve (n); + = better than reweighting.',
        '',
      );
      lines.push('| point | overall | mean slice | slice margin | paired overall margin (n) |', '| --- | --- | --- | --- | --- |');
      for (const [model, pts] of [['reweighted', c.reweighted], ['sliceAware', c.sliceAware]] as const) {
        for (const p of pts.slice(1)) {
          const m = model === 'sliceAware' ? marginAbove(p, c.reweighted) : null;
          const vs = model === 'sliceAware' ? (m === null ? '-' : `${m >= 0 ? '+' : ''}${(100 * m).toFixed(1)}`) : '';
          const paired = model === 'sliceAware' ? pairedOverallMargin(results, task, noise, c.ids[p.label]!) : null;
          const pm = paired ? (paired.n === 0 ? '-' : `${signed(paired)} (${paired.n})`) : '';
          const sd = c.std[p.label]!;
          lines.push(`| ${model} ${p.label} | ${(100 * p.overall).toFixed(1)} ± ${(100 * sd.x).toFixed(1)} | ${(100 * p.meanSlice).toFixed(1)} ± ${(100 * sd.y).toFixed(1)} | ${vs} | ${pm} |`);
        }
      }
    }
    lines.push('');
  }
  if (results.config.sweeps) lines.push(`Curves: [tradeoff-${task.name}.svg](tradeoff-${task.name}.svg)`, '');
  return lines;
}

/** Target of issue 3 on circles2d: default slice-aware training >= +5 mean slice, overall >= plain - 0.3. */
export function targetLines(results: BenchResults): string[] {
  const task = results.tasks.find((t) => t.name === 'circles2d');
  if (!task) return [];
  const lines = ['## Targets (circles2d)', '', '| noise | model | Δ mean slice (≥ +5) | Δ overall (≥ -0.3) | met |', '| --- | --- | --- | --- | --- |'];
  for (const [noise, r] of Object.entries(task.results) as [NoiseName, NonNullable<TaskResult['results'][NoiseName]>][]) {
    for (const id of ['reweighted', 'sliceAware']) {
      const d = r.summary[id]!.delta;
      const met = d.meanSlice.mean >= 0.05 && d.overall.mean >= -0.003;
      lines.push(`| ${NOISE_TITLE[noise]} | ${LABELS[id]} | ${signed(d.meanSlice)} | ${signed(d.overall)} | ${met ? 'yes' : 'no'} |`);
    }
  }
  return [...lines, ''];
}

export function summaryMarkdown(results: BenchResults): string {
  const c = results.config;
  const head = [
    '# Quality benchmark',
    '',
    `Generated by \`npm run bench:quality\`${c.quick ? ' in --quick mode (tiny data: numbers are meaningless)' : ''} on ${results.createdAt} (backend ${results.backend}, ${(results.seconds / 60).toFixed(1)} min).`,
    `${c.seeds.length} seeds (${c.seeds.join(', ')}); ${c.rows} rows (half train, half test); ${c.epochs} epochs, batch ${c.settings.batchSize}, Adam lr ${c.settings.learningRate}, backbone ${c.settings.hiddenSize}-${c.settings.hiddenSize}.`,
    `Defaults: reweighted w = ${c.defaults.sliceWeight}; sliceAware preset '${c.defaults.sram}' = ${JSON.stringify({ ...SRAM_PRESETS[c.defaults.sram], ...c.defaults.sramOptions })}. Noisy SFs: on train rows, ${100 * c.noise.noisy}% of each slice's members swapped for random non-members; scoring always uses true membership.`,
    '',
  ];
  return [...head, ...targetLines(results), ...results.tasks.flatMap((t) => taskSection(results, t))].join('\n');
}
