/**
 * Where is a JSON syntax error? Engines disagree on what JSON.parse reports (V8 in Node 20 often
 * gives no position at all, Safari never does), so after JSON.parse fails this small validator walks
 * the text and returns the offset of the first error and a short reason. Only runs on failure.
 */
export interface JsonErrorSite {
  /** 0-based character offset. */
  offset: number;
  reason: string;
}

class Fail {
  readonly offset: number;
  readonly reason: string;
  constructor(offset: number, reason: string) {
    this.offset = offset;
    this.reason = reason;
  }
}

const MAX_DEPTH = 2000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';
const HEX = /^[0-9a-fA-F]{4}$/;

/** null when the text is valid JSON (or nested too deeply to check). */
export function locateJsonError(text: string): JsonErrorSite | null {
  const n = text.length;
  let i = 0;

  const found = (): string => (i >= n ? 'the end of the text' : JSON.stringify(text[i]));
  const fail = (reason: string): never => {
    throw new Fail(i, reason);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const string = (): void => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) {
        i = start;
        fail('a string that never ends (missing closing ")');
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs 4 hex digits');
          i += 6;
        } else if (e !== '' && ESCAPES.includes(e)) i += 2;
        else fail(`invalid escape \\${e} in a string`);
      } else if (c < 32) fail('a line break or control character inside a string (write it as \\n)');
      else i++;
    }
  };

  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Fail(-1, 'too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after a property name, found ${found()}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail(`expected ',' or '}' after a property value, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail(`expected ',' or ']' after an array element, found ${found()}`);
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail(`invalid number`);
      i += (m as RegExpExecArray)[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value, found ${found()}`);
  };

  try {
    value(0);
    ws();
    if (i < n) fail(`unexpected ${found()} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (e instanceof Fail) return e.offset < 0 ? null : { offset: e.offset, reason: e.reason };
    throw e;
  }
}
