/**
 * lockDownIntrinsics changes this whole realm (as the SF worker does at startup). Vitest runs each
 * test file in its own process (pool: forks), so this file's lockdown does not leak into others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSfSource } from './run.ts';
import { lockDownIntrinsics } from './sandbox.ts';
import { spamTable } from '../../../test/tables.ts';

function attemptMessage(attempt: string): string {
  const result = runSfSource(spamTable(), `export const probe = (row: Row) => {\n  ${attempt};\n  return true;\n};\n`);
  return result.ok ? 'no error' : result.errors.map((e) => e.message).join(' | ');
}

const ESCAPES: [string, RegExp][] = [
  ['(() => 0).constructor("return globalThis")()', /The Function constructor is blocked/],
  ['(function () {}).constructor("return this")()', /The Function constructor is blocked/],
  ['({}).constructor.constructor("return this")()', /The Function constructor is blocked/],
  ['Object.getPrototypeOf(Math.max).constructor("return this")()', /The Function constructor is blocked/],
  ['(async () => 0).constructor("return globalThis")()', /The AsyncFunction constructor is blocked/],
  ['(function* () {}).constructor("yield globalThis")().next()', /The GeneratorFunction constructor is blocked/],
  ['(async function* () {}).constructor("yield globalThis")().next()', /The AsyncGeneratorFunction constructor is blocked/],
];

describe('lockDownIntrinsics: the constructor escape is closed', () => {
  it('is open before the lockdown (this is what it closes)', () => {
    const result = runSfSource(
      spamTable(),
      'const g = (() => 0).constructor("return globalThis")();\nexport const reached = (row: Row) => typeof g.setTimeout === "function";',
    );
    expect(result.ok && result.slices[0]?.count).toBe(6);
  });

  describe('after the lockdown', () => {
    beforeAll(() => lockDownIntrinsics(globalThis, { pinStackTrace: false }));

    it.each(ESCAPES)('%s', (attempt, names) => {
      const message = attemptMessage(attempt);
      expect(message).toMatch(names);
      expect(message).toMatch(/SF code cannot compile or schedule code from strings/);
    });

    it('string timers throw even on the real global; function timers still work', async () => {
      expect(() => setTimeout('globalThis.x = 1' as unknown as () => void, 0)).toThrow(/setTimeout\("code string"\) is blocked/);
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    });

    it('the sandbox still builds SF modules, and ordinary SFs still run', () => {
      const result = runSfSource(spamTable(), 'export const positive = (row: Row) => row.score > 0;');
      expect(result.ok && result.slices[0]?.count).toBe(4);
    });
  });
});
