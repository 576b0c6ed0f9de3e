import { describe, expect, it } from 'vitest';
import { compileSfs, loadSfs, type CompiledSfs } from './compile.ts';
import { SPAM_SFS } from '../../../test/tables.ts';
import type { SfError } from './types.ts';

function compiled(source: string): CompiledSfs {
  const result = compileSfs(source);
  if (!result.ok) throw new Error(`expected to compile: ${JSON.stringify(result.errors)}`);
  return result;
}

function errorsOf(source: string): SfError[] {
  const result = compileSfs(source);
  if (result.ok) throw new Error(`expected errors, compiled ${result.names.join(', ')}`);
  return result.errors;
}

describe('compileSfs', () => {
  it('compiles the spam tutorial SFs, names in source order, helpers not exported', () => {
    const result = compiled(SPAM_SFS);
    expect(result.names).toEqual(['short_comment', 'keyword_please', 'regex_check_out', 'short_link']);
    expect(result.lines).toEqual([2, 3, 4, 5]);
    // Sucrase keeps line numbers: each SF's code is on its source line.
    expect(result.code.split('\n')[3]).toContain('regex_check_out');
  });

  it('accepts both export forms (and async/generator/specifier forms), in source order', () => {
    const result = compiled(`
export function b_function(row: Row): boolean {
  return row.x > 1;
}
export const a_arrow = (row: Row) => row.x < 0;
export let c_let = (row: Row): boolean => row.y === 'q';
function helper(row: Row) { return true; }
export { helper as d_renamed };
export type Ignored = number;
export interface AlsoIgnored { x: number }
`);
    expect(result.names).toEqual(['b_function', 'a_arrow', 'c_let', 'd_renamed']);
    expect(result.lines).toEqual([2, 5, 6, 8]);
  });

  it('is not fooled by exports in comments, strings, templates or regexes', () => {
    const result = compiled(`
// export const commented_out = (row: Row) => true;
/* export const also_commented = (row: Row) => true; */
const s = "export const in_string = 1";
const t = \`
export const in_template = \${1}
\`;
const r = /export const in_regex/;
export const real = (row: Row) => s.length > 0 && t.length > 0 && r.source.length > 0;
`);
    expect(result.names).toEqual(['real']);
  });

  it('reports a syntax error with its 1-based line and column', () => {
    const errors = errorsOf('const ok = 1;\nconst x = ;\nexport const a = (row: Row) => true;');
    expect(errors).toEqual([{ kind: 'compile', line: 2, column: 11, message: 'Syntax error at line 2, column 11: Unexpected token' }]);
  });

  it('points a syntax error inside an arrow SF at the real spot, not at the arrow (sucrase #833)', () => {
    // Plain sucrase reports all of these at the `=>` (or the return type's `:`) on line 1.
    const block = errorsOf('export const a = (row: Row) => {\n  return row.x +\n};\n');
    expect(block[0]).toMatchObject({ kind: 'compile', line: 3, column: 1 });
    const expression = errorsOf('export const a = (row: Row) =>\n  row.text.length > 3 &&;\n');
    expect(expression[0]).toMatchObject({ line: 2, column: 25 });
    const typed = errorsOf('export const a = (row: Row): boolean => {\n  const q = [1, 2;\n  return true;\n};\n');
    expect(typed[0]).toMatchObject({ line: 2, column: 18 });
    const nested = errorsOf('export const a = (row: Row) =>\n  kw.some((k) => row.text.includes(k) +);\n');
    expect(nested[0]).toMatchObject({ line: 2, column: 40 });
    // The function form was always fine.
    expect(errorsOf('export function a(row: Row) {\n  return row.x +\n}\n')[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('keeps the arrow position when the parameter list itself is wrong', () => {
    expect(errorsOf('export const a = (row: Row, (x)) => true;')[0]).toMatchObject({ line: 1, column: 34 });
  });

  it('reports duplicate SF names at the second definition, for both forms mixed', () => {
    const errors = errorsOf(`export const dup = (row: Row) => true;
export const other = (row: Row) => false;
export function dup(row: Row): boolean {
  return false;
}
export { other };
`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ kind: 'duplicate', sf: 'dup', line: 3, column: 17 });
    expect(errors[0]?.message).toBe(
      'Duplicate SF name "dup" at line 3 (first defined at line 1). Each SF defines one slice, so each needs its own name.',
    );
    expect(errors[1]).toMatchObject({ kind: 'duplicate', sf: 'other', line: 6 });
  });

  it('reports a helper and an SF with the same name (the engine would reject it without a line)', () => {
    const errors = errorsOf('const a = 1;\nexport function a(row: Row) { return true; }');
    expect(errors).toEqual([
      expect.objectContaining({ kind: 'compile', line: 2, message: expect.stringContaining('"a" is declared twice (lines 1 and 2)') }),
    ]);
  });

  it('rejects imports of every kind', () => {
    const imported = errorsOf("import { words } from './words';\nexport const a = (row: Row) => true;");
    expect(imported).toEqual([expect.objectContaining({ kind: 'compile', line: 1, column: 1 })]);
    expect(imported[0]?.message).toMatch(/^SFs cannot import modules \(line 1, column 1\)/);
    // Type-only imports too (sucrase would silently drop them), and dynamic import().
    expect(errorsOf("import type { X } from 'x';\nexport const a = (row: Row) => true;")[0]?.message).toMatch(/cannot import/);
    expect(errorsOf("export const a = (row: Row) => { import('x'); return true; };")[0]).toMatchObject({
      line: 1,
      column: 34,
      message: expect.stringMatching(/^Dynamic import\(\) is blocked \(line 1, column 34\): SF code cannot load code or reach the network/),
    });
    expect(errorsOf('const u = 1;\nexport const a = (row: Row) => import.meta.url.length > u;')[0]).toMatchObject({
      line: 2,
      column: 32,
      message: expect.stringMatching(/^import\.meta is blocked \(line 2, column 32\)/),
    });
    expect(errorsOf("export { a } from 'x';")[0]?.message).toMatch(/cannot import/);
    expect(errorsOf("export * from 'x';")[0]?.message).toMatch(/cannot import/);
  });

  it('explains when there are no SFs', () => {
    const errors = errorsOf('const keywords = ["a"];\nconst helper = (row: Row) => true;\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.kind).toBe('noSfs');
    expect(errors[0]?.message).toContain('export const short_comment = (row: Row) =>');
    expect(errors[0]?.message).toContain('"keywords", "helper"');
    expect(errorsOf('')[0]?.kind).toBe('noSfs');
    expect(errorsOf('// only a comment\nexport type T = number;')[0]?.kind).toBe('noSfs');
  });

  it('rejects export forms that do not name exactly one SF', () => {
    expect(errorsOf('export default (row: Row) => true;')[0]?.message).toMatch(/"export default" at line 1 gives no name/);
    expect(errorsOf('export const a = (row: Row) => true, b = (row: Row) => false;')[0]?.message).toMatch(
      /must declare exactly one SF \(it declares "a", "b"\)/,
    );
    expect(errorsOf('const o = { a: 1 };\nexport const { a } = o;')[0]).toMatchObject({ line: 2 });
    expect(errorsOf('export class Slice {}')[0]).toMatchObject({
      sf: 'Slice',
      message: expect.stringMatching(/is a class, not a function/),
    });
    expect(errorsOf('export enum E { A }')[0]).toMatchObject({ sf: 'E', message: expect.stringMatching(/is an enum/) });
    expect(errorsOf('namespace N { export const x = 1; }\nexport const a = (row: Row) => true;')[0]?.message).toMatch(
      /namespaces are not supported/,
    );
  });

  it('reports several problems at once, in source order', () => {
    const errors = errorsOf("export const a = (row: Row) => true;\nimport x from 'x';\nexport const a = (row: Row) => false;");
    expect(errors.map((e) => [e.kind, e.line])).toEqual([
      ['compile', 2],
      ['duplicate', 3],
    ]);
  });
});

describe('loadSfs', () => {
  it('returns the SFs as functions, in order, with their lines', () => {
    const loaded = loadSfs(compiled(SPAM_SFS));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.sfs.map((s) => [s.name, typeof s.fn, s.line])).toEqual([
      ['short_comment', 'function', 2],
      ['keyword_please', 'function', 3],
      ['regex_check_out', 'function', 4],
      ['short_link', 'function', 5],
    ]);
    expect(loaded.sfs[2]?.fn({ text: 'Check this out' })).toBe(true);
  });

  it('names each export that is not a function', () => {
    const loaded = loadSfs(
      compiled(`export const keywords = ['please'];
export const fine = (row: Row) => true;
export let count = 3;`),
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toEqual([
      expect.objectContaining({
        kind: 'compile',
        sf: 'keywords',
        line: 1,
        message: expect.stringMatching(/^"keywords" is exported but is an array, not a function/),
      }),
      expect.objectContaining({ kind: 'compile', sf: 'count', line: 3, message: expect.stringMatching(/is a number \(3\)/) }),
    ]);
  });

  it('reports top-level code that throws, with its line', () => {
    const loaded = loadSfs(
      compiled('const words = ["a"];\nconst first = (words as any).nope.length;\nexport const a = (row: Row) => true;'),
    );
    expect(loaded).toEqual({
      ok: false,
      errors: [
        {
          kind: 'runtime',
          line: 2,
          message: "The SF file's top-level code threw at line 2: Cannot read properties of undefined (reading 'length')",
        },
      ],
    });
  });

  it('reports early errors the engine finds and sucrase does not', () => {
    const loaded = loadSfs(compiled('export const a = (row: Row) => {\n  let x = 1;\n  let x = 2;\n  return true;\n};'));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.errors[0]).toMatchObject({ kind: 'compile', message: "Syntax error: Identifier 'x' has already been declared" });
  });
});

describe('reserved names', () => {
  it('rejects SFs named like built-in slices and rows, with the line', () => {
    const result = compileSfs(
      'export const ok = (row: Row) => true;\nexport const base = (row: Row) => false;\nexport function overall(row: Row) { return true; }\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.sf, e.line])).toEqual([
      ['base', 2],
      ['overall', 3],
    ]);
    expect(result.errors[0]!.message).toContain('reserved');
  });
});

describe('cache keys (keys.ts through compileSfs)', () => {
  const keysOf = (source: string) => {
    const c = compiled(source);
    return Object.fromEntries(c.names.map((n, i) => [n, c.keys[i]]));
  };
  const base = `const words = ['plz'];
export const a = (row: Row) => row.x > 1;
export function b(row: Row) { return row.x < 0; }
export const both = (row: Row) => a(row) && b(row);
`;

  it('ignores whitespace and comments, so formatting re-runs nothing', () => {
    const formatted = `// words to look for
const words = [ 'plz' ];

export const a = (row: Row) =>
  row.x > 1;
export function b(row: Row) {
  return row.x < 0;
}
export const both = (row: Row) => a(row) && b(row);
`;
    expect(keysOf(formatted)).toEqual(keysOf(base));
  });

  it('changes only the edited SF and the SFs that use it', () => {
    const before = keysOf(base);
    const after = keysOf(base.replace('row.x > 1', 'row.x > 2'));
    expect(after.a).not.toBe(before.a);
    expect(after.b).toBe(before.b);
    expect(after.both).not.toBe(before.both); // it calls a
  });

  it('changes every key when shared top-level code changes', () => {
    const before = keysOf(base);
    const after = keysOf(base.replace("'plz'", "'please'"));
    for (const name of ['a', 'b', 'both']) expect(after[name], name).not.toBe(before[name]);
  });
});
