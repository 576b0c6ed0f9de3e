/**
 * Running compiled SF code, with the cheap half of a sandbox.
 *
 * evaluateSfModule RUNS USER CODE. Call it only in the SF worker or in Node (tests, CLI); never on
 * the page's main thread, where an endless loop would freeze the tab beyond recovery.
 *
 * What it does:
 * - The code runs inside `new Function(<SHADOWED_GLOBALS>, ...)`, called with no arguments, so a plain
 *   reference to `fetch`, `self`, `globalThis`, `postMessage`, `importScripts`, `setTimeout`, `eval`,
 *   `Function`, `require`, `process`, ... inside an SF file is `undefined`. The user code sits in an
 *   inner function, so an SF or helper may still declare a name from the list for itself.
 * - compile.ts rejects every `import` (static, dynamic `import()`, `import.meta`) before this runs.
 * - In the worker, lockDownGlobals also deletes the network, storage, messaging and worker-spawning
 *   globals from the worker scope itself (see LOCKED_GLOBALS): that holds even against the escapes
 *   below, except dynamic import.
 * What it does NOT prevent (a determined user; the threat model is "my own code, or code I pasted"):
 * - Reaching the real global object through a constructor: `(() => 0).constructor('return this')()`
 *   returns globalThis, and code built that way can use `import('https://...')`. Stopping that needs
 *   a cross-origin sandboxed iframe or a CSP without 'unsafe-eval' (a later issue).
 * - Changing shared built-ins (`Array.prototype.map = ...`); that affects the whole worker until it
 *   is restarted.
 * - Endless loops and huge allocations: the SF client's per-SF timeout terminates the worker.
 * - Anything in Node: the CLI runs the user's own file with the user's own rights.
 */

/** Names shadowed as `undefined` for SF code (browser, worker and Node globals). */
export const SHADOWED_GLOBALS = [
  'globalThis', 'self', 'window', 'global', 'frames', 'parent', 'top', 'document',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource', 'importScripts',
  'indexedDB', 'caches', 'localStorage', 'sessionStorage', 'navigator', 'location',
  'postMessage', 'close', 'onmessage', 'addEventListener', 'Worker', 'SharedWorker', 'BroadcastChannel',
  'setTimeout', 'setInterval', 'queueMicrotask', 'requestAnimationFrame', 'eval', 'Function',
  'require', 'module', 'process', 'Buffer',
] as const;

/**
 * Globals the SF worker deletes from its own scope (and the scope's prototypes) at startup, after it
 * has kept a bound postMessage for itself. Nothing in the worker needs them; removing them means
 * even code that reaches the real global object cannot talk to the network, storage or the page.
 */
export const LOCKED_GLOBALS = [
  'fetch', 'fetchLater', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource',
  'importScripts', 'indexedDB', 'caches', 'navigator', 'Worker', 'SharedWorker', 'BroadcastChannel',
  'Notification', 'postMessage', 'close',
] as const;

/** Stack frames of SF code name this file, so errors can be mapped back to SF source lines. */
export const SF_SOURCE_URL = 'slicewise-sfs.js';

const HEAD = 'return function (exports) {\n';

type ModuleBody = (exports: Record<string, unknown>) => void;

/**
 * Builds the module function without running it. Throws SyntaxError for code the engine rejects
 * (sucrase does not check early errors such as `const a` declared twice).
 */
export function prepareSfModule(code: string): ModuleBody {
  const factory = new Function(...SHADOWED_GLOBALS, `${HEAD}${code}\n};\n//# sourceURL=${SF_SOURCE_URL}`);
  return (factory as () => ModuleBody)();
}

/** Runs the module's top-level code (user code!) and returns its exports object. */
export function runSfModule(body: ModuleBody): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  body(exports);
  return exports;
}

let lineOffset: number | null | undefined;

/**
 * The 1-based SF source line where `error` was thrown, read from its stack (V8 and Firefox
 * formats: "(slicewise-sfs.js:12:7)" / "@slicewise-sfs.js:12:7"); undefined when not known.
 * Sucrase keeps line numbers, so a line in the compiled code is the same line in the source.
 * The engine's offset (wrapper lines) is measured once with a probe rather than assumed.
 */
export function sfSourceLine(error: unknown): number | undefined {
  if (lineOffset === undefined) lineOffset = measureLineOffset();
  if (lineOffset === null) return undefined;
  const line = stackLine(error);
  return line === undefined ? undefined : line - lineOffset;
}

function stackLine(error: unknown): number | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return undefined;
  const match = /slicewise-sfs\.js:(\d+):\d+/.exec(stack);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function measureLineOffset(): number | null {
  try {
    runSfModule(prepareSfModule('throw new Error("line probe");'));
  } catch (error) {
    const line = stackLine(error);
    return line === undefined ? null : line - 1;
  }
  return null;
}

/**
 * Deletes `names` from `scope` and every object on its prototype chain (worker globals such as
 * fetch live on WorkerGlobalScope.prototype). Returns the names that are gone afterwards.
 * A non-configurable property is overwritten with undefined where possible instead.
 */
export function lockDownGlobals(scope: object, names: readonly string[] = LOCKED_GLOBALS): string[] {
  const removed: string[] = [];
  for (const name of names) {
    for (let o: object | null = scope; o !== null; o = Object.getPrototypeOf(o) as object | null) {
      if (!Object.prototype.hasOwnProperty.call(o, name)) continue;
      if (!Reflect.deleteProperty(o, name)) {
        Reflect.defineProperty(o, name, { value: undefined, writable: false });
        Reflect.set(o, name, undefined);
      }
    }
    if ((scope as Record<string, unknown>)[name] === undefined) removed.push(name);
  }
  return removed;
}
