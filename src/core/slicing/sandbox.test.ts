import { describe, expect, it } from 'vitest';
import { runSfSource } from './run.ts';
import { LOCKED_GLOBALS, lockDownGlobals, prepareSfModule, runSfModule, sfSourceLine } from './sandbox.ts';
import { spamTable } from '../../../test/tables.ts';

/** Runs `attempt` inside an SF and returns the error message it produced (or 'no error'). */
export function attemptMessage(attempt: string): string {
  const result = runSfSource(spamTable(), `export const probe = (row: Row) => {\n  ${attempt};\n  return true;\n};\n`);
  if (result.ok) return 'no error';
  return result.errors.map((e) => e.message).join(' | ');
}

/** Every way out we know of, and what the message must name. */
export const ATTEMPTS: [attempt: string, names: RegExp][] = [
  // The page (DOM).
  ['document.body.innerHTML = "x"', /document\.body is blocked: SF code cannot reach the page/],
  ['window.alert("x")', /window\.alert is blocked: SF code cannot reach the page/],
  ['globalThis.document', /globalThis\.document is blocked/],
  ['self.postMessage("x")', /self\.postMessage is blocked/],
  ['postMessage("x")', /postMessage is blocked: SF code cannot reach the page/],
  ['parent.location', /parent\.location is blocked/],
  // Storage.
  ['localStorage.getItem("k")', /localStorage\.getItem is blocked: SF code cannot use browser storage/],
  ['sessionStorage.setItem("k", "v")', /sessionStorage\.setItem is blocked: SF code cannot use browser storage/],
  ['indexedDB.open("db")', /indexedDB\.open is blocked: SF code cannot use browser storage/],
  ['caches.open("c")', /caches\.open is blocked: SF code cannot use browser storage/],
  ['window.localStorage', /window\.localStorage is blocked: SF code cannot use browser storage/],
  // Cookies.
  ['document.cookie', /document\.cookie is blocked: SF code cannot read or write cookies/],
  ['cookieStore.get("c")', /cookieStore\.get is blocked: SF code cannot read or write cookies/],
  // The network.
  ['fetch("https://example.com")', /fetch is blocked: SF code cannot use the network/],
  ['new XMLHttpRequest()', /new XMLHttpRequest is blocked: SF code cannot use the network/],
  ['new WebSocket("wss://example.com")', /new WebSocket is blocked: SF code cannot use the network/],
  ['new EventSource("https://example.com")', /new EventSource is blocked: SF code cannot use the network/],
  ['importScripts("https://example.com/x.js")', /importScripts is blocked: SF code cannot use the network/],
  ['navigator.sendBeacon("https://example.com", "x")', /navigator\.sendBeacon is blocked: SF code cannot use the network/],
  [
    'import("https://example.com/x.js")',
    /^Dynamic import\(\) is blocked \(line 2, column 3\): SF code cannot load code or reach the network/,
  ],
  ['import.meta.url', /^import\.meta is blocked \(line 2, column 3\)/],
  // Compiling or scheduling code from strings.
  ['eval("1 + 1")', /eval\(\) is blocked: SF code cannot compile or schedule code/],
  ['Function("return this")()', /Function\(\) is blocked: SF code cannot compile or schedule code/],
  ['setTimeout("fetch(1)", 0)', /setTimeout is blocked: SF code cannot compile or schedule code/],
  ['setInterval(() => 0, 10)', /setInterval is blocked/],
  ['queueMicrotask(() => 0)', /queueMicrotask is blocked/],
  // The host (Node).
  ['require("fs")', /require is blocked: SF code cannot reach the host environment/],
  ['process.exit(1)', /process\.exit is blocked/],
];

describe('SF sandbox: every attempt to reach the page, storage, cookies or the network fails, naming what', () => {
  it.each(ATTEMPTS)('%s', (attempt, names) => {
    expect(attemptMessage(attempt)).toMatch(names);
  });

  it("reports a blocked attempt as the SF's runtime error at its line and first row", () => {
    const result = runSfSource(
      spamTable(),
      'export const ok = (row: Row) => true;\n\nexport const leak = (row: Row) =>\n  fetch("https://x.test/" + row.text) !== null;\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'runtime', sf: 'leak', row: 0, line: 4 })]);
    expect(result.errors[0]?.message).toBe(
      'SF "leak" threw at row 0: fetch is blocked: SF code cannot use the network. Slicing functions may only read the row and their own helpers.',
    );
  });

  it('normal code runs: Math, JSON, Set, RegExp, typeof of a stand-in', () => {
    const result = runSfSource(
      spamTable(),
      `
const kinds = [typeof fetch, typeof document];
export const normal_code = (row: Row) => Math.max(row.score, 0) > 1 && JSON.stringify([row.text]).length > 0 && new Set([1]).size === 1 && kinds[0] === 'function';
`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.slices.map((s) => [s.name, s.count])).toEqual([['normal_code', 3]]);
  });

  it('lets SF code declare its own variable with a blocked name', () => {
    const result = runSfSource(spamTable(), 'const fetch = 1;\nexport function self(row: Row) { return fetch === 1; }');
    expect(result.ok && result.slices[0]?.count).toBe(6);
  });

  it('runs SF code in strict mode: `this` in a plain call is undefined, not the global object', () => {
    const exported = runSfModule(prepareSfModule('function f() { return this; }\nexports.t = typeof f();'));
    expect(exported.t).toBe('undefined');
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
