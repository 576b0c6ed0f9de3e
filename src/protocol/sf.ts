/**
 * Messages between the page and the SF worker (src/workers/sf.worker.ts). One definition, both sides.
 * The table is sent once ('setTable') and kept in the worker; each 'apply' sends only SF source.
 * The worker caches each SF's mask by its cache key (core/slicing/keys.ts) and re-runs only the SFs
 * whose key changed; it computes the slices × slices overlap too (O(K²n), kept off the page).
 */
import type { Table } from '../core/table.ts';
import type { SfError, SliceResult } from '../core/slicing/types.ts';

export type SfRequest =
  | { type: 'setTable'; table: Table }
  | {
      type: 'apply';
      id: number;
      source: string;
      /**
       * Cache keys of SFs that hung in an earlier apply (the page terminated the worker): they are
       * not run again until their code changes, and are reported as 'timeout' errors instead.
       */
      skip?: string[];
      /** The per-SF time limit in ms, for the skipped SFs' messages. */
      timeoutMs?: number;
    };

export type SfResponse =
  /**
   * Sent just before an SF starts running, so a timeout can name the SF (and skip its key) when it
   * hangs. With phase 'load' (and sf ''), sent first: the worker received the apply and now runs the
   * file's top-level code (the page's clock for that starts here, not while the worker boots).
   */
  | { type: 'started'; id: number; sf: string; phase?: 'load'; key?: string; line?: number }
  /** Every SF succeeded. overlap[i][j] = rows in slices i and j (parallel to slices). */
  | { type: 'done'; id: number; slices: SliceResult[]; overlap?: number[][] }
  /** Something failed. slices/overlap: the SFs that did succeed (absent when nothing ran, e.g. a syntax error). */
  | { type: 'failed'; id: number; errors: SfError[]; slices?: SliceResult[]; overlap?: number[][] };
