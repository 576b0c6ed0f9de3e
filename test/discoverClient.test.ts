import { describe, expect, it } from 'vitest';
import { categoryColumn, type Table } from '../src/core/table.ts';
import type { DiscoverRequest, DiscoverResponse } from '../src/protocol/discover.ts';
import type { TableDelivery } from '../src/protocol/data.ts';
import { createDiscoverHandler } from '../src/workers/discoverHandler.ts';
import { DiscoverCancelled, DiscoverClient, type DiscoverWorkerLike } from '../src/bridge/discoverClient.ts';

const table: Table = {
  source: 'test:client',
  rowCount: 4,
  columns: [
    categoryColumn('a', ['p', 'p', 'q', 'q']),
    categoryColumn('y', ['y', 'y', 'n', 'n']),
    categoryColumn('split', ['valid', 'valid', 'valid', 'valid']),
  ],
};
const job = {
  config: { label: 'y', splitColumn: 'split', seed: 1 },
  errors: { kind: 'predictions' as const, predicted: new Int32Array(4), classes: ['n', 'y'] },
  columns: ['a'],
  options: { minSupport: 1 },
};

/** A fake worker wired to the real handler; `hold` keeps requests until release() (a long search). */
function fakeWorkers() {
  const made: { worker: DiscoverWorkerLike; terminated: boolean; received: string[]; release(): void }[] = [];
  const factory = () => {
    const held: (DiscoverRequest | TableDelivery)[] = [];
    const entry = {
      terminated: false,
      received: [] as string[],
      release() {
        for (const m of held.splice(0)) if (m.type === 'setTable' || m.type === 'discover') handle(m);
      },
      worker: {
        onmessage: null,
        onerror: null,
        postMessage(message: DiscoverRequest | TableDelivery) {
          entry.received.push(message.type);
          held.push(message);
        },
        terminate() {
          entry.terminated = true;
        },
      } as DiscoverWorkerLike,
    };
    const handle = createDiscoverHandler((m: DiscoverResponse) => {
      if (!entry.terminated) entry.worker.onmessage?.({ data: m } as MessageEvent<DiscoverResponse>);
    });
    made.push(entry);
    return entry.worker;
  };
  return { made, factory };
}

describe('DiscoverClient', () => {
  it('starts its worker on first use with the table, and resolves with the result', async () => {
    const { made, factory } = fakeWorkers();
    const client = new DiscoverClient(factory);
    client.setTable(table);
    expect(made).toHaveLength(0); // no worker until a search
    const progress: number[] = [];
    const promise = client.discover(job, (p) => progress.push(p.fraction));
    expect(made[0]?.received).toEqual(['setTable', 'discover']);
    made[0]!.release();
    const result = await promise;
    expect(result.slices[0]?.description).toBe('a = "p"');
    expect(progress).toContain(1);
    expect(client.busy).toBe(false);
  });

  it('cancel terminates the worker and rejects; the next search starts a fresh one with the table', async () => {
    const { made, factory } = fakeWorkers();
    const client = new DiscoverClient(factory);
    client.setTable(table);
    const first = client.discover(job);
    client.cancel();
    await expect(first).rejects.toBeInstanceOf(DiscoverCancelled);
    expect(made[0]?.terminated).toBe(true);
    const second = client.discover(job);
    expect(made[1]?.received).toEqual(['setTable', 'discover']);
    made[1]!.release();
    expect((await second).rows).toBe(4);
  });

  it('stages tables only while its worker runs', () => {
    const { factory } = fakeWorkers();
    const client = new DiscoverClient(factory);
    expect(client.stageTable(1)).toEqual([]);
  });
});
