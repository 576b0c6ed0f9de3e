/**
 * spamAssassin: the REAL example the app ships (src/core/data/examples/spamAssassin.ts, 6,046 emails
 * of 2002, 31% spam), featurised as the app does (prepareTrainData with the example's feature columns:
 * subject and body as TF-IDF, html, links, body_length), with SFs a person would write on the sender
 * domain, html, links and length, compiled and applied by the product's SF compiler
 * (src/core/slicing). The SF outputs ARE the slice membership (no hidden truth on real data).
 *
 * Split per seed s: the product's seeded stratified random split (train part 60%, test 40%), then
 * VALID_FRACTION of the train part held out. The featurizer is fitted on the train part (training +
 * held-out rows: unsupervised statistics only, the labels of held-out rows are never used).
 * rows < 6046 (the --quick mode) uses a seeded subset of the emails.
 */
import { SPAM_FEATURES, spamAssassinTable } from '../../../src/core/data/examples/spamAssassin.ts';
import { prepareTrainData } from '../../../src/core/prepare.ts';
import { createRng, shuffle } from '../../../src/core/random.ts';
import { runSfSource } from '../../../src/core/slicing/run.ts';
import type { Column, Table } from '../../../src/core/table.ts';
import { noisyTrainSlices } from './noise.ts';
import { VALID_FRACTION, withSplit } from './split.ts';
import type { QualityTask } from './types.ts';

/** The SFs: what a person triaging a spam filter's mistakes would write first. */
export const SPAM_BENCH_SFS = `// Senders on free webmail services (anyone can open an account).
const freemail = /(^|\\.)(hotmail|yahoo|aol|msn|excite|mail|netscape|juno|lycos|email|usa)\\.(com|net)$/i;

export const freemail_sender = (row: Row) => freemail.test(row.sender_domain);

/** Not a .com/.org/.net/.edu/.gov sender: a country or unusual domain. */
export const unusual_domain = (row: Row) => !/\\.(com|org|net|edu|gov)$/i.test(row.sender_domain);

/** HTML mail. */
export const html_mail = (row: Row) => row.html === true;

/** Ten or more links. */
export const link_heavy = (row: Row) => row.links >= 10;

/** A very short body (under 300 characters). */
export const short_body = (row: Row) => row.body_length < 300;

/** A long body (over 5,000 characters). */
export const long_body = (row: Row) => row.body_length > 5000;
`;

let cached: Promise<{ table: Table; slices: { name: string; mask: Uint8Array }[] }> | null = null;

function loadOnce() {
  cached ??= spamAssassinTable().then((table) => {
    const applied = runSfSource(table, SPAM_BENCH_SFS);
    if (!applied.ok) throw new Error(`spamAssassin SFs failed: ${applied.errors.map((e) => e.message).join('; ')}`);
    return { table, slices: applied.slices.map(({ name, mask }) => ({ name, mask })) };
  });
  return cached;
}

/** The rows `keep` (ascending) of a table, every column kind. */
function takeRows(table: Table, keep: Int32Array): Table {
  const columns = table.columns.map((c): Column => {
    if (c.kind === 'category') return { ...c, codes: Int32Array.from(keep, (r) => c.codes[r]!) };
    if (c.kind === 'text') return { ...c, values: Array.from(keep, (r) => c.values[r]!) };
    return { ...c, values: Float64Array.from(keep, (r) => c.values[r]!) };
  });
  return { source: table.source, rowCount: keep.length, columns };
}

export const spamAssassin: QualityTask = {
  name: 'spamAssassin',
  family: 'real',
  noisy: false,
  description:
    'REAL: the SpamAssassin example (6,046 emails, 31% spam; TF-IDF of subject and body + html, links, body_length, as the app featurises it); 6 hand-written SFs on sender domain, html, links and length (3.5-20% of rows each)',
  async build({ rows, seed, validFraction = VALID_FRACTION }) {
    const full = await loadOnce();
    let { table, slices } = full;
    if (rows < table.rowCount) {
      const order = Int32Array.from({ length: table.rowCount }, (_, i) => i);
      shuffle(order, createRng(seed + 3000));
      const keep = order.slice(0, rows).sort();
      table = takeRows(table, keep);
      slices = slices.map(({ name, mask }) => ({ name, mask: Uint8Array.from(keep, (r) => mask[r]!) }));
    }
    const { data: prepared, split } = prepareTrainData(
      table,
      { label: 'label', features: SPAM_FEATURES, seed, proportions: { train: 0.6, valid: 0, test: 0.4 } },
      slices,
    );
    const { trainIdx: trainPart, validIdx: _test, ...base } = prepared;
    const testIdx = split.test;
    return {
      data: withSplit(base, trainPart, testIdx, seed, validFraction),
      testIdx,
      noisySlices: (p, noiseSeed) => noisyTrainSlices(slices, trainPart, p, noiseSeed),
    };
  },
};
