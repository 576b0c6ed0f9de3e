/**
 * Running compiled SF code in a sandbox.
 *
 * prepareSfModule / runSfModule RUN USER CODE. Call them only in the SF worker or in Node (tests,
 * CLI); never on the page's main thread, where an endless loop would freeze the tab beyond recovery.
 *
 * The layers, each closing what the one before leaves open:
 * 1. compile.ts rejects every `import` (static, dynamic `import()`, `import.meta`) from the token
 *    stream, with line and column, before anything runs.
 * 2. The code runs (strict mode) inside `new Function(<BLOCKED names>, 'sf', ...)`, called with a
 *    "blocked" stand-in for each name: `fetch`, `document`, `localStorage`, `globalThis`, `eval`,
 *    `setTimeout`, ... Any use of one (reading a property, calling it, `new`) throws a BlockedError
 *    naming what was blocked: "document.cookie is blocked: SF code cannot read or write cookies."
 *    `typeof fetch` is 'function' (a stand-in), never the real thing. The user code sits in an
 *    inner function, so an SF or helper may still declare a name from the list for itself.
 * 3. lockDownIntrinsics (the worker calls it at startup; tests call it in their own process) replaces
 *    `constructor` on the prototypes of Function, AsyncFunction, GeneratorFunction and
 *    AsyncGeneratorFunction with a thrower, so `(() => 0).constructor('return globalThis')()` and
 *    its async/generator cousins cannot compile code that sees the real global object. The sandbox
 *    keeps its own reference to Function (captured when this module loads) to build SF modules.
 *    It also makes string-form setTimeout/setInterval throw and pins Error.prepareStackTrace.
 * 4. lockDownGlobals (worker only) deletes the network, storage, messaging and worker-spawning
 *    globals from the worker scope itself, after the worker kept a bound postMessage for itself.
 * What it does NOT prevent: changing shared built-ins (`Array.prototype.map = ...`) affects the
 * whole worker until it restarts; endless loops and huge allocations (the SF client's per-SF timeout
 * terminates the worker); anything in Node (the CLI runs the user's own file with the user's rights).
 */
import { sfHelper } from './sfHelper.ts';

/** What each blocked name would reach, for the message "X is blocked: SF code cannot <reach>." */
const PAGE = 'reach the page (DOM, window)';
const STORAGE = 'use browser storage';
const NETWORK = 'use the network';
const CODE = 'compile or schedule code';
const HOST = 'reach the host environment';

/** Every name blocked for SF code, with what it would have reached. */
export const BLOCKED_GLOBALS: Readonly<Record<string, string>> = {
  globalThis: PAGE,
  self: PAGE,
  window: PAGE,
  global: HOST,
  frames: PAGE,
  parent: PAGE,
  top: PAGE,
  document: PAGE,
  location: PAGE,
  navigator: `${PAGE} or the network (navigator.sendBeacon)`,
  postMessage: PAGE,
  close: PAGE,
  onmessage: PAGE,
  addEventListener: PAGE,
  requestAnimationFrame: PAGE,
  Worker: PAGE,
  SharedWorker: PAGE,
  BroadcastChannel: PAGE,
  Notification: PAGE,
  localStorage: STORAGE,
  sessionStorage: STORAGE,
  indexedDB: STORAGE,
  caches: STORAGE,
  cookieStore: 'read or write cookies',
  fetch: NETWORK,
  fetchLater: NETWORK,
  XMLHttpRequest: NETWORK,
  WebSocket: NETWORK,
  WebSocketStream: NETWORK,
  WebTransport: NETWORK,
  EventSource: NETWORK,
  importScripts: `${NETWORK} (importScripts loads code)`,
  eval: CODE,
  Function: CODE,
  setTimeout: CODE,
  setInterval: CODE,
  queueMicrotask: CODE,
  require: HOST,
  module: HOST,
  process: HOST,
  Buffer: HOST,
};

/** Properties of blocked objects with a more precise message than their object's. */
const BLOCKED_PROPERTIES: Readonly<Record<string, string>> = {
  'document.cookie': 'read or write cookies',
  'navigator.sendBeacon': NETWORK,
  'window.localStorage': STORAGE,
  'window.sessionStorage': STORAGE,
  'window.indexedDB': STORAGE,
  'window.fetch': NETWORK,
  'window.XMLHttpRequest': NETWORK,
  'window.WebSocket': NETWORK,
  'window.document': PAGE,
};

/** The names shadowed for SF code (kept for callers that list them). */
export const SHADOWED_GLOBALS: readonly string[] = Object.keys(BLOCKED_GLOBALS);

/** Thrown by every blocked stand-in. Its message names the blocked thing. */
export class BlockedError extends Error {
  override name = 'BlockedError';
}

function blockedMessage(path: string, reach: string): string {
  return `${path} is blocked: SF code cannot ${reach}. Slicing functions may only read the row and their own helpers.`;
}

/**
 * A stand-in for a blocked global: a Proxy over a function, so reading any property, calling it,
 * constructing it, setting, enumerating or inspecting it all throw a BlockedError. `typeof` works.
 */
