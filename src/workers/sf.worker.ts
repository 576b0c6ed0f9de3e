/**
 * The SF worker: runs user slicing functions off the main thread, so an endless loop can be stopped
 * by terminating this worker (src/store/sfClient.ts does that on its per-SF timeout).
 * Thin on purpose: the logic is src/core/slicing/handler.ts; this file only wires it up and locks
 * down the worker's own globals (see src/core/slicing/sandbox.ts for what that does and does not stop).
 */
import { createSfHandler } from '../core/slicing/handler.ts';
import { lockDownGlobals } from '../core/slicing/sandbox.ts';
import type { SfRequest } from '../protocol/sf.ts';

// Keep our own postMessage before lockDownGlobals removes the global one from SF code's reach.
const post = self.postMessage.bind(self);
const handle = createSfHandler((message, transfer) => post(message, transfer));

self.addEventListener('message', (event: MessageEvent<SfRequest>) => handle(event.data));
// An async SF's rejected promise is already reported as a non-boolean result; keep it off the console.
self.addEventListener('unhandledrejection', (event) => event.preventDefault());

lockDownGlobals(self);
