/**
 * Snippets for common slicing functions, filled in with the dataset's own columns so that an
 * inserted snippet runs as is: text-like columns for keyword/regex/length, a number column for the
 * range, a category column and its most common level for "category in set". Pure (no Monaco): the
 * editor turns these into completion items (snippet syntax: ${1:placeholder}, $0 = final cursor).
 */
import type { Column, Table } from '../../core/table.ts';

export interface SfSnippet {
  /** What the person types to find it (a valid identifier prefix, so Monaco's word filter matches). */
  label: string;
  /** One line for the suggestion list. */
  detail: string;
  /** Monaco snippet text. */
  body: string;
}

/** Snippet names start with this, so typing "sf_" lists them all. */
export const SNIPPET_PREFIX = 'sf_';

export function sfSnippets(table: Table | null, sfNames: readonly string[]): SfSnippet[] {
  const columns = table?.columns ?? [];
  const text = columns.find((c) => c.kind === 'text') ?? columns.find((c) => c.kind === 'category');
  const number = columns.find((c) => c.kind === 'number' || c.kind === 'integer');
  const category = columns.find((c) => c.kind === 'category');
  const textName = key(text?.name ?? 'text');
  const numberName = key(number?.name ?? 'x');
  const catName = key(category?.name ?? 'category');
  const level = category ? topLevel(category) : 'a';
  const [first = 'slice_a', second = 'slice_b'] = sfNames;
  return [
    {
      label: `${SNIPPET_PREFIX}keywords`,
      detail: 'SF: the text contains any of a list of keywords',
      body: [
        `const \${1:keyword_list} = [\${2:'please', 'plz'}];`,
        `export const \${3:has_keyword} = (row: Row) =>`,
        `  \${1:keyword_list}.some((word) => row${textName}.toLowerCase().includes(word));$0`,
      ].join('\n'),
    },
    {
      label: `${SNIPPET_PREFIX}regex`,
      detail: 'SF: the text matches a regular expression',
      body: `export const \${1:matches} = (row: Row) => /\${2:${regexDefault(text, level)}}/i.test(row${textName});$0`,
    },
    {
      label: `${SNIPPET_PREFIX}range`,
      detail: 'SF: a number column lies in [low, high)',
      body: `export const \${1:in_range} = (row: Row) => row${numberName} >= \${2:0} && row${numberName} < \${3:0.5};$0`,
    },
    {
      label: `${SNIPPET_PREFIX}text_length`,
      detail: 'SF: short texts (fewer than N words)',
      body: `export const \${1:short_text} = (row: Row) => row${textName}.split(/\\\\s+/).filter(Boolean).length < \${2:5};$0`,
    },
    {
      label: `${SNIPPET_PREFIX}category_in`,
      detail: 'SF: a category column takes one of a set of values',
      body: [
        `const \${1:wanted} = new Set([\${2:'${escapeSnippet(level)}'}]);`,
        `export const \${3:in_set} = (row: Row) => \${1:wanted}.has(row${catName});$0`,
      ].join('\n'),
    },
    {
      label: `${SNIPPET_PREFIX}combine`,
      detail: 'SF: a combination of other slices (and, or, not)',
      body: `export const \${1:combined} = (row: Row) => \${2:${first}}(row) && !\${3:${second}}(row);$0`,
    },
    {
      label: `${SNIPPET_PREFIX}resources`,
      detail: "SF with resources and preprocessors (Snorkel's resources= / pre=)",
      body: [
        `const \${1:lowercase} = (row: Row) => ({ ${plain(text?.name ?? 'text')}: row${textName}.toLowerCase() });`,
        `export const \${2:mentions_word} = sf(`,
        `  { resources: { words: [\${3:'please', 'plz'}] }, pre: [\${1:lowercase}] },`,
        `  (row, { words }) => words.some((w) => row${textName}.includes(w)),`,
        `);$0`,
      ].join('\n'),
    },
  ];
}

/** `.name` for identifiers, `["my col"]` otherwise (as the Row type declares them). */
function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${escapeSnippet(JSON.stringify(name))}]`;
}

function plain(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : escapeSnippet(JSON.stringify(name));
}

/** The most common level of a category column (by its codes), '' if none. */
function topLevel(column: Column): string {
  if (column.kind !== 'category') return '';
  const counts = new Int32Array(column.levels.length);
  for (const code of column.codes) if (code >= 0) counts[code]!++;
  let best = 0;
  for (let k = 1; k < counts.length; k++) if ((counts[k] as number) > (counts[best] as number)) best = k;
  return column.levels[best] ?? '';
}

function regexDefault(text: Column | undefined, level: string): string {
  if (text?.kind === 'category') return escapeSnippet(escapeRegex(level));
  return 'check.*out';
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Snippet syntax treats $, } and \ specially. */
function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}
