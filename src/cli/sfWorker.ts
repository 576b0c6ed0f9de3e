/**
 * The CLI's SF worker thread: the same handler as the app's Web Worker (core/slicing/handler.ts),
 * wired to node:worker_threads. Runs user code; the parent stops it after a timeout.
 */
import { parentPort } from 'node:worker_threads';
import { createSfHandler } from '../workers/sfHandler.ts';
import { lockDownIntrinsics } from '../core/slicing/sandbox.ts';
import type { SfRequest } from '../protocol/sf.ts';

const port = parentPort;
if (!port) throw new Error('sfWorker.ts must run in a worker thread');
const handle = createSfHandler((message, transfer) => port.postMessage(message, transfer));
port.on('message', (request: SfRequest) => handle(request));
// As in the app's worker: function constructors and string timers throw (see sandbox.ts).
lockDownIntrinsics(globalThis);
