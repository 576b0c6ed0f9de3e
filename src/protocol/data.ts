/**
 * Messages between the page and the data worker (src/workers/data.worker.ts), which reads uploaded
 * files so that parsing a large one never blocks the page.
 *
 * 'load' reads one file (a File or Blob: the worker streams it) with optional column type overrides.
 * The worker answers with 'progress' messages (at most every ~100 ms) and then exactly one of
 * 'loaded' or 'failed' (a message that names the file and, where it can, the line and column).
 *
 * Before 'loaded', the worker sends a copy of the table ({ id, table }: a TablePortMessage) down each
 * of the request's `ports`: that is how the SF and training workers get the table without the page's
 * thread copying it (see src/workers/tableInbox.ts). The page's own copy in 'loaded' is a
 * PackedTable (src/core/tableTransfer.ts) with its buffers transferred.
 *
 * Cancelling is done by the page terminating the worker (src/store/dataClient.ts): parsing may be
 * deep in a tight loop.
 */
import type { ColumnKind, Table } from '../core/table.ts';
import type { ColumnSummary } from '../core/data/summary.ts';
import type { PackedTable } from '../core/tableTransfer.ts';

export type DataRequest = {
  type: 'load';
  id: number;
  file: Blob;
  name: string;
  types?: Record<string, ColumnKind>;
  ports?: MessagePort[];
};

export type DataResponse =
  | { type: 'progress'; id: number; bytes: number; totalBytes: number; rows: number }
  | { type: 'loaded'; id: number; table: PackedTable; summaries: ColumnSummary[]; millis: number }
  | { type: 'failed'; id: number; message: string };

/** What travels down a table port: the load's id and a full copy of its table. */
export interface TablePortMessage {
  id: number;
  table: Table;
}

/**
 * Sent by the page to the SF and training workers: stage the table of load `id` arriving on `port`;
 * later, use it (the page kept that load). See src/workers/tableInbox.ts.
 */
export type TableDelivery = { type: 'tablePort'; id: number; port: MessagePort } | { type: 'useTable'; id: number };
