import { describe, expect, it } from 'vitest';
import { loadTable } from '../src/core/data/load.ts';
import { summarizeColumns } from '../src/core/data/summary.ts';
import type { DataRequest, DataResponse } from '../src/protocol/data.ts';
import { DataClient, LoadCancelled, type DataWorkerLike } from '../src/bridge/dataClient.ts';
import { packTable } from '../src/core/tableTransfer.ts';

/**
 * A worker that runs the real loader in-process (what src/workers/data.worker.ts does), or, when
 * `hold` is set, never answers (a parse stuck in a long file) so cancel can be tested.
 */
class InProcessWorker implements DataWorkerLike {
  terminated = false;
  onmessage: DataWorkerLike['onmessage'] = null;
  onerror: DataWorkerLike['onerror'] = null;
  constructor(private readonly hold = false) {}
  postMessage(message: DataRequest): void {
    if (this.hold) return;
    const reply = (m: DataResponse) => {
      if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent<DataResponse>);
    };
    void loadTable(message.file, message.name, {
      ...(message.types ? { types: message.types } : {}),
      onProgress: (p) => reply({ type: 'progress', id: message.id, ...p }),
    }).then(
      (table) => reply({ type: 'loaded', id: message.id, table: packTable(table), summaries: summarizeColumns(table), millis: 1 }),
      (error: Error) => reply({ type: 'failed', id: message.id, message: error.message }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup(hold = false) {
  const workers: InProcessWorker[] = [];
  const client = new DataClient(() => {
    const worker = new InProcessWorker(hold && workers.length === 0);
    workers.push(worker);
    return worker;
  });
  return { client, workers };
}

const csv = (rows: number) => ['a,b,label', ...Array.from({ length: rows }, (_, i) => `${i},x${i % 3},${i % 2 ? 'yes' : 'no'}`)].join('\n');

describe('DataClient', () => {
  it('reads a file in the worker: progress, then the table and its summaries', async () => {
    const { client } = setup();
    const progress: number[] = [];
    const loaded = await client.load(new Blob([csv(50)]), 'small.csv', { onProgress: (p) => progress.push(p.rows) });
    expect(loaded.table.rowCount).toBe(50);
    expect(loaded.table.columns.map((c) => c.name)).toEqual(['a', 'b', 'label']);
    expect(loaded.summaries.map((s) => s.name)).toEqual(['a', 'b', 'label']);
    expect(progress.length).toBeGreaterThan(0);
    expect(client.busy).toBe(false);
  });

  it('rejects with the loader message, naming the file and line', async () => {
    const { client } = setup();
    await expect(client.load(new Blob(['a,b\n1,2\n3\n']), 'ragged.csv')).rejects.toThrow(/ragged\.csv.*line 3/);
  });

  it('cancel rejects the load in flight with LoadCancelled and terminates that worker; the next load uses a fresh one', async () => {
    const { client, workers } = setup(true);
    const stuck = client.load(new Blob([csv(10)]), 'big.csv');
    expect(client.busy).toBe(true);
    client.cancel();
    await expect(stuck).rejects.toBeInstanceOf(LoadCancelled);
    expect(workers[0]?.terminated).toBe(true);
    const next = await client.load(new Blob([csv(5)]), 'next.csv');
    expect(next.table.rowCount).toBe(5);
    expect(workers).toHaveLength(2);
  });

  it('a new load supersedes the one in flight', async () => {
    const { client } = setup(true);
    const first = client.load(new Blob([csv(10)]), 'first.csv');
    const second = client.load(new Blob([csv(3)]), 'second.csv');
    await expect(first).rejects.toBeInstanceOf(LoadCancelled);
    expect((await second).table.rowCount).toBe(3);
  });
});

describe('a crashed data worker', () => {
  it('rejects the load in flight, naming the crash, and the next load starts a fresh worker', async () => {
    const { client, workers } = setup(true);
    const first = client.load(new Blob([csv(10)]), 'a.csv');
    workers[0]!.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(first).rejects.toThrow('The data reader crashed: out of memory. Try again.');
    expect(workers[0]!.terminated).toBe(true);
    expect(client.busy).toBe(false);
    const second = await client.load(new Blob([csv(10)]), 'b.csv');
    expect(workers).toHaveLength(2);
    expect(second.table.rowCount).toBe(10);
  });
});
