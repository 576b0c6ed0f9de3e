/**
 * A tiny hand-checked table and SF source for the slicing tests (YouTube-spam style, as in Snorkel's
 * spam tutorial). Expected masks are worked out by hand next to each SF.
 */
import type { Table } from '../src/core/table.ts';

export const SPAM_TEXTS = [
  'check out my channel', // 4 words; "check ... out"
  'Please subscribe to my channel, it would mean a lot', // 10 words; "please"
  'plz visit bit.ly/xyz', // 3 words; "plz"; "bit.ly"
  'This song is amazing, I love it so much', // 9 words
  'Check it out: goo.ly', // 4 words; "Check ... out"; "goo.ly"
  '', // missing text: ''.split(/\s+/) is [''], 1 word
];

export function spamTable(): Table {
  return {
    source: 'test:spam',
    rowCount: 6,
    columns: [
      { name: 'text', kind: 'text', values: [...SPAM_TEXTS] },
      { name: 'score', kind: 'number', values: Float64Array.from([0.5, 2, NaN, -1, 3, 10]) },
      // 'spam', 'ham', 'spam', 'ham', 'spam', 'ham'
      { name: 'label', kind: 'category', codes: Int32Array.from([0, 1, 0, 1, 0, 1]), levels: ['spam', 'ham'] },
      { name: 'my col', kind: 'number', values: Float64Array.from([1, 0, 0, 1, 0, 1]) },
    ],
  };
}

/** The spam tutorial's SFs, written in the SF source format. */
export const SPAM_SFS = `const keywords = ['please', 'plz'];
export const short_comment = (row: Row) => row.text.split(/\\s+/).length < 5;
export const keyword_please = (row: Row) => keywords.some((k) => row.text.toLowerCase().includes(k));
export const regex_check_out = (row: Row) => /check.*out/i.test(row.text);
export const short_link = (row: Row) => /\\w+\\.ly/.test(row.text);
`;

/** Hand-computed masks for SPAM_SFS over spamTable(). */
export const SPAM_MASKS: Record<string, number[]> = {
  short_comment: [1, 0, 1, 0, 1, 1],
  keyword_please: [0, 1, 1, 0, 0, 0],
  regex_check_out: [1, 0, 0, 0, 1, 0],
  short_link: [0, 0, 1, 0, 1, 0],
};
