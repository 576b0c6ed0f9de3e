/** What slicing produces and how it fails. Plain data: crosses the worker boundary as is. */

export type SfErrorKind = 'compile' | 'duplicate' | 'runtime' | 'nonBoolean' | 'timeout' | 'noSfs';

export interface SfError {
  kind: SfErrorKind;
  message: string;
  /** The SF concerned, when one is. */
  sf?: string;
  /** 0-based row index of the first failing row (runtime, nonBoolean). */
  row?: number;
  /**
   * 1-based position in the SF source, when known: the error itself for syntax/import/duplicate
   * errors; the line where the SF threw for runtime errors (else its export line); the SF's export
   * line for nonBoolean. Sucrase keeps line numbers, so lines in compiled code are source lines.
   */
  line?: number;
  column?: number;
}

export interface SliceResult {
  name: string;
  /** [rows] 1 = row is in the slice. */
  mask: Uint8Array;
  count: number;
  /** Time the SF took over all rows, in ms (of the run that computed the mask, when reused). */
  millis: number;
  /** True when the mask came from the worker's cache (the SF's code and what it sees did not change). */
  reused?: boolean;
}
