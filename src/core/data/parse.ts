/**
 * parseTable: the whole text of a user's file into a Table, synchronously (tests, the CLI, small
 * files). loadTable (load.ts) is the streaming loader for Blobs and also reads Parquet and Arrow;
 * both share the readers (csv.ts, json.ts) and column builders (builder.ts), so they give the same
 * Table for the same text.
 *
 *   .csv .txt        delimited, delimiter sniffed among , tab ; |     (csv.ts)
 *   .tsv .tab        tab-delimited                                      (csv.ts)
 *   .json            an array of objects                                (json.ts)
 *   .jsonl .ndjson   one object per line                                (json.ts)
 *   .parquet, .arrow .feather .ipc: binary, loadTable only.
 *
 * A UTF-8 byte order mark is dropped. Column kinds are inferred (builder.ts) unless `types` names
 * them. Every problem with the file throws a DataError whose message names the file and, where it
 * can, the line: `data.csv line 7: 3 fields, but the header has 4`.
 */
import { CsvReader, type Delimiter } from './csv.ts';
import { collectRecords, JsonLinesReader, parseJsonArray, type RecordCollector } from './json.ts';
import { assembleTable, asTooLarge, failedColumns } from './assemble.ts';
import { fileError } from './errors.ts';
import type { ColumnBuilder } from './builder.ts';
import type { ColumnKind, Table } from '../table.ts';

export { DataError } from './errors.ts';

export type FileFormat = 'delimited' | 'tsv' | 'json' | 'jsonl' | 'parquet' | 'arrow';

const FORMATS: Record<string, FileFormat> = {
  '.csv': 'delimited',
  '.txt': 'delimited',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

/** '.csv' for 'Data.CSV'; '' when the name has no extension. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** The format a file name says, or a DataError naming the unsupported extension. */
export function formatOf(fileName: string): FileFormat {
  const ext = extensionOf(fileName);
  const format = Object.prototype.hasOwnProperty.call(FORMATS, ext) ? FORMATS[ext] : undefined;
  if (format === undefined) {
    const what = ext === '' ? 'a file name without an extension' : `unsupported file type "${ext}"`;
    throw fileError(fileName, `${what} (use .csv, .tsv, .json, .jsonl, .parquet or .arrow)`);
  }
  return format;
}

export interface ParseOptions {
  types?: Record<string, ColumnKind>;
}

export function parseTable(text: string, fileName: string, options: ParseOptions = {}): Table {
  const format = formatOf(fileName);
  if (format === 'parquet' || format === 'arrow') {
    throw fileError(fileName, `a ${format === 'parquet' ? 'Parquet' : 'Arrow'} file is binary: load it with loadTable`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw fileError(fileName, 'the file is empty');
  try {
    switch (format) {
      case 'json':
        return recordsTable(fileName, collectRecords(parseJsonArray(body, fileName), options), (only) =>
          collectRecords(parseJsonArray(body, fileName), { ...options, only }),
        );
      case 'jsonl':
        return recordsTable(fileName, readJsonLines(body, fileName, options), (only) =>
          readJsonLines(body, fileName, { ...options, only }),
        );
      default: {
        const delimiter: Delimiter | undefined = format === 'tsv' ? '\t' : undefined;
        return parseDelimitedText(body, fileName, delimiter, options.types);
      }
    }
  } catch (e) {
    throw asTooLarge(e, fileName, text.length);
  }
}

function readJsonLines(text: string, file: string, options: { types?: Record<string, ColumnKind>; only?: Set<string> }): RecordCollector {
  const reader = new JsonLinesReader(file, options);
  reader.feed(text, true);
  return reader.collector;
}

/** A JSON/JSONL collector's table, re-reading failed columns with `again`. */
export function recordsTable(file: string, first: RecordCollector, again: (only: Set<string>) => RecordCollector): Table {
  first.check(file);
  const builders = [...first.builders.values()];
  const failed = failedColumns(builders);
  const second = failed.size > 0 ? again(failed).builders : new Map<string, ColumnBuilder>();
  return assembleTable(file, builders, first.rows, second);
}

/** Delimited text (BOM already stripped). `delimiter` undefined: sniffed. */
export function parseDelimitedText(text: string, file: string, delimiter?: Delimiter, types?: Record<string, ColumnKind>): Table {
  const reader = new CsvReader(file, { ...(delimiter ? { delimiter } : {}), ...(types ? { types } : {}) });
  reader.feed(text, true);
  const first = reader.result();
  const failed = failedColumns(first.builders);
  const again = new Map<string, ColumnBuilder>();
  if (failed.size > 0) {
    const second = new CsvReader(file, { delimiter: reader.delimiterUsed, ...(types ? { types } : {}), only: failed });
    second.feed(text, true);
    for (const b of second.result().builders) if (b) again.set(b.name, b);
  }
  return assembleTable(file, first.builders, first.rows, again);
}
