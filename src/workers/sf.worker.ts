/**
 * The SF worker: runs user slicing functions off the main thread, so an endless loop can be stopped
 * by terminating this worker (src/store/sfClient.ts does that on its per-SF timeout).
 * Thin on purpose: the logic is src/core/slicing/handler.ts; this file only wires it up and locks
 * down the worker's own globals (see src/core/slicing/sandbox.ts for what that does and does not stop).
 */
import { createSfHandler } from './sfHandler.ts';
import { lockDownGlobals, lockDownIntrinsics } from '../core/slicing/sandbox.ts';
import type { SfRequest } from '../protocol/sf.ts';
import type { TableDelivery } from '../protocol/data.ts';
import { TableInbox } from './tableInbox.ts';

// Keep our own postMessage before lockDownGlobals removes the global one from SF code's reach.
const post = self.postMessage.bind(self);
const handle = createSfHandler((message, transfer) => post(message, transfer));

// A loaded file's table comes straight from the data worker (src/workers/tableInbox.ts); requests
// wait, in order, until the table the page chose is in place.
const inbox = new TableInbox();
let ready: Promise<unknown> = Promise.resolve();
self.addEventListener('message', (event: MessageEvent<SfRequest | TableDelivery>) => {
  const request = event.data;
  if (request.type === 'tablePort') return inbox.stage(request.id, request.port);
  if (request.type === 'useTable') {
    const table = inbox.take(request.id); // now: a later 'tablePort' would drop it
    ready = ready
      .then(() => table)
      .then(
        (t) => handle({ type: 'setTable', table: t }),
        () => undefined,
      );
    return;
  }
  // A throw in the handler must still reach the page as a worker error (sfClient restarts on it),
  // and must not stop the requests after it.
  ready = ready
    .then(() => handle(request))
    .catch((error: unknown) =>
      setTimeout(() => {
        throw error;
      }),
    );
});
// An async SF's rejected promise is already reported as a non-boolean result; keep it off the console.
self.addEventListener('unhandledrejection', (event) => event.preventDefault());

lockDownGlobals(self);
// Function/AsyncFunction/Generator constructors, string timers, Error.prepareStackTrace: see sandbox.ts.
lockDownIntrinsics(self);
