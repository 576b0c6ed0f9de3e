/** bench/quality/summary.md and the trade-off SVGs from a BenchResults (pure string building). */
import { MODEL_LABELS, type ModelKind } from '../../src/core/train/types.ts';
import {
  DEFAULT_SRAM_CELL,
  PRODUCT_IDS,
  RESEARCH_ID,
  sramCellId,
  sweepId,
  type BenchResults,
  type NoiseName,
  type NoiseResult,
  type TaskResult,
  type VariantSummary,
} from './benchmark.ts';
import { marginAbove, overallAt, stat, type CurvePoint, type Stat } from './stats.ts';
import { tradeoffSvg, type Panel, type Series } from './svg.ts';

const pct = (s: Stat) => `${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}`;
const signed = (s: Stat) => `${s.mean >= 0 ? '+' : ''}${(100 * s.mean).toFixed(1)} ± ${(100 * s.std).toFixed(1)}`;
const sgn = (v: number) => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}`;
const NOISE_TITLE: Record<NoiseName, string> = { clean: 'clean SFs', noisy: '30% noisy SFs' };
const label = (id: string) => (id === RESEARCH_ID ? 'learnedWeight (research)' : (MODEL_LABELS as Record<string, string>)[id] ? id : id);
const noisesOf = (task: TaskResult) => Object.entries(task.results) as [NoiseName, NoiseResult][];
const mainIds = (r: NoiseResult) => [...PRODUCT_IDS, ...(r.summary[RESEARCH_ID] ? [RESEARCH_ID] : [])];
const SLICE_AWARE: readonly string[] = ['sram', 'hps', 'moe', 'groupDro', RESEARCH_ID];

/** The reweighted trade-off curve of one task x noise (plain = weight 1, the sweep, the default), by weight. */
export function reweightedCurve(results: BenchResults, r: NoiseResult): (CurvePoint & { id: string; std: { x: number; y: number } })[] {
  const sw = results.config.sweeps.find((s) => s.model === 'reweighted');
  const def = results.config.settings.options.reweighted.weight;
  const points = [
    { id: 'plain', value: 1 },
    { id: 'reweighted', value: def },
    ...(sw ? sw.values.map((v) => ({ id: sweepId(sw, v), value: v })) : []),
  ].filter((p) => r.summary[p.id]);
  return points
    .sort((a, b) => a.value - b.value)
    .map(({ id, value }) => {
      const s = r.summary[id]!;
      const name = id === 'plain' ? 'plain (w=1)' : `w=${value}${id === 'reweighted' ? ' (default)' : ''}`;
      return { id, label: name, overall: s.overall.mean, meanSlice: s.meanSlice.mean, std: { x: s.overall.std, y: s.meanSlice.std } };
    });
}

/**
 * Per seed: model `id`'s overall accuracy minus the reweighted curve's (plain, sweep and default
 * points of the SAME seed) at the same mean-slice accuracy. Seeds where that mean slice is outside
 * the seed's reweighted range are left out (n says how many remain).
 */
export function pairedOverallMargin(results: BenchResults, r: NoiseResult, id: string): Stat {
  const rwIds = reweightedCurve(results, r).map((p) => p.id);
  const margins: number[] = [];
  for (const seed of results.config.seeds) {
    const mine = r.runs.find((x) => x.seed === seed && x.variant === id);
    const curve = r.runs
      .filter((x) => x.seed === seed && rwIds.includes(x.variant))
      .map((x) => ({ label: x.variant, overall: x.overall, meanSlice: x.meanSlice }));
    const at = mine ? overallAt(mine.meanSlice, curve) : null;
    if (mine && at !== null) margins.push(mine.overall - at);
  }
  return stat(margins);
}

const COLOURS: Record<string, string> = {
  reweighted: '#1f77b4',
  sram: '#d62728',
  hps: '#2ca02c',
  moe: '#9467bd',
  groupDro: '#ff7f0e',
  [RESEARCH_ID]: '#8c564b',
};

export function svgFor(results: BenchResults, task: TaskResult): string {
  const panels: Panel[] = noisesOf(task).map(([noise, r]) => {
    const point = (s: VariantSummary, name: string) => ({
      label: name,
      x: s.overall.mean,
      y: s.meanSlice.mean,
      xStd: s.overall.std,
      yStd: s.meanSlice.std,
    });
    const series: Series[] = [
      {
        name: 'reweighted (w = in-slice weight)',
        colour: COLOURS.reweighted!,
        points: reweightedCurve(results, r).map((p) => point(r.summary[p.id]!, p.label)),
      },
    ];
    const sd = task.sramDefaults;
    if (noise === 'clean' && sd) {
      const temps = results.config.sramDefaults!.temperatures;
      const pts = temps
        .map((t) => ({ t, s: sd.summary[sramCellId(t, results.config.settings.options.sram.confidence)] }))
        .filter((p) => p.s && p.s.overall.n > 0)
        .map(({ t, s }) => point(s!, `T=${t}`));
      if (pts.length)
        series.push({
          name: `sram (T = temperature; ${sd.runs.length / (temps.length * results.config.sramDefaults!.confidences.length)} seeds)`,
          colour: COLOURS.sram!,
          points: pts,
        });
    }
    for (const id of SLICE_AWARE) {
      if (!r.summary[id]) continue;
      series.push({ name: `${label(id)} (default)`, colour: COLOURS[id]!, points: [point(r.summary[id]!, id)] });
    }
    return { title: `${task.name}: ${NOISE_TITLE[noise]}`, series };
  });
  return tradeoffSvg(`${task.name}: mean slice vs overall accuracy on test, mean ± std over ${results.config.seeds.length} seeds`, panels);
}

/** One checked target. met: null = not measured. */
export interface TargetCheck {
  target: string;
  where: string;
  measured: string;
  met: boolean | null;
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const drop = results.config.objective.maxOverallDrop;
  for (const task of results.tasks) {
    for (const [noise, r] of noisesOf(task)) {
      const rec = r.recommendation;
      const where = `${task.name}, ${NOISE_TITLE[noise]}`;
      out.push({
        target: 'recommended within 1 point (mean slice) of the best model on test',
        where,
        measured: `gap ${sgn(-rec.gapToBest)} vs ${rec.bestModel} (per-seed oracle ${signed({ ...rec.gapToOracle, mean: -rec.gapToOracle.mean })})`,
        met: rec.gapToBest <= 0.01 + 1e-12,
      });
      out.push({
        target: `recommended never below plain overall by more than ${(100 * drop).toFixed(1)}`,
        where,
        measured: `Δ overall ${signed(rec.deltaOverall)}`,
        met: rec.deltaOverall.mean >= -drop - 1e-12,
      });
      if (task.family === 'features') {
        out.push({
          target: 'feature-defined: recommended beats plain by ≥ 3 overall and ≥ 8 mean slice',
          where,
          measured: `Δ overall ${signed(rec.deltaOverall)}, Δ mean slice ${signed(rec.deltaMeanSlice)}`,
          met: rec.deltaOverall.mean >= 0.03 && rec.deltaMeanSlice.mean >= 0.08,
        });
      }
      if (task.name === 'circles2d') {
        out.push({
          target: 'circles2d: recommended ≥ +5 mean slice at ≥ plain − 0.3 overall',
          where,
          measured: `Δ mean slice ${signed(rec.deltaMeanSlice)}, Δ overall ${signed(rec.deltaOverall)}`,
          met: rec.deltaMeanSlice.mean >= 0.05 && rec.deltaOverall.mean >= -0.003,
        });
        out.push({
          target: 'sram epoch ≤ 2× plain at 8 slices (wasm)',
          where,
          measured: `${r.summary.sram!.epochRatio.mean.toFixed(2)}× (median epoch per run, mean over seeds)`,
          met: r.summary.sram!.epochRatio.mean <= 2,
        });
      }
    }
  }
  const minutes = results.seconds / 60;
  out.push({
    target: 'full run under 75 minutes',
    where: results.config.quick ? '--quick' : 'full run',
    measured: `${minutes.toFixed(1)} min`,
    met: minutes < 75,
  });
  return out;
}

/** Ranking of the SRAM (temperature, confidence) cells: mean over the swept tasks of the paired deltas. */
export function sramDefaultsRanking(
  results: BenchResults,
): { id: string; overall: number; meanSlice: number; perTask: Record<string, { overall: number; meanSlice: number }> }[] {
  const sd = results.config.sramDefaults;
  if (!sd) return [];
  const tasks = results.tasks.filter((t) => t.sramDefaults);
  if (!tasks.length) return [];
  const ids = sd.temperatures.flatMap((t) => sd.confidences.map((c) => sramCellId(t, c)));
  const rows = ids.map((id) => {
    const perTask = Object.fromEntries(
      tasks.map((t) => [
        t.name,
        { overall: t.sramDefaults!.summary[id]!.delta.overall.mean, meanSlice: t.sramDefaults!.summary[id]!.delta.meanSlice.mean },
      ]),
    );
    const vals = Object.values(perTask);
    return {
      id,
      overall: vals.reduce((a, v) => a + v.overall, 0) / vals.length,
      meanSlice: vals.reduce((a, v) => a + v.meanSlice, 0) / vals.length,
      perTask,
    };
  });
  // Highest mean-slice gain among cells that keep the average overall within the objective's drop; else the best sum.
  const drop = results.config.objective.maxOverallDrop;
  const ok = rows.filter((r) => r.overall >= -drop);
  return ok.length
    ? [...ok.sort((a, b) => b.meanSlice - a.meanSlice), ...rows.filter((r) => !ok.includes(r)).sort((a, b) => b.meanSlice - a.meanSlice)]
    : rows.sort((a, b) => b.overall + b.meanSlice - (a.overall + a.meanSlice));
}

function sramDefaultsSection(results: BenchResults): string[] {
  const ranking = sramDefaultsRanking(results);
  if (!ranking.length) return [];
  const sd = results.config.sramDefaults!;
  const tasks = Object.keys(ranking[0]!.perTask);
  const lines = [
    '## SRAM defaults (temperature × confidence)',
    '',
    `Clean SFs, seeds 1-${sd.seeds}; points against plain (same seed), Δ overall / Δ mean slice. The current default is ${DEFAULT_SRAM_CELL}. Ranked by the mean Δ mean slice over the tasks among the cells whose mean Δ overall is ≥ −${(100 * results.config.objective.maxOverallDrop).toFixed(1)} (then the rest).`,
    '',
    `| cell | ${tasks.join(' | ')} | mean over tasks |`,
    `| --- |${tasks.map(() => ' --- |').join('')} --- |`,
  ];
  for (const r of ranking) {
    const cells = tasks.map((t) => `${sgn(r.perTask[t]!.overall)} / ${sgn(r.perTask[t]!.meanSlice)}`);
    lines.push(
      `| ${r.id}${r.id === DEFAULT_SRAM_CELL ? ' (current default)' : ''} | ${cells.join(' | ')} | ${sgn(r.overall)} / ${sgn(r.meanSlice)} |`,
    );
  }
  lines.push('', `Supported default: **${ranking[0]!.id}**.`, '');
  return lines;
}

function recommendationSection(results: BenchResults): string[] {
  const lines = [
    '## The recommendation (chosen on validation rows held out of train; scored on test)',
    '',
    `Objective: ${results.config.objective.target}, overall at most ${(100 * results.config.objective.maxOverallDrop).toFixed(1)} points below plain. "best on test": the product model with the highest mean slice (mean over seeds) among those whose mean overall is within that of plain's. "gap": the pick's mean slice minus the best's (≤ 0; target ≥ −1). "oracle": the same per seed against that seed's best eligible model.`,
    '',
    '| task | SFs | picks (seed 1..n) | pick Δ overall vs plain | pick Δ mean slice vs plain | best on test | gap to best | gap to oracle |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const task of results.tasks) {
    for (const [noise, r] of noisesOf(task)) {
      const rec = r.recommendation;
      lines.push(
        `| ${task.name} | ${NOISE_TITLE[noise]} | ${rec.picks.join(', ')} | ${signed(rec.deltaOverall)} | ${signed(rec.deltaMeanSlice)} | ${rec.bestModel} | ${sgn(-rec.gapToBest)} | ${signed({ ...rec.gapToOracle, mean: -rec.gapToOracle.mean })} |`,
      );
    }
  }
  return [...lines, ''];
}

function costSection(results: BenchResults): string[] {
  const ids = [...PRODUCT_IDS, ...(results.config.research ? [RESEARCH_ID] : [])];
  const lines = [
    '## Cost: parameters and epoch time',
    '',
    "Trainable parameters; epoch time = median epoch (training + validation pass) over plain's in the same seed (the main call trains all product models interleaved by epoch, so they share the machine's load), mean over clean-SF seeds; plain's epoch in seconds.",
    '',
    `| task | ${ids.map(label).join(' | ')} |`,
    `| --- |${ids.map(() => ' --- |').join('')}`,
  ];
  for (const task of results.tasks) {
    const r = task.results.clean ?? Object.values(task.results)[0];
    if (!r) continue;
    const cells = ids.map((id) => {
      const s = r.summary[id];
      if (!s) return '—';
      const time = id === 'plain' ? `${s.epochSeconds.mean.toFixed(2)} s` : `${s.epochRatio.mean.toFixed(2)}×`;
      return `${s.parameters.toLocaleString('en-US')} · ${time}`;
    });
    lines.push(`| ${task.name} (K=${task.slices.length}, d=${task.dim}) | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

