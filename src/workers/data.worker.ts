/**
 * The data worker: reads an uploaded file into a columnar Table off the main thread (protocol:
 * src/protocol/data.ts). Thin on purpose: the reading is src/core/data/load.ts, the summaries
 * src/core/data/summary.ts. Progress is throttled to ~10 messages a second. Copies for the SF and
 * training workers go down the request's ports (cloned here, off the page's thread); the page's copy
 * is packed and its buffers transferred.
 */
import { loadTable } from '../core/data/load.ts';
import { summarizeColumns } from '../core/data/summary.ts';
import { packTable, tableBuffers } from '../core/tableTransfer.ts';
import type { DataRequest, DataResponse, TablePortMessage } from '../protocol/data.ts';

const PROGRESS_EVERY_MS = 100;

function post(message: DataResponse, transfer: ArrayBuffer[] = []): void {
  postMessage(message, transfer);
}

addEventListener('message', (event: MessageEvent<DataRequest>) => {
  void load(event.data);
});

async function load({ id, file, name, types, ports = [] }: DataRequest): Promise<void> {
  const started = performance.now();
  let last = 0;
  try {
    const table = await loadTable(file, name, {
      ...(types ? { types } : {}),
      onProgress(p) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        post({ type: 'progress', id, ...p });
      },
    });
    const summaries = summarizeColumns(table);
    for (const port of ports) {
      const message: TablePortMessage = { id, table };
      port.postMessage(message);
      port.close();
    }
    const packed = packTable(table);
    post({ type: 'loaded', id, table: packed, summaries, millis: performance.now() - started }, tableBuffers(packed));
  } catch (error) {
    ports.forEach((port) => port.close());
    post({ type: 'failed', id, message: describe(error, name) });
  }
}

function describe(error: unknown, name: string): string {
  if (error instanceof RangeError) {
    return `${name}: the file is too large for this browser tab to hold (${error.message}). Try a smaller file or fewer columns.`;
  }
  return error instanceof Error ? error.message : String(error);
}
