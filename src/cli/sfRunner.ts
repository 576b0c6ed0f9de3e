/**
 * Applies SFs for the CLI in a worker thread, through the app's own SF supervisor (bridge/sfClient.ts):
 * one policy everywhere. The clock counts per SF and starts when the thread has booted and taken the
 * request (booting tsx in a thread takes seconds on a loaded machine, and that is not the SF's time).
 * A hung SF is stopped, skipped and named, and the other SFs' results and errors still arrive.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import { SfClient, type SfWorkerLike } from '../bridge/sfClient.ts';
import type { ApplyResult } from '../core/slicing/apply.ts';
import type { Table } from '../core/table.ts';
import type { SfResponse } from '../protocol/sf.ts';

export const CLI_SF_TIMEOUT_MS = 30_000;
const BOOT_TIMEOUT_MS = 120_000;

/** A node:worker_threads Worker as the supervisor sees a worker. Its boot file registers tsx, then loads sfWorker.ts. */
function sfThread(): SfWorkerLike {
  const thread = new Worker(new URL('./sfWorker.boot.mjs', import.meta.url));
  const like: SfWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer) => thread.postMessage(message, transfer as TransferListItem[] | undefined),
    terminate: () => void thread.terminate(),
  };
  thread.on('message', (data: SfResponse) => like.onmessage?.({ data }));
  thread.on('error', (error) => like.onerror?.({ message: error.message }));
  return like;
}

export async function applySfsInWorker(table: Table, source: string, timeoutMs = CLI_SF_TIMEOUT_MS): Promise<ApplyResult> {
  const client = new SfClient(sfThread, { startMs: BOOT_TIMEOUT_MS });
  try {
    client.setTable(table);
    const result = await client.apply(source, { timeoutMs });
    return result.ok ? { ok: true, slices: result.slices } : { ok: false, errors: result.errors };
  } finally {
    client.dispose();
  }
}
