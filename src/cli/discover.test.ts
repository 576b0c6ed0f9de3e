/**
 * `slicewise discover` end to end, in-process: discover on circles2d (a plain model's errors), then
 * train on the discovered SFs exactly as written; and discover from a prediction column.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCircles2d } from '../core/data/circles2d.ts';
import { columnTexts } from '../core/table.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

let dir = '';
const path = (name: string) => join(dir, name);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicewise-discover-'));
  const { table } = generateCircles2d({ rows: 6000, seed: 7 });
  const columns = table.columns.map((c) => columnTexts(c, table.rowCount));
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (let r = 0; r < table.rowCount; r++) lines.push(columns.map((c) => c[r]).join(','));
  await writeFile(path('circles.csv'), `${lines.join('\n')}\n`);
  // A small table with another model's predictions: wrong exactly where city = "b" and x = 3.
  const small = ['city,x,y,pred,split'];
  for (let r = 0; r < 200; r++) {
    const city = ['a', 'b', 'c'][r % 3]!;
    const x = r % 4;
    const y = r % 2 === 0 ? 'yes' : 'no';
    const pred = city === 'b' && x === 3 ? (y === 'yes' ? 'no' : 'yes') : y;
    small.push(`${city},${x},${y},${pred},${r < 100 ? 'train' : 'valid'}`);
  }
  await writeFile(path('small.csv'), `${small.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('slicewise discover', () => {
  it('round trip: discover on circles2d, then train on the discovered SFs as written', async () => {
    const found = await cli([
      'discover',
      '--data',
      path('circles.csv'),
      '--label',
      'label',
      '--max-slices',
      '4',
      '--epochs',
      '5',
      '--out',
      path('sfs.ts'),
      '--report',
      path('discovery.json'),
      '--quiet',
    ]);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    const report = JSON.parse(await readFile(path('discovery.json'), 'utf8')) as {
      sfs: string[];
      rows: number;
      slices: { size: number; description: string }[];
    };
    expect(report.rows).toBe(3000); // the valid half, never test rows
    expect(report.sfs.length).toBeGreaterThanOrEqual(2);
    const source = await readFile(path('sfs.ts'), 'utf8');
    for (const [i, name] of report.sfs.entries()) {
      expect(source).toContain(`export const ${name} = (row: Row) =>`);
      expect(source).toContain(`${report.slices[i]!.size} rows, error`);
    }

    const trained = await cli([
      'train',
      '--data',
      path('circles.csv'),
      '--label',
      'label',
      '--sfs',
      path('sfs.ts'),
      '--models',
      'plain',
      '--epochs',
      '2',
      '--out',
      path('report.json'),
      '--quiet',
    ]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const trainReport = JSON.parse(await readFile(path('report.json'), 'utf8')) as {
      slices: Record<string, unknown>;
      data: { slices: Record<string, { evalRows: number }> };
    };
    expect(Object.keys(trainReport.slices).sort()).toEqual([...report.sfs].sort());
    // Evaluated on the valid split: each slice has exactly the rows discovery counted.
    report.sfs.forEach((name, i) => expect(trainReport.data.slices[name]?.evalRows).toBe(report.slices[i]!.size));
  }, 120_000);

  it('takes errors from a prediction column, and prints the slices', async () => {
    const found = await cli([
      'discover',
      '--data',
      path('small.csv'),
      '--label',
      'y',
      '--predictions',
      'pred',
      '--min-support',
      '5',
      '--out',
      path('small-sfs.ts'),
    ]);
    expect(found.stderr).toBe('');
    expect(found.stdout).toContain('100 valid rows');
    // Valid rows 100..199: city "b" (r % 3 = 1) with x = 3 (r % 4 = 3): r = 103, 115, ..., 199, 9 rows, all wrong.
    expect(found.stdout).toContain(' 1. weak_city_x: city = "b" and x = 3  (9 rows, error 100.0%');
    const source = await readFile(path('small-sfs.ts'), 'utf8');
    expect(source).toContain('row.city === "b" && row.x === 3;');
  });

  it('refuses bad options with one line', async () => {
    const bad = await cli(['discover', '--data', path('small.csv'), '--label', 'y', '--out', path('x.ts'), '--max-predicates', '9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^slicewise: --max-predicates/);
  });
});
