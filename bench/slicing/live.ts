/**
 * How long a live update takes on 1M rows: the SF worker's handler (in-process) applies 8 SFs once,
 * then the person edits one simple SF. Run: `npx tsx bench/slicing/live.ts [rows]`.
 * Measures compile + load + re-running the changed SF + packing its mask + the K×K overlap + copying
 * every mask for the page. Not a test: speed is measured here, never asserted.
 */
import { createSfHandler } from '../../src/workers/sfHandler.ts';
import type { SfResponse } from '../../src/protocol/sf.ts';
import type { Table } from '../../src/core/table.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const x = new Float64Array(rows);
const y = new Float64Array(rows);
const words = ['check', 'out', 'my', 'channel', 'please', 'subscribe', 'love', 'this', 'song', 'bit.ly/x'];
const text: string[] = new Array<string>(rows);
let seed = 7;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (let i = 0; i < rows; i++) {
  x[i] = rand() * 2 - 1;
  y[i] = rand() * 2 - 1;
  const n = 2 + Math.floor(rand() * 8);
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(words[Math.floor(rand() * words.length)] as string);
  text[i] = parts.join(' ');
}
const table: Table = {
  source: 'bench',
  rowCount: rows,
  columns: [
    { name: 'x', kind: 'number', values: x },
    { name: 'y', kind: 'number', values: y },
    { name: 'text', kind: 'text', values: text },
  ],
};

const source = (threshold: string) => `const keywords = ['please', 'plz'];
export const left = (row: Row) => row.x < ${threshold};
export const top = (row: Row) => row.y > 0.5;
export const corner = (row: Row) => row.x > 0.5 && row.y > 0.5;
export const ring = (row: Row) => row.x * row.x + row.y * row.y < 0.25;
export const short_comment = (row: Row) => row.text.length < 20;
export const keyword_please = (row: Row) => keywords.some((k) => row.text.includes(k));
export const regex_check_out = (row: Row) => /check.*out/i.test(row.text);
export const both = (row: Row) => top(row) && corner(row);
`;

let last: SfResponse | null = null;
const handle = createSfHandler((message) => {
  last = message;
});
handle({ type: 'setTable', table });

function timed(label: string, src: string, id: number): void {
  const started = performance.now();
  handle({ type: 'apply', id, source: src });
  const ms = performance.now() - started;
  const done = last as SfResponse | null;
  if (done?.type !== 'done') throw new Error(`apply failed: ${JSON.stringify(done)}`);
  const reran = done.slices.filter((s) => !s.reused).map((s) => `${s.name} ${s.millis.toFixed(1)} ms`);
  console.log(`${label}: ${ms.toFixed(1)} ms in all; re-ran ${reran.length}/${done.slices.length}: ${reran.join(', ')}`);
}

console.log(`${rows.toLocaleString('en-US')} rows, 8 SFs, Node ${process.version}`);
timed('first apply (all SFs run)', source('0'), 1);
for (let k = 1; k <= 5; k++) timed(`edit ${k}: "left" threshold changed`, source(`-0.${k}`), k + 1);
timed('comment-only edit', `// a comment\n${source('-0.5')}`, 10);
timed('shared keyword list changed (all re-run)', source('-0.5').replace("'plz'", "'pls'"), 11);
