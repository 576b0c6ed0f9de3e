import { describe, expect, it } from 'vitest';
import { runSfSource } from './run.ts';
import { LOCKED_GLOBALS, lockDownGlobals, prepareSfModule, runSfModule, sfSourceLine } from './sandbox.ts';
import { spamTable } from './testTable.ts';

describe('SF sandbox (the cheap part)', () => {
  it('hides dangerous globals from SF code, while normal code runs', () => {
    const result = runSfSource(spamTable(), `
const hidden = [
  typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof importScripts, typeof indexedDB,
  typeof postMessage, typeof self, typeof globalThis, typeof setTimeout, typeof eval, typeof Function,
  typeof require, typeof process,
];
export const all_hidden = (row: Row) => hidden.every((t) => t === 'undefined');
export const normal_code = (row: Row) => Math.max(row.score, 0) > 1 && JSON.stringify([row.text]).length > 0 && new Set([1]).size === 1;
`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.slices.map((s) => [s.name, s.count])).toEqual([['all_hidden', 6], ['normal_code', 3]]);
  });

  it('lets SF code declare its own variable with a shadowed name', () => {
    const result = runSfSource(spamTable(), 'const fetch = 1;\nexport function self(row: Row) { return fetch === 1; }');
    expect(result.ok && result.slices[0]?.count).toBe(6);
  });

  it('does NOT stop the Function-constructor escape (documented limitation)', () => {
    const exported = runSfModule(prepareSfModule('exports.g = (() => 0).constructor("return typeof globalThis")();'));
    expect(exported.g).toBe('object');
  });

  it('maps errors thrown in SF code to source lines, and nothing else', () => {
    let thrown: unknown;
    try {
      runSfModule(prepareSfModule('\n\nnull.x;'));
    } catch (error) {
      thrown = error;
    }
    expect(sfSourceLine(thrown)).toBe(3);
    expect(sfSourceLine(new Error('not from SF code'))).toBeUndefined();
    expect(sfSourceLine('a string')).toBeUndefined();
  });

  it('lockDownGlobals removes names from a scope and its prototype chain', () => {
    const proto = { fetch: () => 'network', postMessage: () => 'page', keep: 1 };
    const scope: Record<string, unknown> = Object.create(proto);
    scope.XMLHttpRequest = class {};
    Object.defineProperty(scope, 'indexedDB', { value: {}, configurable: false, writable: true });
    const removed = lockDownGlobals(scope);
    expect(removed).toEqual(expect.arrayContaining(['fetch', 'postMessage', 'XMLHttpRequest', 'indexedDB']));
    expect(removed).toEqual([...LOCKED_GLOBALS]); // the rest never existed, so they are "gone" too
    expect([scope.fetch, scope.postMessage, scope.XMLHttpRequest, scope.indexedDB]).toEqual([undefined, undefined, undefined, undefined]);
    expect(scope.keep).toBe(1);
  });
});
