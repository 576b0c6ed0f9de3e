/**
 * Writes the app's real-world tabular examples from the npm package vega-datasets (a devDependency;
 * package BSD-3-Clause, each data set under its own licence, listed in its datapackage.json):
 *
 *   src/core/data/examples/penguins.json  Palmer penguins (CC0 1.0), 344 rows; columns renamed to
 *                                         the palmerpenguins R package's names; Sex "." -> missing.
 *
 *   node scripts/extract-vega-examples.mjs
 *
 * Column-wise JSON ({ rowCount, columns: { name: values[] } }, null = missing), the shape
 * src/core/data/examples/columns.ts reads. Deterministic: same package, same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = (name) => join(root, 'node_modules', 'vega-datasets', 'data', name);
const out = (name) => join(root, 'src', 'core', 'data', 'examples', name);

function columnWise(rows) {
  const columns = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k] ?? null)]));
  return JSON.stringify({ rowCount: rows.length, columns }) + '\n';
}

const penguins = JSON.parse(readFileSync(data('penguins.json'), 'utf8')).map((r) => ({
  species: r['Species'],
  island: r['Island'],
  bill_length_mm: r['Beak Length (mm)'],
  bill_depth_mm: r['Beak Depth (mm)'],
  flipper_length_mm: r['Flipper Length (mm)'],
  body_mass_g: r['Body Mass (g)'],
  sex: r['Sex'] === 'MALE' || r['Sex'] === 'FEMALE' ? r['Sex'].toLowerCase() : null,
}));
writeFileSync(out('penguins.json'), columnWise(penguins));
console.log(`penguins: ${penguins.length} rows`);
