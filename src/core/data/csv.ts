/**
 * CsvReader: delimited text (CSV, TSV, ; or | separated) fed in chunks, straight into ColumnBuilders.
 * The same code serves parseTable (one chunk: the whole text) and loadTable (chunks of a stream), so
 * no whole-file string is needed and no row is ever kept.
 *
 * Format: the first non-blank record is the header; a field may be quoted with " (a quote inside is
 * doubled: ""), quoted fields may span lines; a quote is only special at the start of a field; blank
 * lines are skipped; \r\n and \r line ends read as \n (also inside quoted values); cells are trimmed
 * and missing tokens become missing (see cells.ts).
 *
 * Every malformed input is a DataError naming the line: a record with too few or too many fields, an
 * unclosed quote (at the line and column where it opens), text after a closing quote, a header that
 * looks like data, empty or duplicate header names. A single record longer than MAX_RECORD_CHARS is
 * taken for an unclosed quote (a stray quote would otherwise swallow the rest of the file).
 *
 * Why it is fast: a line with no quote in it (found with one indexOf, remembered across lines) is one
 * record, and its fields are found with indexOf jumps from delimiter to delimiter; each field goes to
 * its builder as a range of the chunk (ColumnBuilder.addRange), so number cells are parsed in place
 * without making a string. Only records with quotes take the character loop.
 */
import { ColumnBuilder, type ReadPosition } from './builder.ts';
import { DataError, fileError, lineError } from './errors.ts';
import { parseNumber } from './cells.ts';
import type { ColumnKind } from '../table.ts';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Longest single record (characters): beyond it a quoted field is taken for an unclosed quote. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;
/** Text needed before the delimiter is sniffed (less only when the file is shorter). */
const SNIFF_CHARS = 64 * 1024;

const QUOTE = 34;
const NEWLINE = 10;

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

