/**
 * Training worker: a thin shell around the pure session handler (src/core/train/session.ts).
 * Protocol: src/protocol/train.ts. Trained models stay here (see session.models()) for later use;
 * 'export' sends one out in the servable format, its weights buffer transferred.
 */
import { createTrainSession } from '../core/train/session.ts';
import type { TrainRequest, TrainResponse } from '../protocol/train.ts';
import { selectBackend } from './tfBackend.ts';

const session = createTrainSession({
  post: (message: TrainResponse, transfer?: ArrayBuffer[]) => postMessage(message, transfer ?? []),
  selectBackend,
});

addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  void session.handle(event.data);
});
