import { describe, expect, it } from 'vitest';
import { runSfSource } from '../../core/slicing/run.ts';
import { spamTable, SPAM_SFS } from '../../../test/tables.ts';
import { sfSnippets } from './snippets.ts';

/** What Monaco inserts when the person accepts a snippet and keeps every placeholder's default. */
function expand(body: string): string {
  return body
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$0/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('SF snippets', () => {
  const table = spamTable();
  const names = ['short_comment', 'keyword_please'];

  it('offers the common SFs', () => {
    expect(sfSnippets(table, names).map((s) => s.label)).toEqual([
      'sf_keywords',
      'sf_regex',
      'sf_range',
      'sf_text_length',
      'sf_category_in',
      'sf_combine',
      'sf_resources',
    ]);
  });

  it.each(sfSnippets(table, names).map((s) => [s.label, s.body]))("%s runs as inserted, on the dataset's columns", (label, body) => {
    // Each snippet next to the existing SFs (the combination snippet calls two of them).
    const result = runSfSource(table, `${SPAM_SFS}\n${expand(body)}\n`);
    if (!result.ok) throw new Error(`${label}: ${JSON.stringify(result.errors)}\n${expand(body)}`);
    expect(result.slices.length).toBe(5);
  });

  it('fills in the columns: text for keywords, number for ranges, the commonest level for categories', () => {
    const byLabel = Object.fromEntries(sfSnippets(table, names).map((s) => [s.label, expand(s.body)]));
    expect(byLabel.sf_keywords).toContain('row.text.toLowerCase()');
    expect(byLabel.sf_range).toBe('export const in_range = (row: Row) => row.score >= 0 && row.score < 0.5;');
    expect(byLabel.sf_category_in).toContain("new Set(['spam'])");
    expect(byLabel.sf_category_in).toContain('wanted.has(row.label)');
    expect(byLabel.sf_combine).toBe('export const combined = (row: Row) => short_comment(row) && !keyword_please(row);');
    expect(byLabel.sf_text_length).toContain('row.text.split(/\\s+/)');
  });
});
