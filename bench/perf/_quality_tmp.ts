import { generateCircles2d, circleMasks, CIRCLE_NAMES } from '../../src/core/data/circles2d.ts';
import { prepareTrainData } from '../../src/core/prepare.ts';
import { initNodeBackend } from '../../src/core/tfNode.ts';
import { trainModels } from '../../src/core/train/train.ts';
import { DEFAULT_SETTINGS } from '../../src/core/train/types.ts';
import { gridSfSource } from './gridSfs.ts';
import { compileSfs, loadSfs } from '../../src/core/slicing/compile.ts';
import { applySfs } from '../../src/core/slicing/apply.ts';
await initNodeBackend('wasm');
const grid = process.argv[2] === 'grid';
const ranks = (process.argv[3] ?? '0,4,8,16').split(',').map(Number);
const out: string[] = [];
for (const seed of [1, 2, 3]) {
  const { table } = generateCircles2d({ rows: 20000, seed: 10 + seed });
  const features = table.columns.filter((c) => /^f\d+$/.test(c.name)).map((c) => c.name);
  let slices: { name: string; mask: Uint8Array }[];
  if (grid) { const l = loadSfs(compileSfs(gridSfSource(32)) as any) as any; slices = (applySfs(table, l.sfs) as any).slices.map((s: any) => ({ name: s.name, mask: s.mask })); }
  else slices = circleMasks(table).map((mask, i) => ({ name: CIRCLE_NAMES[i]!, mask }));
  const { data } = prepareTrainData(table, { label: 'label', features, splitColumn: 'split', seed: 1 }, slices);
  for (const rank of ranks) {
    const settings = { ...DEFAULT_SETTINGS, seed, epochs: 20, models: ['plain' as const, 'sram' as const], options: { ...DEFAULT_SETTINGS.options, sram: { ...DEFAULT_SETTINGS.options.sram, expertRank: rank } } };
    const t0 = performance.now();
    const r = await trainModels(data, settings, { onEvent: () => {}, shouldStop: () => false });
    Object.values(r.models).forEach((m) => m!.dispose());
    const mean = (k: 'plain' | 'sram') => { const v = Object.values(r.final[k]!.slices).filter((m) => m.support > 0).map((m) => m.accuracy); return v.reduce((a, b) => a + b, 0) / v.length; };
    const line = `seed ${seed} rank ${rank}: overall plain ${r.final.plain!.overall.accuracy.toFixed(4)} sram ${r.final.sram!.overall.accuracy.toFixed(4)}; mean slice plain ${mean('plain').toFixed(4)} sram ${mean('sram').toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`;
    console.log(line); out.push(line);
  }
}