/** Trimmed header names; throws on an empty or duplicate name, or a header that looks like data. */
export function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Map<string, number>();
  const out = names.map((raw, i) => {
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
  // Whole numbers among names are plausible (years: country,2019,2020; pandas' default names 0,1,2);
  // a decimal or signed number is data, and so is a line of whole numbers only, unless they count
  // up from 0 or 1 (column numbers).
  const numeric = out.filter((n) => parseNumber(n) === parseNumber(n));
  const dataLike = numeric.find((n) => !/^\d+$/.test(n));
  const counting = out.every((n, i) => n === String(i)) || out.every((n, i) => n === String(i + 1));
  if (dataLike !== undefined || (numeric.length === out.length && out.length > 1 && !counting)) {
    const example = dataLike ?? numeric[0];
    throw lineError(
      file,
      line,
      `the first line looks like data, not a header (${JSON.stringify(example)} is a number); ` +
        'the first line must name the columns: add a header line',
    );
  }
  return out;
}

export interface CsvReaderOptions {
  /** Undefined: sniffed from the first SNIFF_CHARS characters. */
  delimiter?: Delimiter;
  /** Kinds chosen by the user, by column name. */
  types?: Record<string, ColumnKind>;
  /**
   * Re-read pass: only these columns are built, as strings (category/text inferred); the header must
   * be the same as the first pass's.
   */
  only?: Set<string>;
}

export class CsvReader {
  private readonly file: string;
  private readonly options: CsvReaderOptions;
  private delimiter: Delimiter | undefined;
  private pending = '';
  /** A \r that ended the previous chunk (its \n may start the next). */
  private pendingCR = false;
  /** 1-based line of the next character to read. */
  private line = 1;
  private header: string[] | null = null;
  private headerLine = 0;
  /** Per column: its builder, or null when this pass skips it. */
  private builders: (ColumnBuilder | null)[] = [];
  private nCols = 0;
  private rowCount = 0;
  /** Shared with the builders: the line of the record being read (for conversion reports). */
  readonly position: ReadPosition = { line: 0 };
  private sizeHint = 0;
  private reserved = false;

  constructor(file: string, options: CsvReaderOptions = {}) {
    this.file = file;
    this.options = options;
    this.delimiter = options.delimiter;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** The delimiter in use (sniffed after the first feed). */
  get delimiterUsed(): Delimiter {
    return this.delimiter ?? ',';
  }

  /** Total characters expected (e.g. the file size): used to reserve column storage once. */
  expectChars(total: number): void {
    this.sizeHint = total;
  }

  /** The next piece of the text; `final` on the last one (which may be ''). */
  feed(chunk: string, final: boolean): void {
    if (this.pendingCR) {
      chunk = `\r${chunk}`;
      this.pendingCR = false;
    }
    if (!final && chunk.charCodeAt(chunk.length - 1) === 13) {
      chunk = chunk.slice(0, -1);
      this.pendingCR = true;
    }
    if (chunk.indexOf('\r') !== -1) chunk = chunk.replace(/\r\n?/g, '\n');
    let text = this.pending === '' ? chunk : this.pending + chunk;
    if (this.delimiter === undefined) {
      if (!final && text.length < SNIFF_CHARS) {
        this.pending = text;
        return;
      }
      const head = final ? text : text.slice(0, text.lastIndexOf('\n') + 1 || text.length);
      this.delimiter = sniffDelimiter(head);
    }
    const consumed = this.read(text, final);
    if (!this.reserved && this.rowCount > 0 && this.sizeHint > 0) {
      // Room for the whole file at once, from the characters per row seen so far (+5%): no doubling.
      this.reserved = true;
      const estimate = Math.ceil((this.sizeHint / consumed) * this.rowCount * 1.05) + 16;
      for (const b of this.builders) b?.reserve(estimate);
    }
    text = consumed < text.length ? text.slice(consumed) : '';
    if (!final && text.length > MAX_RECORD_CHARS) this.tooLong(text);
    this.pending = text;
  }

  /** After the final feed: the header and builders (null for skipped columns). */
  result(): { names: string[]; headerLine: number; builders: (ColumnBuilder | null)[]; rows: number } {
    if (this.header === null) throw fileError(this.file, 'the file is empty');
    return { names: this.header, headerLine: this.headerLine, builders: this.builders, rows: this.rowCount };
  }

  /** Reads every complete record of s; returns how many characters were consumed. */
  private read(s: string, final: boolean): number {
    const delimiter = this.delimiter as Delimiter;
    const D = delimiter.charCodeAt(0);
    const n = s.length;
    let i = 0;
    let nextQuote = -1;
    let builders = this.builders;
    for (;;) {
      if (i >= n) return n;
      let lineEnd = s.indexOf('\n', i);
      if (lineEnd === -1) {
        if (!final) return i;
        lineEnd = n;
      }
      if (lineEnd === i) {
        i++; // blank line
        this.line++;
        continue;
      }
      if (nextQuote < i) {
        nextQuote = s.indexOf('"', i);
        if (nextQuote === -1) nextQuote = n;
      }
      if (this.header !== null && nextQuote >= lineEnd) {
        // Fast path: a record without quotes, on one line.
        this.position.line = this.line;
        const nCols = this.nCols;
        let start = i;
        let c = 0;
        for (;;) {
          let end: number;
          const b = c < nCols ? builders[c] : null;
          if (b) end = b.addField(s, start, lineEnd, D);
          else {
            end = start;
            while (end < lineEnd && s.charCodeAt(end) !== D) end++;
          }
          c++;
          if (end >= lineEnd) break;
          start = end + 1;
        }
        if (c !== nCols) throw this.ragged(c, this.line);
        this.rowCount++;
        i = lineEnd + 1;
        this.line++;
        continue;
      }
      // Slow path: one quote-aware record, possibly spanning lines.
      const next = this.readQuoted(s, i, D, final);
      if (next === -1) return i; // incomplete: wait for more text
      i = next;
      builders = this.builders; // set by the header
    }
  }

  /**
   * One record from i, quote-aware. Returns the index after it, or -1 when the record does not end
   * within s and more text may come (nothing is consumed then, the line count is unchanged).
   */
  private readQuoted(s: string, i: number, D: number, final: boolean): number {
    const n = s.length;
    const recordLine = this.line;
    let line = this.line;
    let lineStart = i;
    const cells: string[] = [];
    let lastEmpty = false;
    for (;;) {
      if (s.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        let j = i + 1;
        let close: number;
        let pieces = '';
        for (;;) {
          close = s.indexOf('"', j);
          if (close === -1) {
            if (!final) return -1;
            throw lineError(this.file, openLine, 'unclosed quote (a field opens with " and never closes)', openColumn);
          }
          if (close + 1 >= n && !final) return -1; // is it "" or the end? need the next character
          if (s.charCodeAt(close + 1) === QUOTE) {
            pieces += s.slice(j, close + 1);
            j = close + 2;
          } else break;
        }
        for (let nl = s.indexOf('\n', i); nl !== -1 && nl < close; nl = s.indexOf('\n', nl + 1)) {
          line++;
          lineStart = nl + 1;
        }
        cells.push(pieces + s.slice(j, close));
        lastEmpty = close === i + 1;
        i = close + 1;
        const c = s.charCodeAt(i);
        if (i < n && c !== D && c !== NEWLINE) {
          const column = i - lineStart + 1;
          const after = s.slice(i, Math.min(n, i + 10)).split('\n')[0];
          throw lineError(
            this.file,
            line,
            `unexpected text ${JSON.stringify(after)} after a closing quote (column ${column}); ` +
              'a quote inside a quoted value must be doubled ("")',
            column,
          );
        }
      } else {
        const start = i;
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === D || c === NEWLINE) break;
          i++;
        }
        if (i >= n && !final) return -1;
        cells.push(s.slice(start, i));
        lastEmpty = i === start;
      }
      if (i < n && s.charCodeAt(i) === D) {
        i++;
        if (i >= n && !final) return -1;
        continue;
      }
      if (i < n) {
        i++; // the \n ending the record
        line++;
      } else if (!final) return -1;
      break;
    }
    this.line = line;
    if (cells.length === 1 && lastEmpty) return i; // a record that is one empty field: skipped
    if (this.header === null) this.setHeader(cells, recordLine);
    else {
      if (cells.length !== this.nCols) throw this.ragged(cells.length, recordLine);
      this.position.line = recordLine;
      for (let c = 0; c < cells.length; c++) this.builders[c]?.addString(cells[c] as string);
      this.rowCount++;
    }
    return i;
  }

  private setHeader(cells: string[], line: number): void {
    const names = checkHeader(cells, this.file, line);
    this.header = names;
    this.headerLine = line;
    this.nCols = names.length;
    const { types = {}, only } = this.options;
    this.builders = names.map((name) => {
      if (only !== undefined && !only.has(name)) return null;
      const forced = Object.prototype.hasOwnProperty.call(types, name) ? (types[name] as ColumnKind) : null;
      return new ColumnBuilder(name, forced, this.position, 1024, only !== undefined);
    });
  }

  private ragged(fields: number, at: number): DataError {
    const hint = fields > this.nCols ? ` (a value containing ${delimiterName(this.delimiter ?? ',')} must be quoted)` : '';
    return lineError(this.file, at, `${fields} ${fields === 1 ? 'field' : 'fields'}, but the header has ${this.nCols}${hint}`);
  }

  private tooLong(text: string): never {
    const q = text.indexOf('"');
    const before = text.slice(0, Math.max(0, q));
    const nl = before.split('\n');
    const line = this.line + nl.length - 1;
    const column = (nl[nl.length - 1]?.length ?? 0) + 1;
    throw lineError(
      this.file,
      line,
      `unclosed quote (a field opens with " and runs on for more than ${MAX_RECORD_CHARS / 1024 / 1024}M characters)`,
      column,
    );
  }
}
