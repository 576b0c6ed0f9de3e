/** The hand-written loop (the ceiling) in a browser worker: a Table message is kept, null re-runs. */
import type { Table } from '../../../src/core/table.ts';
import { columnsOf, handLoop } from '../spam.ts';
import type { HandReply } from './protocol.ts';

let table: Table | null = null;

self.addEventListener('message', (event: MessageEvent<Table | null>) => {
  table = event.data ?? table;
  if (!table) return;
  const t0 = performance.now();
  const counts = handLoop(columnsOf(table));
  const reply: HandReply = { ms: performance.now() - t0, counts };
  self.postMessage(reply);
});
