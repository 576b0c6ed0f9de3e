/**
 * The discovery worker: SliceLine off the main thread. Thin on purpose: the logic is
 * ./discoverHandler.ts; this file wires it to the worker's messages and to the table inbox
 * (a loaded file's table comes straight from the data worker, see ./tableInbox.ts).
 */
import type { DiscoverRequest } from '../protocol/discover.ts';
import type { TableDelivery } from '../protocol/data.ts';
import { createDiscoverHandler } from './discoverHandler.ts';
import { TableInbox } from './tableInbox.ts';

const handle = createDiscoverHandler((message) => self.postMessage(message));
const inbox = new TableInbox();
let ready: Promise<unknown> = Promise.resolve();

self.addEventListener('message', (event: MessageEvent<DiscoverRequest | TableDelivery>) => {
  const request = event.data;
  if (request.type === 'tablePort') return inbox.stage(request.id, request.port);
  if (request.type === 'useTable') {
    const table = inbox.take(request.id);
    ready = ready
      .then(() => table)
      .then(
        (t) => handle({ type: 'setTable', table: t }),
        () => undefined,
      );
    return;
  }
  // Requests wait, in order, until the table the page chose is in place.
  ready = ready.then(() => handle(request));
});
