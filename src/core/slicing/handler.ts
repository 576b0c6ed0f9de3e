/**
 * The SF worker's logic, kept out of the worker file so it runs (and is tested) in Node.
 * src/workers/sf.worker.ts only wires it to postMessage. RUNS USER CODE.
 */
import type { SfRequest, SfResponse } from '../../protocol/sf.ts';
import type { Table } from '../table.ts';
import { errorMessage } from './compile.ts';
import { runSfSource } from './run.ts';

/** postMessage with a transfer list (the slice masks' buffers). */
export type SfPost = (message: SfResponse, transfer: ArrayBuffer[]) => void;

/**
 * Returns the message handler. It keeps the table from 'setTable'; on 'apply' it posts 'started'
 * before each SF, then exactly one 'done' (mask buffers transferred: the worker keeps no copy) or
 * 'failed'. It never throws: an unexpected exception becomes 'failed' with a 'runtime' error.
 */
export function createSfHandler(post: SfPost): (request: SfRequest) => void {
  let table: Table | null = null;
  return (request) => {
    if (request.type === 'setTable') {
      table = request.table;
      return;
    }
    const { id } = request;
    try {
      if (table === null) {
        post({ type: 'failed', id, errors: [{ kind: 'runtime', message: 'No dataset loaded yet: load one before applying SFs.' }] }, []);
        return;
      }
      const result = runSfSource(table, request.source, { onStart: (sf) => post({ type: 'started', id, sf }, []) });
      if (result.ok) {
        post({ type: 'done', id, slices: result.slices }, result.slices.map((s) => s.mask.buffer as ArrayBuffer));
      } else {
        post({ type: 'failed', id, errors: result.errors }, []);
      }
    } catch (error) {
      post({ type: 'failed', id, errors: [{ kind: 'runtime', message: `The SF worker failed: ${errorMessage(error)}` }] }, []);
    }
  };
}
