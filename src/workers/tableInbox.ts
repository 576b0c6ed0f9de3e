/**
 * A worker's inbox for tables sent by the data worker down a MessagePort (src/protocol/data.ts),
 * so that a large table never passes through the page's thread.
 *
 * The page sends { type: 'tablePort', id, port } when a load starts and, if it keeps the result,
 * { type: 'useTable', id } afterwards. The table may arrive on the port before or after 'useTable'
 * (two channels, no order between them): take(id) waits for it. Only the newest staged load is kept:
 * staging a new one drops the older ones (cancelled or superseded loads).
 */
import type { Table } from '../core/table.ts';
import type { TablePortMessage } from '../protocol/data.ts';

export class TableInbox {
  private staged = new Map<number, Promise<Table>>();

  stage(id: number, port: MessagePort): void {
    this.staged.clear();
    this.staged.set(
      id,
      new Promise<Table>((resolve) => {
        port.onmessage = (event: MessageEvent<TablePortMessage>) => {
          port.close();
          resolve(event.data.table);
        };
      }),
    );
  }

  /** The staged table of load `id` (waits for it to arrive); rejects if that load was never staged here. */
  take(id: number): Promise<Table> {
    const table = this.staged.get(id);
    this.staged.delete(id);
    return table ?? Promise.reject(new Error(`table ${id} was never staged in this worker`));
  }
}