function blockedStandIn(name: string, reach: string): unknown {
  const fail = (path: string): never => {
    throw new BlockedError(blockedMessage(path, BLOCKED_PROPERTIES[path] ?? reach));
  };
  const property = (prop: string | symbol): string => (typeof prop === 'string' ? `${name}.${prop}` : name);
  return new Proxy(function blocked() {}, {
    get: (_t, prop) => fail(property(prop)),
    set: (_t, prop) => fail(property(prop)),
    has: (_t, prop) => fail(property(prop)),
    deleteProperty: (_t, prop) => fail(property(prop)),
    defineProperty: (_t, prop) => fail(property(prop)),
    getOwnPropertyDescriptor: (_t, prop) => fail(property(prop)),
    ownKeys: () => fail(name),
    apply: () => fail(name === 'eval' || name === 'Function' ? `${name}()` : name),
    construct: () => fail(`new ${name}`),
    getPrototypeOf: () => fail(name),
    setPrototypeOf: () => fail(name),
  });
}

const STAND_INS: readonly unknown[] = SHADOWED_GLOBALS.map((name) => blockedStandIn(name, BLOCKED_GLOBALS[name] as string));

/** Captured at load, before lockDownIntrinsics: the sandbox's own way to build SF modules. */
const SafeFunction = Function;

/** Stack frames of SF code name this file, so errors can be mapped back to SF source lines. */
export const SF_SOURCE_URL = 'slicewise-sfs.js';

/** The inner function is strict: `this` is undefined in plain calls, `with` and sloppy escapes fail. */
const HEAD = 'return function (exports) {"use strict";\n';

type ModuleBody = (exports: Record<string, unknown>) => void;

/**
 * Builds the module function without running it. Throws SyntaxError for code the engine rejects
 * (sucrase does not check early errors such as `const a` declared twice).
 */
export function prepareSfModule(code: string): ModuleBody {
  const factory = new SafeFunction(...SHADOWED_GLOBALS, 'sf', `${HEAD}${code}\n};\n//# sourceURL=${SF_SOURCE_URL}`);
  return (factory as (...args: unknown[]) => ModuleBody)(...STAND_INS, sfHelper);
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
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null)?.stack;
  } catch {
    return undefined; // a thrown Proxy or getter: no line, but no crash either
  }
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
 * Globals the SF worker deletes from its own scope (and the scope's prototypes) at startup, after it
 * has kept a bound postMessage for itself. Nothing in the worker needs them; removing them means
 * even code that somehow reached the real global object could not talk to the network, storage or the page.
 */
export const LOCKED_GLOBALS = [
  'fetch',
  'fetchLater',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'cookieStore',
  'navigator',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'Notification',
  'postMessage',
  'close',
] as const;

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

/** The four function kinds whose prototypes' `constructor` compiles code from strings. */
export function functionConstructors(): { name: string; ctor: { prototype: object } }[] {
  const of = (f: unknown) => Object.getPrototypeOf(f).constructor as { prototype: object };
  return [
    { name: 'Function', ctor: of(function () {}) },
    { name: 'AsyncFunction', ctor: of(async function () {}) },
    { name: 'GeneratorFunction', ctor: of(function* () {}) },
    { name: 'AsyncGeneratorFunction', ctor: of(async function* () {}) },
  ];
}

/**
 * Closes the constructor escape for the whole realm (call once per worker/process, before any SF
 * code runs): `<any function>.constructor` and its async/generator forms become throwers; string
 * timers throw; Error.prepareStackTrace is pinned (a user-set one could reach stack frames'
 * receivers). Idempotent. `scope` is the realm's global object (self in the worker).
 */
export function lockDownIntrinsics(scope: object, options: { pinStackTrace?: boolean } = {}): void {
  for (const { name, ctor } of functionConstructors()) {
    const current = Object.getOwnPropertyDescriptor(ctor.prototype, 'constructor');
    if (current?.configurable === false) continue; // already locked
    const thrower = function constructorBlocked(): never {
      throw new BlockedError(blockedMessage(`The ${name} constructor`, `${CODE} from strings`));
    };
    Object.defineProperty(ctor.prototype, 'constructor', { value: thrower, writable: false, configurable: false, enumerable: false });
  }
  const g = scope as Record<string, unknown>;
  for (const timer of ['setTimeout', 'setInterval'] as const) {
    const real = g[timer];
    if (typeof real !== 'function' || (real as { locked?: true }).locked) continue;
    const guarded = function (this: unknown, handler: unknown, ...rest: unknown[]): unknown {
      if (typeof handler !== 'function') throw new BlockedError(blockedMessage(`${timer}("code string")`, CODE));
      return Reflect.apply(real as (...a: unknown[]) => unknown, this, [handler, ...rest]);
    };
    Object.defineProperty(guarded, 'locked', { value: true });
    g[timer] = guarded;
  }
  if (options.pinStackTrace !== false) {
    const error = Error as unknown as Record<string, unknown>;
    const descriptor = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
    if (descriptor?.configurable !== false) {
      Object.defineProperty(Error, 'prepareStackTrace', { value: error.prepareStackTrace, writable: false, configurable: false });
    }
  }
}
