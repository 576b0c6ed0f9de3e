/**
 * Training worker: a thin shell around the pure session handler (src/core/train/session.ts).
 * Protocol: src/protocol/train.ts, plus the table delivery of src/protocol/data.ts (a loaded file's
 * table comes straight from the data worker; 'trainTable' runs wait until it has arrived).
 * Trained models stay here (see session.models()) for later use; 'export' sends one out in the
 * servable format, its weights buffer transferred.
 */
import { createTrainSession } from './trainSession.ts';
import type { TableDelivery } from '../protocol/data.ts';
import type { TrainRequest, TrainResponse } from '../protocol/train.ts';
import { selectBackend } from './tfBackend.ts';
import { TableInbox } from './tableInbox.ts';

const session = createTrainSession({
  post: (message: TrainResponse, transfer?: ArrayBuffer[]) => postMessage(message, transfer ?? []),
  selectBackend,
});
const inbox = new TableInbox();
/** Settles when the table the page last chose is in the session. */
let tableReady: Promise<void> = Promise.resolve();

addEventListener('message', (event: MessageEvent<TrainRequest | TableDelivery>) => {
  const request = event.data;
  switch (request.type) {
    case 'tablePort':
      inbox.stage(request.id, request.port);
      return;
    case 'useTable': {
      const table = inbox.take(request.id); // now: a later 'tablePort' would drop it
      // A lost table (the worker restarted in between) must not wedge later runs: they then train on
      // the table the page re-sent with its restart ('setTable').
      tableReady = tableReady
        .then(() => table)
        .then(
          (t) => session.handle({ type: 'setTable', table: t }),
          () => undefined,
        );
      return;
    }
    case 'setTable':
      tableReady = tableReady.then(() => session.handle(request));
      return;
    case 'trainTable':
      void tableReady.then(() => session.handle(request));
      return;
    default:
      void session.handle(request);
  }
});
