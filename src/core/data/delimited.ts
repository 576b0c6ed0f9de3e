/**
 * Delimited text (CSV, TSV, ...) into a Table.
 *
 * uDSV (0.7) does the parsing: fast, rows handed to a callback and not kept, cells fed straight
 * into typed column builders (infer.ts). Only its string path is used, which needs no eval (CSP-safe).
 * But uDSV trusts its input and reports nothing: a row with a missing field silently swallows the
 * next line, an extra field is glued onto the last value, an unclosed quote drops every row after
 * it, `"a"b` becomes `b`, and in a one-column file it drops every row. So scanStructure runs first:
 * one pass (indexOf jumps on lines without quotes) that throws a DataError with the line number for
 * each of those cases and counts the rows. uDSV only ever sees well-formed text, its row count is
 * checked against the scan's, and one-column files are read by the scan itself.
 *
 * Accepted format: the first non-blank record is the header; fields may be quoted with " (a quote
 * inside a quoted field is doubled: ""), quoted fields may span lines; a quote is only special at the
 * start of a field; blank lines are skipped; \r\n and \r line ends are read as \n (also inside
 * quoted values); cells are trimmed and missing tokens become '' (see infer.ts).
 */
import { initParser, type SchemaColumn } from 'udsv';
import { buildColumn, ColumnBuilder } from './infer.ts';
import { fileError, lineError, DataError } from './errors.ts';
import type { Table } from '../table.ts';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const QUOTE = 34;
const NEWLINE = 10;

/** Human names for messages. */
function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

/**
 * Guess the delimiter from the first 20 non-blank lines: the candidate that occurs in the header
 * (outside quotes) and then the same number of times on the most lines; ties go to the one with more
 * occurrences, then to the order , tab ; |. No candidate in the header: one column, ','.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < 20 && pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    if (end > pos) lines.push(text.slice(pos, end));
    pos = end + 1;
  }
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const header = countOutsideQuotes(lines[0] ?? '', d);
    if (header === 0) continue;
    let agree = 0;
    for (let i = 1; i < lines.length; i++) if (countOutsideQuotes(lines[i] as string, d) === header) agree++;
    const score = lines.length > 1 ? agree / (lines.length - 1) : 1;
    if (score > bestScore || (score === bestScore && header > bestCount)) {
      best = d;
      bestScore = score;
      bestCount = header;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  const dc = d.charCodeAt(0);
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === dc && !inQuotes) count++;
  }
  return count;
}

export interface Structure {
  /** Header names as written (unquoted, not yet trimmed). */
  header: string[];
  /** 1-based line of the header. */
  headerLine: number;
  /** Number of data records (blank lines excluded). */
  rows: number;
  /**
   * For a one-column file only: the cells, as written. uDSV drops every row of a one-column file
   * in its quote-aware path (it takes each row end for a blank line), so the scan reads them.
   */
  single?: string[];
}

/**
 * Check the record structure of `text` (line ends already \n) and read the header. Throws a
 * DataError on: an unclosed quote (at the line where it opens), text after a closing quote, and a
 * record whose field count differs from the header's (at the line where the record starts).
 * A record that is one empty field (a blank line, or just "") is skipped, as uDSV does.
 *
 * Why it is cheap: a line with no quote in it is one record, and its fields are counted with
 * indexOf jumps from delimiter to delimiter (the next quote and the next delimiter are remembered
 * across lines, so each is searched for once). Only lines with quotes take the character loop.
 */