function taskSection(results: BenchResults, task: TaskResult): string[] {
  const sh = (v: number) => `${(100 * v).toFixed(1)}%`;
  const lines: string[] = [
    `## ${task.name} (${task.family})`,
    '',
    `${task.description}. ${task.classes} classes, ${task.dim} input dims; rows (seed 1): ${task.rows.train} train, ${task.rows.valid} valid (held out of train), ${task.rows.test} test.`,
    '',
  ];
  for (const [noise, r] of noisesOf(task)) {
    const ids = mainIds(r);
    lines.push(
      `### ${NOISE_TITLE[noise]}`,
      '',
      "Test accuracy in %, mean ± std over seeds; Δ = paired difference from plain (same seed), mean ± std; epoch = median epoch time over plain's.",
      '',
    );
    lines.push(
      '| model | params | overall | mean slice | worst slice | Δ overall | Δ mean slice | Δ worst slice | epoch |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const id of ids) {
      const s = r.summary[id]!;
      lines.push(
        `| ${label(id)} | ${s.parameters.toLocaleString('en-US')} | ${pct(s.overall)} | ${pct(s.meanSlice)} | ${pct(s.worstSlice)} | ${signed(s.delta.overall)} | ${signed(s.delta.meanSlice)} | ${signed(s.delta.worstSlice)} | ${s.epochRatio.mean.toFixed(2)}× |`,
      );
    }
    lines.push('', `Recommended (validation rows): ${r.recommendation.picks.join(', ')}.`, '');
    lines.push('Per slice (test support for seed 1 and share of training rows in brackets):', '');
    lines.push(`| slice | ${ids.map(label).join(' | ')} |`, `| --- |${ids.map(() => ' --- |').join('')}`);
    for (const { name, testSupport, trainShare } of task.slices) {
      lines.push(`| ${name} (${testSupport}; ${sh(trainShare)}) | ${ids.map((id) => pct(r.summary[id]!.slices[name]!)).join(' | ')} |`);
    }
    const curve = reweightedCurve(results, r);
    if (curve.length > 2) {
      lines.push(
        '',
        'Trade-off: the reweighted curve (in-slice weight w), and every other model against it. "slice margin": mean-slice points above (+) or below (−) the curve\'s Pareto frontier (of the seed means) at the same overall accuracy ("−" outside its range). "paired overall margin": per seed, the model\'s overall minus the curve\'s at the same mean slice, over the seeds where that is inside the curve (n); + = better than reweighting.',
        '',
        '| point | overall | mean slice | slice margin | paired overall margin (n) |',
        '| --- | --- | --- | --- | --- |',
      );
      for (const p of curve)
        lines.push(
          `| ${p.id === 'plain' ? p.label : `reweighted ${p.label}`} | ${(100 * p.overall).toFixed(1)} ± ${(100 * p.std.x).toFixed(1)} | ${(100 * p.meanSlice).toFixed(1)} ± ${(100 * p.std.y).toFixed(1)} |  |  |`,
        );
      for (const id of SLICE_AWARE) {
        const s = r.summary[id];
        if (!s) continue;
        const m = marginAbove({ label: id, overall: s.overall.mean, meanSlice: s.meanSlice.mean }, curve);
        const paired = pairedOverallMargin(results, r, id);
        lines.push(
          `| ${label(id)} | ${pct(s.overall)} | ${pct(s.meanSlice)} | ${m === null ? '—' : sgn(m)} | ${paired.n === 0 ? '—' : `${signed(paired)} (${paired.n})`} |`,
        );
      }
    }
    lines.push('');
  }
  lines.push(`Curves: [tradeoff-${task.name}.svg](tradeoff-${task.name}.svg)`, '');
  return lines;
}

