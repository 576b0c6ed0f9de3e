import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSfHandler } from '../src/workers/sfHandler.ts';
import { SPAM_SFS, spamTable } from './tables.ts';
import type { SfRequest, SfResponse } from '../src/protocol/sf.ts';
import type { TableDelivery } from '../src/protocol/data.ts';
import { SfClient, type SfApplyResult, type SfWorkerLike } from '../src/bridge/sfClient.ts';

/** A scripted worker: records what it is sent; the test plays the worker's replies. */
class FakeWorker implements SfWorkerLike {
  posted: (SfRequest | TableDelivery)[] = [];
  terminated = false;
  onmessage: SfWorkerLike['onmessage'] = null;
  onerror: SfWorkerLike['onerror'] = null;
  postMessage(message: SfRequest | TableDelivery): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: SfResponse): void {
    this.onmessage?.({ data: message });
  }
  lastApplyId(): number {
    const apply = this.posted.filter((m) => m.type === 'apply').pop();
    if (apply?.type !== 'apply') throw new Error('no apply posted');
    return apply.id;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new SfClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  return { client, workers, worker: (i: number) => workers[i] as FakeWorker };
}

/** Tracks whether a promise has settled, without awaiting it. */
function track(promise: Promise<SfApplyResult>): { result: SfApplyResult | undefined } {
  const box: { result: SfApplyResult | undefined } = { result: undefined };
  void promise.then((r) => (box.result = r));
  return box;
}

