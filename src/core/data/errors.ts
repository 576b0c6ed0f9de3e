/**
 * DataError: a problem with the user's data (a malformed file, a bad label or split column), as
 * opposed to a bug. The message is complete and meant for people: it says what is wrong and where,
 * e.g. `data.csv line 7: 3 fields, but the header has 4`. The fields repeat the position for UIs
 * that want to highlight it.
 */
export interface DataErrorPosition {
  /** 1-based line in the file (parse errors). */
  line?: number;
  /** 1-based column (character) in that line, when known. */
  column?: number;
  /** 1-based data row, header excluded (errors found after parsing, e.g. a missing label). */
  row?: number;
}

export class DataError extends Error {
  /** The file name or table source the error is about. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly row?: number;

  constructor(file: string, message: string, at: DataErrorPosition = {}) {
    super(message);
    this.name = 'DataError';
    this.file = file;
    if (at.line !== undefined) this.line = at.line;
    if (at.column !== undefined) this.column = at.column;
    if (at.row !== undefined) this.row = at.row;
  }
}

/** `file line N: detail`, the standard shape of a parse error. */
export function lineError(file: string, line: number, detail: string, column?: number): DataError {
  return new DataError(file, `${file} line ${line}: ${detail}`, { line, column });
}

/** `file: detail`, for errors about the file or table as a whole. */
export function fileError(file: string, detail: string, at: DataErrorPosition = {}): DataError {
  return new DataError(file, `${file}: ${detail}`, at);
}
