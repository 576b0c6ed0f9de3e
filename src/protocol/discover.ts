/**
 * Messages between the page and the discovery worker (src/workers/discover.worker.ts). One
 * definition, both sides (the page's side is src/bridge/discoverClient.ts).
 *
 * The table arrives once, as for the SF and training workers: 'setTable' from the page, or a
 * TableDelivery ('tablePort' then 'useTable', src/protocol/data.ts) straight from the data worker.
 * 'discover' sends only the choices and what the errors come from: a run's predicted class per
 * table row (buffer transferred) or the name of a prediction column. The worker searches the valid
 * split only. It answers 'progress' (at most ~10 a second) and then exactly one of 'done' or
 * 'failed'. Cancelling is the page terminating the worker: the search is one tight loop.
 */
import type { Table } from '../core/table.ts';
import type { DiscoveryOptions, DiscoveryProgress, DiscoveryResult } from '../core/discovery/types.ts';
import type { HeldOutConfig } from '../core/discovery/heldOut.ts';

/** Where a row's error comes from. */
export type ErrorSource =
  /** predicted[row] = class index into `classes`, for every table row (a training run's 'done'). */
  | { kind: 'predictions'; predicted: Int32Array; classes: string[] }
  /** A column of the table holding another model's predictions. */
  | { kind: 'column'; column: string };

export type DiscoverRequest =
  | { type: 'setTable'; table: Table }
  | { type: 'discover'; id: number; config: HeldOutConfig; errors: ErrorSource; columns: string[]; options: DiscoveryOptions };

export type DiscoverResponse =
  | { type: 'progress'; id: number; progress: DiscoveryProgress }
  | { type: 'done'; id: number; result: DiscoveryResult }
  | { type: 'failed'; id: number; message: string };
