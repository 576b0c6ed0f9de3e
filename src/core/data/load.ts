/**
 * loadTable: a user's file (a Blob: a File in the page or worker, a Blob in Node) into a Table, the
 * way the data worker calls it.
 *
 * Text formats (CSV/TSV/any delimiter, JSON Lines) stream: file.stream() is decoded chunk by chunk
 * (TextDecoder, BOM dropped) and fed to the readers; no whole-file string exists. Columns whose
 * inferred kind turned out wrong part-way (a number column meeting 'n/a-ish' text) are read in a
 * second streamed pass, for those columns only (rare; it costs one more read of the file). A JSON
 * array is parsed whole (JSON.parse needs it); Parquet and Arrow are read from file.arrayBuffer().
 *
 * options.types: kinds chosen by the user; a cell that does not fit becomes missing and is counted in
 * table.conversions (assemble.ts describeConversion gives the sentence to show).
 * options.onProgress: after every chunk (about 1 MB of text), bytes read and rows so far. When a
 * second pass is needed, totalBytes doubles for it (it is more work) and bytes keeps growing, so a
 * progress bar never goes back.
 * options.signal: checked between chunks; aborting rejects with the signal's reason (an AbortError
 * DOMException unless the caller gave another) within one chunk's work.
 * Every problem is a DataError naming the file and where (see csv.ts, json.ts); a file too large to
 * hold is a DataError with its size (asTooLarge).
 */
import { CsvReader } from './csv.ts';
import { collectRecords, JsonLinesReader, parseJsonArray } from './json.ts';
import { assembleTable, asTooLarge, failedColumns, formatBytes } from './assemble.ts';
import { formatOf, recordsTable } from './parse.ts';
import { fileError } from './errors.ts';
import { yieldToEventLoop } from '../train/yieldNow.ts';
import type { ColumnBuilder } from './builder.ts';
import type { ColumnKind, Table } from '../table.ts';

export interface LoadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface LoadOptions {
  types?: Record<string, ColumnKind>;
  signal?: AbortSignal;
  onProgress?(p: LoadProgress): void;
}

/** Text is handed to the readers in pieces of at least this many characters. */
const FEED_CHARS = 1 << 20;

export async function loadTable(file: Blob, fileName: string, options: LoadOptions = {}): Promise<Table> {
  const format = formatOf(fileName);
  options.signal?.throwIfAborted();
  if (file.size === 0) throw fileError(fileName, 'the file is empty');
  try {
    switch (format) {
      case 'parquet':
      case 'arrow': {
        const buffer = await file.arrayBuffer();
        options.signal?.throwIfAborted();
        // Loaded on first use: the Parquet and Arrow readers are only needed for those files.
        const { readArrow, readParquet } = await import('./columnar.ts');
        const table =
          format === 'parquet' ? await readParquet(buffer, fileName, options.types) : readArrow(buffer, fileName, options.types);
        options.onProgress?.({ bytes: file.size, totalBytes: file.size, rows: table.rowCount });
        return table;
      }
      case 'json': {
        const text = await readWholeText(file, options);
        if (text.trim() === '') throw fileError(fileName, 'the file is empty');
        const records = parseJsonArray(text, fileName);
        const types = options.types ? { types: options.types } : {};
        return recordsTable(fileName, collectRecords(records, types), (only) => collectRecords(records, { ...types, only }));
      }
      case 'jsonl': {
        const read = async (only?: Set<string>) => {
          const reader = new JsonLinesReader(fileName, { ...(options.types ? { types: options.types } : {}), ...(only ? { only } : {}) });
          const blank = await streamText(
            file,
            options,
            () => reader.rows,
            (text, final) => reader.feed(text, final),
          );
          if (blank) throw fileError(fileName, 'the file is empty');
          return reader.collector;
        };
        const first = await read();
        first.check(fileName);
        const failed = failedColumns([...first.builders.values()]);
        const second = failed.size > 0 ? (await read(failed)).builders : new Map<string, ColumnBuilder>();
        return assembleTable(fileName, [...first.builders.values()], first.rows, second);
      }
      default:
        return await loadDelimited(file, fileName, format === 'tsv', options);
    }
  } catch (e) {
    throw asTooLarge(e, fileName, file.size);
  }
}

