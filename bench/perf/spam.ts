/**
 * The SF-application workload: a synthetic YouTube-spam-like table and the 8 SFs of the spam
 * tutorial's kinds (Snorkel's slicing tutorial), plus the same 8 predicates as a hand-written loop
 * over the columns (the ceiling). Pure core: runs in Node, a worker thread and a browser worker.
 *
 * The SFs are given as SF source (what a user types) for the real applier, and as plain functions of
 * the columns for the hand loop; the two must agree row for row (runSfBench checks the counts).
 */
import { createRng } from '../../src/core/random.ts';
import type { Table } from '../../src/core/table.ts';

export const SF_NAMES = [
  'short_comment',
  'keyword_please',
  'regex_check_out',
  'short_link',
  'many_likes',
  'no_replies',
  'high_score',
  'night_post',
] as const;

/** The user's SF file: 4 text SFs as in the tutorial, 4 numeric thresholds. */
export const SPAM_SF_SOURCE = `
const KEYWORDS = ['please', 'plz', 'subscribe'];

export const short_comment = (row: Row) => row.text.split(/\\s+/).length < 5;
export const keyword_please = (row: Row) => {
  const text = row.text.toLowerCase();
  return KEYWORDS.some((k) => text.includes(k));
};
export const regex_check_out = (row: Row) => /check.*out/i.test(row.text);
export const short_link = (row: Row) => /\\w+\\.ly/.test(row.text);
export const many_likes = (row: Row) => row.likes > 100;
export const no_replies = (row: Row) => row.replies === 0;
export const high_score = (row: Row) => row.score >= 0.8;
export const night_post = (row: Row) => row.hour < 6;
`;

export interface SpamColumns {
  text: string[];
  likes: Float64Array;
  replies: Float64Array;
  score: Float64Array;
  hour: Float64Array;
}

const WORDS = [
  'great',
  'song',
  'love',
  'this',
  'video',
  'my',
  'channel',
  'the',
  'best',
  'music',
  'ever',
  'wow',
  'nice',
  'lol',
  'awesome',
  'beat',
  'voice',
  'remember',
  'when',
  'year',
];
const SPAMMY = [
  'please subscribe',
  'check it out',
  'check out my channel',
  'plz like',
  'visit bit.ly/free',
  'go to goo.gl or ow.ly now',
  'Subscribe to me',
];

/** `rows` comments of 1-24 words, ~15% with a spam phrase; numeric columns with a mix of ranges. */
export function spamColumns(rows: number, seed = 42): SpamColumns {
  const rng = createRng(seed);
  const text = new Array<string>(rows);
  const [likes, replies, score, hour] = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  for (let i = 0; i < rows; i++) {
    const n = 1 + Math.floor(rng() * 24);
    const words: string[] = [];
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(rng() * WORDS.length)]!);
    if (rng() < 0.15) words.splice(Math.floor(rng() * words.length), 0, SPAMMY[Math.floor(rng() * SPAMMY.length)]!);
    text[i] = words.join(' ');
    likes[i] = Math.floor(rng() * rng() * 1000);
    replies[i] = rng() < 0.4 ? 0 : Math.floor(rng() * 20);
    score[i] = rng();
    hour[i] = Math.floor(rng() * 24);
  }
  return { text, likes, replies, score, hour };
}

export function spamTable(columns: SpamColumns): Table {
  return {
    source: 'bench:spam',
    rowCount: columns.text.length,
    columns: [
      { name: 'text', kind: 'text', values: columns.text },
      { name: 'likes', kind: 'number', values: columns.likes },
      { name: 'replies', kind: 'number', values: columns.replies },
      { name: 'score', kind: 'number', values: columns.score },
      { name: 'hour', kind: 'number', values: columns.hour },
    ],
  };
}

/** The columns of `table` by name (works on the structured clone a worker receives). */
export function columnsOf(table: Table): SpamColumns {
  const get = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column || !('values' in column)) throw new Error(`bench table: no column "${name}" with values`);
    return column.values;
  };
  return {
    text: get('text') as string[],
    likes: get('likes') as Float64Array,
    replies: get('replies') as Float64Array,
    score: get('score') as Float64Array,
    hour: get('hour') as Float64Array,
  };
}

const KEYWORDS = ['please', 'plz', 'subscribe'];
const CHECK_OUT = /check.*out/i;
const SHORT_LINK = /\w+\.ly/;
const SPACES = /\s+/;

/**
 * The ceiling: the same 8 predicates written out by hand over the columns, one pass per SF (as the
 * applier does), each filling its own mask. Returns the in-slice counts in SF_NAMES order.
 */
export function handLoop(c: SpamColumns): number[] {
  const n = c.text.length;
  const { text, likes, replies, score, hour } = c;
  const masks = SF_NAMES.map(() => new Uint8Array(n));
  const counts = SF_NAMES.map(() => 0);
  let m = masks[0]!;
  for (let i = 0; i < n; i++) if (text[i]!.split(SPACES).length < 5) m[i] = 1;
  m = masks[1]!;
  for (let i = 0; i < n; i++) {
    const t = text[i]!.toLowerCase();
    if (KEYWORDS.some((k) => t.includes(k))) m[i] = 1;
  }
  m = masks[2]!;
  for (let i = 0; i < n; i++) if (CHECK_OUT.test(text[i]!)) m[i] = 1;
  m = masks[3]!;
  for (let i = 0; i < n; i++) if (SHORT_LINK.test(text[i]!)) m[i] = 1;
  m = masks[4]!;
  for (let i = 0; i < n; i++) if (likes[i]! > 100) m[i] = 1;
  m = masks[5]!;
  for (let i = 0; i < n; i++) if (replies[i] === 0) m[i] = 1;
  m = masks[6]!;
  for (let i = 0; i < n; i++) if (score[i]! >= 0.8) m[i] = 1;
  m = masks[7]!;
  for (let i = 0; i < n; i++) if (hour[i]! < 6) m[i] = 1;
  masks.forEach((mask, s) => {
    for (let i = 0; i < n; i++) counts[s]! += mask[i]!;
  });
  return counts;
}