describe('SfClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('times out per SF, names the SF, restarts the worker and re-sends the table', async () => {
    const { client, workers, worker } = setup();
    const table = spamTable();
    client.setTable(table);
    const started: string[] = [];
    const box = track(client.apply('...', { timeoutMs: 5000, onStart: (sf) => started.push(sf) }));
    const id = worker(0).lastApplyId();
    expect(worker(0).posted.map((m) => m.type)).toEqual(['setTable', 'apply']);

    await vi.advanceTimersByTimeAsync(4000);
    worker(0).reply({ type: 'started', id, sf: 'fast' });
    await vi.advanceTimersByTimeAsync(4000); // 8 s in all, but only 4 s into 'fast'
    worker(0).reply({ type: 'started', id, sf: 'loop' }); // resets the clock
    await vi.advanceTimersByTimeAsync(4999);
    expect(box.result).toBeUndefined();
    expect(workers).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(box.result).toEqual({
      ok: false,
      errors: [{ kind: 'timeout', sf: 'loop', message: 'SF "loop" did not finish within 5 s and was stopped.' }],
    });
    expect(started).toEqual(['fast', 'loop']);
    expect(worker(0).terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(worker(1).posted).toEqual([{ type: 'setTable', table }]);

    // The fresh worker serves the next apply; late replies from the dead one are ignored.
    const next = track(client.apply('...'));
    worker(0).reply({ type: 'done', id, slices: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(next.result).toBeUndefined();
    worker(1).reply({ type: 'done', id: worker(1).lastApplyId(), slices: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(next.result).toEqual({ ok: true, slices: [], overlap: [] });
  });

  it('when an SF with a key hangs, re-runs the file without it and still reports the others', async () => {
    const { client, workers, worker } = setup();
    client.setTable(spamTable());
    const box = track(client.apply('source v1', { timeoutMs: 4000 }));
    const id = worker(0).lastApplyId();
    worker(0).reply({ type: 'started', id, sf: 'fine', key: 'k-fine' });
    worker(0).reply({ type: 'started', id, sf: 'loop', key: 'k-loop', line: 2 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(box.result).toBeUndefined(); // not finished: the file runs again without 'loop'
    expect(worker(0).terminated).toBe(true);
    expect(worker(1).posted).toEqual([
      { type: 'setTable', table: spamTable() },
      { type: 'apply', id, source: 'source v1', skip: ['k-loop'], timeoutMs: 4000 },
    ]);
    const timeout = {
      kind: 'timeout' as const,
      sf: 'loop',
      line: 2,
      message: 'SF "loop" did not finish within 4 s and was stopped. It is skipped until you change its code.',
    };
    worker(1).reply({ type: 'started', id, sf: 'fine', key: 'k-fine' });
    worker(1).reply({ type: 'failed', id, errors: [timeout], slices: [], overlap: [] });
    await vi.advanceTimersByTimeAsync(0);
    expect(box.result).toEqual({ ok: false, errors: [timeout], slices: [], overlap: [] });
    // The next apply skips it from the start; a new table forgets it.
    void client.apply('source v2');
    expect(worker(1).posted[2]).toMatchObject({ type: 'apply', skip: ['k-loop'] });
    client.setTable(spamTable());
    void client.apply('source v3');
    expect(workers[workers.length - 1]?.posted.pop()).toMatchObject({ type: 'apply', source: 'source v3', skip: [] });
  });

  it('blames top-level code when the timeout fires before any SF started', async () => {
    const { client, worker } = setup();
    client.setTable(spamTable());
    const box = track(client.apply('while (true) {}', { timeoutMs: 1500 }));
    // A booting worker gets longer than the SF limit; the clock starts when it takes the apply.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(box.result).toBeUndefined();
    worker(0).reply({ type: 'started', id: worker(0).lastApplyId(), sf: '', phase: 'load' });
    await vi.advanceTimersByTimeAsync(1499);
    expect(box.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(box.result).toEqual({
      ok: false,
      errors: [{ kind: 'timeout', message: "The SF file's top-level code did not finish within 1.5 s and was stopped." }],
    });
  });

  it('a second apply supersedes the first: cancelled, worker restarted, no stale result', async () => {
    const { client, workers, worker } = setup();
    client.setTable(spamTable());
    const first = track(client.apply('first'));
    const firstId = worker(0).lastApplyId();
    const second = track(client.apply('second'));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.result).toEqual({ ok: false, errors: [], cancelled: true });
    expect(worker(0).terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(worker(1).posted.map((m) => m.type)).toEqual(['setTable', 'apply']);
    worker(0).reply({ type: 'done', id: firstId, slices: [] }); // stale
    worker(1).reply({ type: 'failed', id: worker(1).lastApplyId(), errors: [{ kind: 'noSfs', message: 'none' }] });
    await vi.advanceTimersByTimeAsync(0);
    expect(second.result).toEqual({ ok: false, errors: [{ kind: 'noSfs', message: 'none' }] });
    // No timer left behind to fire later.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(workers).toHaveLength(2);
  });

  it('an abort signal cancels the apply', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const box = track(client.apply('x', { signal: controller.signal }));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(box.result).toEqual({ ok: false, errors: [], cancelled: true });
    expect(workers).toHaveLength(2);
  });

  it('a worker crash fails the apply and restarts the worker', async () => {
    const { client, workers, worker } = setup();
    client.setTable(spamTable());
    const box = track(client.apply('x'));
    worker(0).onerror?.({ message: 'boom', preventDefault: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    expect(box.result).toMatchObject({ ok: false, errors: [{ kind: 'runtime', message: expect.stringMatching(/crashed: boom/) }] });
    expect(workers).toHaveLength(2);
    expect(worker(1).posted[0]?.type).toBe('setTable');
  });

  it('a staged table is used by id; after a restart in between, the page sends its own copy instead', async () => {
    const { client, workers, worker } = setup();
    const table = spamTable();
    const port = client.stageTable(7);
    expect(port).toBeInstanceOf(MessagePort);
    expect(worker(0).posted.map((m) => m.type)).toEqual(['tablePort']);
    client.useStagedTable(7, table);
    expect(worker(0).posted.map((m) => m.type)).toEqual(['tablePort', 'useTable']);
    port.close();

    client.stageTable(8);
    client.cancel(); // nothing in flight: no restart
    void client.apply('...');
    client.cancel(); // in flight: restarts the worker, the staged copy is gone
    expect(workers).toHaveLength(2);
    client.useStagedTable(8, table);
    expect(worker(1).posted.map((m) => m.type)).toContain('setTable');
    expect(worker(1).posted.map((m) => m.type)).not.toContain('useTable');
  });

  it('runs real SFs end to end through the handler (worker stand-in in-process)', async () => {
    vi.useRealTimers();
    const client = new SfClient(() => {
      const worker: SfWorkerLike = {
        onmessage: null,
        onerror: null,
        terminate: () => undefined,
        postMessage: (request) => {
          if (request.type !== 'tablePort' && request.type !== 'useTable') queueMicrotask(() => handle(structuredClone(request)));
        },
      };
      const handle = createSfHandler((message) => queueMicrotask(() => worker.onmessage?.({ data: structuredClone(message) })));
      return worker;
    });
    client.setTable(spamTable());
    const result = await client.apply(SPAM_SFS);
    expect(result.ok && result.slices.map((s) => [s.name, s.count])).toEqual([
      ['short_comment', 4],
      ['keyword_please', 2],
      ['regex_check_out', 2],
      ['short_link', 2],
    ]);
  });
});