async function loadDelimited(file: Blob, fileName: string, tsv: boolean, options: LoadOptions): Promise<Table> {
  const types = options.types ? { types: options.types } : {};
  const reader = new CsvReader(fileName, { ...(tsv ? { delimiter: '\t' as const } : {}), ...types });
  reader.expectChars(file.size);
  const blank = await streamText(
    file,
    options,
    () => reader.rows,
    (text, final) => reader.feed(text, final),
  );
  if (blank) throw fileError(fileName, 'the file is empty');
  const first = reader.result();
  const failed = failedColumns(first.builders);
  const again = new Map<string, ColumnBuilder>();
  if (failed.size > 0) {
    const second = new CsvReader(fileName, { delimiter: reader.delimiterUsed, ...types, only: failed });
    second.expectChars(file.size);
    // Progress of the second pass continues the first's: bytes past the file size, of twice the size.
    const onProgress = options.onProgress;
    const again2: LoadOptions = {
      ...options,
      ...(onProgress
        ? { onProgress: (p: LoadProgress) => onProgress({ bytes: file.size + p.bytes, totalBytes: 2 * file.size, rows: first.rows }) }
        : {}),
    };
    await streamText(
      file,
      again2,
      () => first.rows,
      (text, final) => second.feed(text, final),
    );
    for (const b of second.result().builders) if (b) again.set(b.name, b);
  }
  return assembleTable(fileName, first.builders, first.rows, again);
}

/**
 * Streams the file's text to `feed` in pieces of >= FEED_CHARS characters (the last one with
 * final = true), with progress and an abort check between pieces. Returns whether the whole text
 * was blank (only whitespace); a blank file is not fed at all.
 */
async function streamText(
  file: Blob,
  options: LoadOptions,
  rows: () => number,
  feed: (text: string, final: boolean) => void,
): Promise<boolean> {
  const { signal, onProgress } = options;
  const decoder = new TextDecoder('utf-8'); // drops a BOM
  const stream = file.stream().getReader();
  let parts: string[] = [];
  let partChars = 0;
  let bytes = 0;
  let blank = true;
  const hand = (final: boolean) => {
    const text = parts.length === 1 ? (parts[0] as string) : parts.join('');
    parts = [];
    partChars = 0;
    feed(text, final);
  };
  try {
    for (;;) {
      if (signal?.aborted) {
        await stream.cancel().catch(() => undefined);
        signal.throwIfAborted();
      }
      const { done, value } = await stream.read();
      if (done) break;
      bytes += value.byteLength;
      const text = decoder.decode(value, { stream: true });
      if (blank && text.trim() !== '') blank = false;
      parts.push(text);
      partChars += text.length;
      // Held back while blank so far: a file of whitespace is "empty", not fed.
      if (partChars >= FEED_CHARS && !blank) {
        hand(false);
        onProgress?.({ bytes, totalBytes: file.size, rows: rows() });
        await yieldToEventLoop(); // let an abort (or any message) in between pieces
      }
    }
    const rest = decoder.decode();
    if (blank && rest.trim() !== '') blank = false;
    if (blank) return true;
    parts.push(rest);
    hand(true);
    onProgress?.({ bytes, totalBytes: file.size, rows: rows() });
  } finally {
    stream.releaseLock();
  }
  return false;
}

/** The whole text (a JSON array needs it for JSON.parse), streamed with progress and abort checks. */
async function readWholeText(file: Blob, options: LoadOptions): Promise<string> {
  const pieces: string[] = [];
  await streamText(
    file,
    options,
    () => 0,
    (text) => pieces.push(text),
  );
  return pieces.join('');
}

export { formatBytes };
