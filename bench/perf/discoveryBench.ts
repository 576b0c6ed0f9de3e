/**
 * Slice discovery's cost (src/core/discovery) by rows searched and by maxL, in Node: the big
 * benchmark CSV (bigCsv.ts: 1M rows, 19 columns besides the label: 6 decimals, 4 integers, 4
 * categories up to 200 levels, 2 texts, a boolean, a date; missing values in several), read once;
 * errors planted where plan = the first level and x1 >= 0, plus 5% noise everywhere (seeded).
 * Each figure is the whole discoverSlices call: binning and tokenising the columns, SliceLine, the
 * distinct filter. `tsx bench/perf/discoveryBench.ts [--short]` prints the table alone.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverSlices } from '../../src/core/discovery/index.ts';
import { createRng } from '../../src/core/random.ts';
import { getColumn, type Table } from '../../src/core/table.ts';
import { readTable } from '../../src/cli/files.ts';
import { ensureBigCsv } from './bigCsv.ts';

export interface DiscoveryMeasure {
  rows: number;
  maxL: number;
  columns: number;
  seconds: number;
  evaluatedPerLevel: number[];
  top: string;
}

export interface DiscoveryBench {
  measures: DiscoveryMeasure[];
}

export async function measureDiscovery(short: boolean, log: (line: string) => void = () => {}): Promise<DiscoveryBench> {
  const total = short ? 20_000 : 1_000_000;
  const table = await readTable(ensureBigCsv(total));
  const sizes = short ? [20_000] : process.env.DISCOVERY_ROWS ? [Number(process.env.DISCOVERY_ROWS)] : [100_000, 1_000_000];
  const levels = short ? [1, 2] : [1, 2, 3];
  const columns = table.columns.map((c) => c.name).filter((n) => n !== 'label');
  const errors = plantedErrors(table);
  const measures: DiscoveryMeasure[] = [];
  for (const n of sizes) {
    const rows = Int32Array.from({ length: n }, (_, r) => r);
    for (const maxL of levels) {
      const t0 = performance.now();
      const result = discoverSlices({ table, rows, errors: errors.subarray(0, n), columns, options: { maxPredicates: maxL } });
      const seconds = (performance.now() - t0) / 1000;
      const m = {
        rows: n,
        maxL,
        columns: columns.length,
        seconds,
        evaluatedPerLevel: result.evaluatedPerLevel,
        top: result.slices[0]?.description ?? '',
      };
      log(`discovery ${n} rows, maxL ${maxL}: ${seconds.toFixed(1)} s, candidates ${m.evaluatedPerLevel.join(' / ')}, top: ${m.top}`);
      measures.push(m);
    }
  }
  return { measures };
}

/** 1 = wrong: 60% where plan is its first level and x1 >= 0, else 5%. */
function plantedErrors(table: Table): Uint8Array {
  const plan = getColumn(table, 'plan');
  const x1 = getColumn(table, 'x1');
  if (plan.kind !== 'category' || x1.kind !== 'number') throw new Error('the big CSV changed: plan must be a category, x1 a number');
  const rng = createRng(5);
  return Uint8Array.from({ length: table.rowCount }, (_, r) => {
    const hot = plan.codes[r] === 0 && (x1.values[r] as number) >= 0;
    return rng() < (hot ? 0.6 : 0.05) ? 1 : 0;
  });
}

export function discoveryMarkdown(b: DiscoveryBench): string {
  const lines = ['### Slice discovery (SliceLine, Node, one thread; the big CSV, 19 columns, planted errors)', ''];
  lines.push('| rows searched | maxL | seconds | candidates counted per level | top slice |', '| --- | --- | --- | --- | --- |');
  for (const m of b.measures)
    lines.push(
      `| ${m.rows.toLocaleString('en-US')} | ${m.maxL} | ${m.seconds.toFixed(1)} | ${m.evaluatedPerLevel.join(' / ')} | ${m.top} |`,
    );
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bench = await measureDiscovery(process.argv.includes('--short'), console.log);
  console.log(discoveryMarkdown(bench));
}
