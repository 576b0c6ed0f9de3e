/**
 * The discovery worker's message handler, as a plain function (unit-tested in Node without a
 * Worker): keeps the table from 'setTable', answers 'discover' with SliceLine's top slices on the
 * valid rows (src/core/discovery).
 */
import { discoverSlices, errorsFromColumn, errorsFromPredictions, validRows } from '../core/discovery/index.ts';
import type { Table } from '../core/table.ts';
import type { DiscoverRequest, DiscoverResponse } from '../protocol/discover.ts';

export type DiscoverPost = (message: DiscoverResponse) => void;

/** Progress messages are sent at most this often (ms). */
const PROGRESS_MS = 100;

export function createDiscoverHandler(post: DiscoverPost, now: () => number = Date.now): (request: DiscoverRequest) => void {
  let table: Table | null = null;
  return (request) => {
    if (request.type === 'setTable') {
      table = request.table;
      return;
    }
    const { id, config, errors: source, columns, options } = request;
    try {
      if (table === null) throw new Error('no table to search yet');
      const t = table;
      const rows = validRows(t, config);
      const errors =
        source.kind === 'predictions'
          ? errorsFromPredictions(t, config.label, rows, source.predicted, source.classes)
          : errorsFromColumn(t, config.label, source.column, rows);
      let last = -Infinity;
      const result = discoverSlices({
        table: t,
        rows,
        errors,
        columns,
        options,
        onProgress: (progress) => {
          const at = now();
          if (at - last < PROGRESS_MS && progress.fraction < 1) return;
          last = at;
          post({ type: 'progress', id, progress });
        },
      });
      post({ type: 'done', id, result });
    } catch (error) {
      post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    }
  };
}
