import { describe, expect, it } from 'vitest';
import type { SfResponse } from '../../protocol/sf.ts';
import { createSfHandler } from './handler.ts';
import { SPAM_MASKS, SPAM_SFS, spamTable } from './testTable.ts';

function harness() {
  const posted: { message: SfResponse; transfer: ArrayBuffer[] }[] = [];
  const handle = createSfHandler((message, transfer) => posted.push({ message, transfer }));
  return { posted, handle };
}

describe('createSfHandler (the SF worker logic)', () => {
  it("posts 'started' before each SF, then 'done' with the masks' buffers transferred", () => {
    const { posted, handle } = harness();
    handle({ type: 'setTable', table: spamTable() });
    handle({ type: 'apply', id: 7, source: SPAM_SFS });
    expect(posted.map((p) => p.message.type)).toEqual(['started', 'started', 'started', 'started', 'done']);
    expect(posted.slice(0, 4).map((p) => p.message.type === 'started' && [p.message.id, p.message.sf])).toEqual(
      Object.keys(SPAM_MASKS).map((name) => [7, name]),
    );
    const done = posted[4];
    if (done?.message.type !== 'done') throw new Error('no done');
    expect(done.message.slices.map((s) => [s.name, [...s.mask]])).toEqual(Object.entries(SPAM_MASKS));
    expect(done.transfer).toEqual(done.message.slices.map((s) => s.mask.buffer));
  });

  it("posts 'failed' with all errors, and before a table is set", () => {
    const { posted, handle } = harness();
    handle({ type: 'apply', id: 1, source: SPAM_SFS });
    expect(posted[0]?.message).toMatchObject({ type: 'failed', id: 1, errors: [{ kind: 'runtime', message: expect.stringMatching(/No dataset/) }] });
    handle({ type: 'setTable', table: spamTable() });
    handle({ type: 'apply', id: 2, source: 'export const a = (row: Row) => 1;\nexport const b = (row: Row) => { throw new Error("x"); };' });
    const last = posted[posted.length - 1]?.message;
    expect(last).toMatchObject({ type: 'failed', id: 2, errors: [{ kind: 'nonBoolean', sf: 'a' }, { kind: 'runtime', sf: 'b' }] });
  });

  it('never throws, even when posting fails', () => {
    let calls = 0;
    const handle = createSfHandler((message) => {
      calls++;
      if (message.type === 'done') throw new Error('DataCloneError');
    });
    handle({ type: 'setTable', table: spamTable() });
    expect(() => handle({ type: 'apply', id: 3, source: 'export const a = (row: Row) => true;' })).not.toThrow();
    expect(calls).toBe(3); // started, done (threw), failed
  });
});