export function scanStructure(text: string, delimiter: string, file: string): Structure {
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let header: string[] | null = null;
  let headerLine = 0;
  let nCols = 0;
  let rows = 0;
  let single: string[] | undefined;
  let nextQuote = -1;
  let nextDelim = -1;

  const ragged = (fields: number, at: number): DataError => {
    const hint = fields > nCols ? ` (a value containing ${delimiterName(delimiter)} must be quoted)` : '';
    return lineError(file, at, `${fields} ${fields === 1 ? 'field' : 'fields'}, but the header has ${nCols}${hint}`);
  };

  while (i < n) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1) lineEnd = n;
    if (lineEnd === i) {
      i++; // blank line
      line++;
      lineStart = i;
      continue;
    }
    if (nextQuote < i) {
      nextQuote = text.indexOf('"', i);
      if (nextQuote === -1) nextQuote = n;
    }
    if (header !== null && single === undefined && nextQuote >= lineEnd) {
      // Fast path: a data line without quotes.
      if (nextDelim < i) {
        nextDelim = text.indexOf(delimiter, i);
        if (nextDelim === -1) nextDelim = n;
      }
      let fields = 1;
      while (nextDelim < lineEnd) {
        fields++;
        nextDelim = text.indexOf(delimiter, nextDelim + 1);
        if (nextDelim === -1) nextDelim = n;
      }
      if (fields !== nCols) throw ragged(fields, line);
      rows++;
      i = lineEnd + 1;
      line++;
      lineStart = i;
      continue;
    }

    // Slow path: one record, quote-aware, possibly spanning lines.
    const recordLine = line;
    const values: string[] | undefined = header === null ? [] : single;
    let fields = 0;
    let lastEmpty = false;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        let j = i + 1;
        let close: number;
        for (;;) {
          close = text.indexOf('"', j);
          if (close === -1) {
            throw lineError(file, openLine, 'unclosed quote (a field opens with " and never closes)', openColumn);
          }
          for (let nl = text.indexOf('\n', j); nl !== -1 && nl < close; nl = text.indexOf('\n', nl + 1)) {
            line++;
            lineStart = nl + 1;
          }
          if (text.charCodeAt(close + 1) === QUOTE) j = close + 2;
          else break;
        }
        values?.push(text.slice(i + 1, close).replaceAll('""', '"'));
        lastEmpty = close === i + 1;
        i = close + 1;
        const c = text.charCodeAt(i);
        if (i < n && c !== D && c !== NEWLINE) {
          const column = i - lineStart + 1;
          const after = text.slice(i, Math.min(n, i + 10)).split('\n')[0];
          throw lineError(
            file,
            line,
            `unexpected text ${JSON.stringify(after)} after a closing quote (column ${column}); ` +
              'a quote inside a quoted value must be doubled ("")',
            column,
          );
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === D || c === NEWLINE) break;
          i++;
        }
        values?.push(text.slice(start, i));
        lastEmpty = i === start;
      }
      fields++;
      if (i < n && text.charCodeAt(i) === D) {
        i++;
        continue;
      }
      if (i < n) {
        i++; // the \n ending the record
        line++;
        lineStart = i;
      }
      break;
    }
    if (fields === 1 && lastEmpty) {
      if (header !== null) single?.pop();
      continue;
    }
    if (header === null) {
      header = values ?? [];
      headerLine = recordLine;
      nCols = fields;
      if (nCols === 1) single = [];
    } else if (fields !== nCols) throw ragged(fields, recordLine);
    else rows++;
  }
  if (header === null) throw fileError(file, 'the file is empty');
  return single ? { header, headerLine, rows, single } : { header, headerLine, rows };
}

/** Trimmed header names; throws on an empty or duplicate name. */
export function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim();
    if (name === '') {
      const hint = i === 0 ? ' (an unnamed index column, as pandas writes? give it a name or save without it)' : '';
      throw lineError(file, line, `column ${i + 1} of the header has an empty name${hint}`);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw lineError(file, line, `duplicate column name "${name}" (columns ${first + 1} and ${i + 1})`);
    }
    seen.set(name, i);
    return name;
  });
}

/** Parse delimited text (BOM already stripped). `delimiter` undefined: sniffed. */
export function parseDelimited(raw: string, file: string, delimiter?: Delimiter): Table {
  // One line-end convention for the scan and for uDSV (which takes a single row delimiter).
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  const col = delimiter ?? sniffDelimiter(text);
  const structure = scanStructure(text, col, file);
  const names = checkHeader(structure.header, file, structure.headerLine);
  const rows = structure.rows;
  if (rows === 0) throw fileError(file, 'there are no data rows after the header');
  if (structure.single) {
    return { source: file, rowCount: rows, columns: [buildColumn(names[0] as string, structure.single)] };
  }

  let builders = names.map((name) => new ColumnBuilder(name, rows));
  const count = readColumns(text, col, builders);
  if (count !== rows) throw new DataError(file, `${file}: could not be parsed (read ${count} of ${rows} rows)`);
  // Columns that looked numeric and were not: read their cells again, as strings.
  const failed = builders.filter((b) => b.failed);
  if (failed.length > 0) {
    const again = new Set(failed.map((b) => b.name));
    builders = builders.map((b) => (again.has(b.name) ? new ColumnBuilder(b.name, rows, false) : b));
    readColumns(text, col, builders, again);
  }
  return { source: file, rowCount: rows, columns: builders.map((b) => b.finish()) };
}

/**
 * One uDSV pass feeding each data row's cells to the builders (only those named in `only`, when
 * given). Rows arrive through a callback and are not kept. Returns the number of data rows.
 * encl is always '"' so uDSV takes one code path; the schema has no header skip, so the first row
 * (the header) is dropped here.
 */
function readColumns(text: string, col: string, builders: ColumnBuilder[], only?: Set<string>): number {
  const cols: SchemaColumn[] = builders.map((b) => ({
    name: b.name,
    type: 's',
    repl: { empty: undefined, null: undefined, NaN: undefined },
  }));
  const parser = initParser({ col, row: '\n', encl: '"', esc: '"', trim: false, cols });
  const columns: number[] = [];
  const targets: ColumnBuilder[] = [];
  builders.forEach((b, c) => {
    if (only && !only.has(b.name)) return;
    columns.push(c);
    targets.push(b);
  });
  const k = targets.length;
  let count = -1;
  parser.stringArrs<string[]>(text, (row) => {
    if (count++ < 0) return;
    for (let t = 0; t < k; t++) (targets[t] as ColumnBuilder).add(row[columns[t] as number] ?? '');
  });
  return Math.max(0, count);
}
