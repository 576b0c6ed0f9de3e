import { describe, expect, it } from 'vitest';
import type { SfResponse } from '../protocol/sf.ts';
import { createSfHandler } from './sfHandler.ts';
import { SPAM_MASKS, SPAM_SFS, spamTable } from '../../test/tables.ts';

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
    expect(posted.map((p) => p.message.type)).toEqual(['started', 'started', 'started', 'started', 'started', 'done']);
    // First the acknowledgement (the file's top-level code runs now), then one per SF.
    expect(posted[0]?.message).toEqual({ type: 'started', id: 7, sf: '', phase: 'load' });
    expect(posted.slice(1, 5).map((p) => p.message.type === 'started' && [p.message.id, p.message.sf])).toEqual(
      Object.keys(SPAM_MASKS).map((name) => [7, name]),
    );
    const done = posted[5];
    if (done?.message.type !== 'done') throw new Error('no done');
    expect(done.message.slices.map((s) => [s.name, [...s.mask]])).toEqual(Object.entries(SPAM_MASKS));
    expect(done.transfer).toEqual(done.message.slices.map((s) => s.mask.buffer));
  });

  it("posts 'failed' with all errors, and before a table is set", () => {
    const { posted, handle } = harness();
    handle({ type: 'apply', id: 1, source: SPAM_SFS });
    expect(posted[0]?.message).toMatchObject({
      type: 'failed',
      id: 1,
      errors: [{ kind: 'runtime', message: expect.stringMatching(/No dataset/) }],
    });
    handle({ type: 'setTable', table: spamTable() });
    handle({
      type: 'apply',
      id: 2,
      source: 'export const a = (row: Row) => 1;\nexport const b = (row: Row) => { throw new Error("x"); };',
    });
    const last = posted[posted.length - 1]?.message;
    expect(last).toMatchObject({
      type: 'failed',
      id: 2,
      errors: [
        { kind: 'nonBoolean', sf: 'a' },
        { kind: 'runtime', sf: 'b' },
      ],
    });
  });

  it('never throws, even when posting fails', () => {
    let calls = 0;
    const handle = createSfHandler((message) => {
      calls++;
      if (message.type === 'done') throw new Error('DataCloneError');
    });
    handle({ type: 'setTable', table: spamTable() });
    expect(() => handle({ type: 'apply', id: 3, source: 'export const a = (row: Row) => true;' })).not.toThrow();
    expect(calls).toBe(4); // started (load), started (a), done (threw), failed
  });

  it('re-runs only the SFs whose code (or what they see) changed, and computes the overlap', () => {
    const { posted, handle } = harness();
    handle({ type: 'setTable', table: spamTable() });
    handle({ type: 'apply', id: 1, source: SPAM_SFS });
    // Edit one SF (and reformat another: whitespace does not count).
    const edited = SPAM_SFS.replace('.length < 5', '.length < 4').replace(
      'export const short_link = (row: Row) =>',
      'export const short_link =\n  ( row : Row ) =>',
    );
    posted.length = 0;
    handle({ type: 'apply', id: 2, source: edited });
    const ran = posted.flatMap((p) => (p.message.type === 'started' && p.message.phase !== 'load' ? [p.message.sf] : []));
    expect(ran).toEqual(['short_comment']);
    const done = posted[posted.length - 1]?.message;
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.slices.map((s) => [s.name, s.reused])).toEqual([
      ['short_comment', false],
      ['keyword_please', true],
      ['regex_check_out', true],
      ['short_link', true],
    ]);
    // short_comment < 4 words: rows 2 (3 words) and 5 (empty) only.
    expect([...(done.slices[0]?.mask ?? [])]).toEqual([0, 0, 1, 0, 0, 1]);
    // Overlap counted independently from the masks sent.
    const masks = done.slices.map((s) => [...s.mask]);
    const expected = masks.map((a) => masks.map((b) => a.filter((v, i) => v === 1 && b[i] === 1).length));
    expect(done.overlap).toEqual(expected);
    // Changing shared code (the keyword list) re-runs every SF; a new table empties the cache.
    posted.length = 0;
    handle({ type: 'apply', id: 3, source: edited.replace("'plz'", "'pls'") });
    expect(posted.filter((p) => p.message.type === 'started' && p.message.phase !== 'load')).toHaveLength(4);
    handle({ type: 'setTable', table: spamTable() });
    posted.length = 0;
    handle({ type: 'apply', id: 4, source: edited.replace("'plz'", "'pls'") });
    expect(posted.filter((p) => p.message.type === 'started' && p.message.phase !== 'load')).toHaveLength(4);
  });

  it('skips SFs whose key hung before, reporting them as timeouts beside the other results', () => {
    const { posted, handle } = harness();
    handle({ type: 'setTable', table: spamTable() });
    const source =
      'export const fine = (row: Row) => row.score > 1;\nexport const hangs = (row: Row) => { while (true) {} };\nexport const bad = (row: Row) => row.nope.x;\n';
    // The key of "hangs", as the worker announced it in 'started' before hanging.
    const probe = harness();
    probe.handle({ type: 'setTable', table: spamTable() });
    probe.handle({ type: 'apply', id: 1, source: source.replace('while (true) {}', 'return true;') });
    const startedHangs = probe.posted.find((p) => p.message.type === 'started' && p.message.sf === 'hangs')?.message;
    if (startedHangs?.type !== 'started' || startedHangs.key === undefined) throw new Error('no key');
    expect(startedHangs.line).toBe(2);
    // The key depends on the SF's code: the probe's differs from the hanging one. Use the real key:
    const keyOfHanging = startedHangs.key.replace('return true ;', 'while ( true ) { }');
    handle({ type: 'apply', id: 2, source, skip: [keyOfHanging], timeoutMs: 4000 });
    const last = posted[posted.length - 1]?.message;
    if (last?.type !== 'failed') throw new Error('expected failed');
    expect(posted.flatMap((p) => (p.message.type === 'started' && p.message.phase !== 'load' ? [p.message.sf] : []))).toEqual([
      'fine',
      'bad',
    ]);
    expect(last.errors).toMatchObject([
      {
        kind: 'timeout',
        sf: 'hangs',
        line: 2,
        message: 'SF "hangs" did not finish within 4 s and was stopped. It is skipped until you change its code.',
      },
      { kind: 'runtime', sf: 'bad', row: 0, line: 3 },
    ]);
    expect(last.slices?.map((s) => [s.name, s.count])).toEqual([['fine', 3]]);
    expect(last.overlap).toEqual([[3]]);
  });
});