export function summaryMarkdown(results: BenchResults): string {
  const c = results.config;
  const o = c.settings.options;
  const head = [
    '# Quality benchmark',
    '',
    `Generated by \`npm run bench:quality\`${c.quick ? ' in --quick mode (tiny data: numbers are meaningless)' : ''} on ${results.createdAt} (backend ${results.backend}, ${(results.seconds / 60).toFixed(1)} min).`,
    `${c.seeds.length} seeds (${c.seeds.join(', ')}); generated tasks: ${c.rows} rows, half test, the other half split 80/20 into train and validation (held out, seeded, stratified); ${c.epochs} epochs, batch ${c.settings.batchSize}, Adam lr ${c.settings.learningRate}, backbone ${c.settings.hiddenSize}-${c.settings.hiddenSize}.`,
    `All six product models are trained in ONE trainModels call per task, noise setting and seed (same data, init and batches) and scored on the test rows against true slice membership; the recommendation is trainModels' own, chosen on the validation rows.`,
    `Model options (the product's defaults): ${JSON.stringify(o)}. ${c.research ? `Research row ${c.research.id}: the former 'slicewise' preset, ${JSON.stringify({ combine: c.research.structure.combine, finalSliceWeight: c.research.structure.finalSliceWeight, weightSource: c.research.structure.weightSource, detachIndicators: c.research.structure.detachIndicators })}, via trainModels' build hook.` : ''}`,
    `Noisy SFs: on the user's rows (train and validation), ${100 * c.noise.noisy}% of each slice's members swapped for random non-members; test rows keep true membership.`,
    ...(results.provenance ? [`Provenance: ${results.provenance}`] : []),
    '',
  ];
  const targets = ['## Targets', '', '| target | where | measured | met |', '| --- | --- | --- | --- |'];
  for (const t of targetChecks(results))
    targets.push(`| ${t.target} | ${t.where} | ${t.measured} | ${t.met === null ? 'n/a' : t.met ? 'yes' : 'no'} |`);
  targets.push('');
  return [
    ...head,
    ...targets,
    ...recommendationSection(results),
    ...sramDefaultsSection(results),
    ...costSection(results),
    ...results.tasks.flatMap((t) => taskSection(results, t)),
  ].join('\n');
}

export type { ModelKind };
