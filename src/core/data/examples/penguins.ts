/**
 * Palmer penguins (Gorman, Williams & Fraser 2014; CC0 1.0), from the npm package vega-datasets via
 * scripts/extract-vega-examples.mjs. 344 penguins of three species on three islands; the model
 * learns the species from the four body measurements, the SFs slice by island, sex and size.
 */
import type { Table } from '../../table.ts';
import { tableFromColumns, type ColumnWise } from './columns.ts';

export async function penguinsTable(): Promise<Table> {
  const data = (await import('./penguins.json')).default as ColumnWise;
  return tableFromColumns('example:penguins', data, [
    ['species', 'category'],
    ['island', 'category'],
    ['bill_length_mm', 'number'],
    ['bill_depth_mm', 'number'],
    ['flipper_length_mm', 'integer'],
    ['body_mass_g', 'integer'],
    ['sex', 'category'],
  ]);
}

export const PENGUIN_FEATURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];

export const PENGUINS_SF_SOURCE = `// Palmer penguins: 344 penguins of three species (Adelie, Chinstrap, Gentoo) measured on three
// islands of the Palmer Archipelago, Antarctica (Gorman, Williams & Fraser 2014; CC0).
// The model learns the species from the four body measurements only. Island and sex are never
// model features, but slicing functions may read them: that is how you ask "how well does the
// model do for the penguins of Dream island?" (Adelie and Chinstrap both live there, and look alike).
//
// Every \`export const NAME = (row: Row) => boolean\` is one slice, named by its export.
// Missing measurements are NaN, so a comparison with them is false.

/** Dream island: Adelie and Chinstrap side by side, the hard pair to tell apart. */
export const dream_island = (row: Row) => row.island === 'Dream';

/** Torgersen island: only Adelie penguins live there. */
export const torgersen_island = (row: Row) => row.island === 'Torgersen';

/** Female penguins are smaller, so size alone misleads more often. */
export const female = (row: Row) => row.sex === 'female';

/** Short bills: mostly Adelie, but a few of the others too. */
export const short_bill = (row: Row) => row.bill_length_mm < 40;

/** Heavy birds: almost all Gentoo. */
export const heavy = (row: Row) => row.body_mass_g > 4750;
`;
