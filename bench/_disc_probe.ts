import { generateCircles2d, inCircles } from '../src/core/data/circles2d.ts';
import { prepareTrainData } from '../src/core/prepare.ts';
import { trainModels } from '../src/core/train/train.ts';
import { DEFAULT_SETTINGS } from '../src/core/train/types.ts';
import { sliceRows, discoverSlices, errorsFromPredictions, validRows } from '../src/core/discovery/index.ts';
import { initNodeBackend } from '../src/core/tfNode.ts';
import { predictRows } from '../src/core/train/predictRows.ts';
const { table } = generateCircles2d({ seed: 7 });
const features = table.columns.map((c) => c.name).filter((n) => /^f\d+$/.test(n));
await initNodeBackend('wasm');
const prepared = prepareTrainData(table, { label: 'label', features, splitColumn: 'split', seed: 1 }, []);
const t0 = Date.now();
const epochs = Number(process.argv[2] ?? 5);
const res = await trainModels(prepared.data, { ...DEFAULT_SETTINGS, models: ['plain'], epochs }, { onEvent() {}, shouldStop: () => false });
console.log('train s', (Date.now() - t0) / 1000, res.final.plain?.overall.accuracy);
const predicted = predictRows(res.models, prepared.data).plain!;
const rows = validRows(table, { label: 'label', splitColumn: 'split', seed: 1 });
const errors = errorsFromPredictions(table, 'label', rows, predicted, prepared.data.classes);
const z0 = (table.columns[0] as { values: Float64Array }).values, z1 = (table.columns[1] as { values: Float64Array }).values;
let inC = 0, errIn = 0; rows.forEach((r, k) => { if (inCircles(z0[r]!, z1[r]!).length) { inC++; errIn += errors[k]!; } });
console.log('valid', rows.length, 'err', errors.reduce((a, b) => a + b, 0), 'in circles', inC, 'errors in circles', errIn);
for (const maxPredicates of [1, 2, 3]) for (const alpha of [0.95]) for (const bins of [8]) {
  const cols = table.columns.map((c) => c.name).filter((n) => n !== 'label' && n !== 'split');
  const r = discoverSlices({ table, rows, errors, columns: cols, options: { maxPredicates, alpha, bins } });
  console.log(`maxL ${maxPredicates} alpha ${alpha} bins ${bins}: ${r.millis} ms, evaluated ${r.evaluatedPerLevel}`);
  for (const s of r.slices) {
    const sr = sliceRows(table, rows, s.predicates); let m = 0; for (const r of sr) if (inCircles(z0[r]!, z1[r]!).length) m++;
    process.stdout.write(`  in circles ${(100 * m / sr.length).toFixed(0)}%`);
    console.log(`  ${s.score.toFixed(2)} ${s.size} ${(s.error * 100).toFixed(0)}% ${s.description}`);
  }
}
