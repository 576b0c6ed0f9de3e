/**
 * parseTable: the text of a user's file into a Table, dispatched on the file name's extension.
 *
 *   .csv .txt        delimited, delimiter sniffed among , tab ; |     (delimited.ts)
 *   .tsv .tab        tab-delimited                                      (delimited.ts)
 *   .json            an array of objects                                (json.ts)
 *   .jsonl .ndjson   one object per line                                (json.ts)
 *
 * A UTF-8 byte order mark is dropped. Column kinds are inferred (infer.ts); missing cells are NaN in
 * number columns and '' in the others. Every problem with the file throws a DataError whose message
 * names the file and, where it can, the line: `data.csv line 7: 3 fields, but the header has 4`.
 */
import { parseDelimited } from './delimited.ts';
import { parseJsonLines, parseJsonTable } from './json.ts';
import { fileError } from './errors.ts';
import type { Table } from '../table.ts';

export { DataError } from './errors.ts';

export const SUPPORTED_EXTENSIONS = ['.csv', '.txt', '.tsv', '.tab', '.json', '.jsonl', '.ndjson'] as const;

/** '.csv' for 'Data.CSV'; '' when the name has no extension. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function parseTable(text: string, fileName: string): Table {
  const ext = extensionOf(fileName);
  const known = (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
  if (!known) {
    const what = ext === '' ? 'a file name without an extension' : `unsupported file type "${ext}"`;
    throw fileError(fileName, `${what} (use .csv, .tsv, .json or .jsonl)`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw fileError(fileName, 'the file is empty');
  switch (ext) {
    case '.json':
      return parseJsonTable(body, fileName);
    case '.jsonl':
    case '.ndjson':
      return parseJsonLines(body, fileName);
    case '.tsv':
    case '.tab':
      return parseDelimited(body, fileName, '\t');
    default:
      return parseDelimited(body, fileName);
  }
}
