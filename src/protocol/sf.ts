/**
 * Messages between the page and the SF worker (src/workers/sf.worker.ts). One definition, both sides.
 * The table is sent once ('setTable') and kept in the worker; each 'apply' sends only SF source.
 */
import type { Table } from '../core/table.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';

export type SfRequest =
  | { type: 'setTable'; table: Table }
  | { type: 'apply'; id: number; source: string };

export type SfResponse =
  /** Sent just before an SF starts running, so a timeout can name the SF that hung. */
  | { type: 'started'; id: number; sf: string }
  | { type: 'done'; id: number; slices: SliceResult[] }
  | { type: 'failed'; id: number; errors: SfError[] };
