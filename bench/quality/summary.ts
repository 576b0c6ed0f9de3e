/** bench/quality/summary.md and the trade-off SVGs from a BenchResults (pure string building). */
import { MAIN_IDS, REFERENCE_ID, type BenchResults, type NoiseName, type TaskResult } from './benchmark.ts';
import { marginAbove, type CurvePoint, type Stat } from './stats.ts';
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

/** The trade-off curves of one task x noise: plain, then each method's sweep points, by knob value. */
export function curves(results: BenchResults, task: TaskResult, noise: NoiseName): { reweighted: CurvePoint[]; sliceAware: CurvePoint[]; std: Record<string, { x: number; y: number }> } {
  const summary = task.results[noise]!.summary;
  const std: Record<string, { x: number; y: number }> = {};
  const point = (id: string, label: string): CurvePoint => {
    const s = summary[id]!;
    std[label] = { x: s.overall.std, y: s.meanSlice.std };
    return { label, overall: s.overall.mean, meanSlice: s.meanSlice.mean };
  };
  const sweepOf = (model: string) =>
    results.variants
      .filter((v) => v.sweep && v.model === model)
      .sort((a, b) => a.sweep!.value - b.sweep!.value)
      .map((v) => point(v.id, `${model === 'reweighted' ? 'w' : 'k'}=${v.sweep!.value}`));
  const plain = point('plain', 'plain');
  return { reweighted: [plain, ...sweepOf('reweighted')], sliceAware: [plain, ...sweepOf('sliceAware')], std };
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
      lines.push('', `Trade-off sweeps (reweighted: in-slice weight w; sliceAware: ${results.config.sweeps.sliceAware.knob} k). "vs reweighted curve": mean-slice points above (+) or below (-) the reweighted curve's Pareto frontier at the same overall accuracy (linear between its points; "-" = outside its range).`, '');
      lines.push('| point | overall | mean slice | worst slice | vs reweighted curve |', '| --- | --- | --- | --- | --- |');
      const sweepIds = results.variants.filter((v) => v.sweep).map((v) => v.id);
      for (const id of sweepIds) {
        const s = r.summary[id]!;
        const v = results.variants.find((x) => x.id === id)!;
        const label = `${v.model === 'reweighted' ? 'w' : 'k'}=${v.sweep!.value}`;
        const p = [...c.sliceAware].find((q) => q.label === label && v.model === 'sliceAware');
        const m = p ? marginAbove(p, c.reweighted) : null;
        const vs = v.model === 'sliceAware' ? (m === null ? '-' : `${m >= 0 ? '+' : ''}${(100 * m).toFixed(1)}`) : '';
        lines.push(`| ${v.model} ${label} | ${pct(s.overall)} | ${pct(s.meanSlice)} | ${pct(s.worstSlice)} | ${vs} |`);
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
    `Defaults: reweighted w = ${c.defaults.sliceWeight}; sliceAware preset '${c.defaults.sram}' ${JSON.stringify(c.defaults.sramOptions)}. Noisy SFs: on train rows, ${100 * c.noise.noisy}% of each slice's members swapped for random non-members; scoring always uses true membership.`,
    '',
  ];
  return [...head, ...targetLines(results), ...results.tasks.flatMap((t) => taskSection(results, t))].join('\n');
}
