/**
 * Types for the two sucrase entry points that compile.ts loads by path. Sucrase ships its typings
 * under dist/types/ and has no "exports" map, so TypeScript cannot find types for these paths.
 *
 * Why paths and not just `import { transform } from 'sucrase'`: compile.ts needs sucrase's token
 * stream (exact token kinds and positions, scope depths, declaration roles) to find the exported SFs
 * without being fooled by comments, strings or regexes, and the public API does not expose it.
 * Both imports use the CommonJS build so Node, vitest and Vite all load ONE copy of the parser
 * (the package's "module" entry is an ESM build whose extensionless imports Node cannot load).
 * Only the fields read by src/core/slicing/tokens.ts are declared; they are pinned by its tests.
 */
declare module 'sucrase/dist/index.js' {
  export { transform } from 'sucrase';
}

declare module 'sucrase/dist/parser/index.js' {
  /** A subset of sucrase's Token (dist/types/parser/tokenizer/index.d.ts). */
  export interface SucraseToken {
    /** TokenType: a bit-packed number; turn it into a label with formatTokenType. */
    type: number;
    /** [start, end) as UTF-16 offsets into the source. */
    start: number;
    end: number;
    /** 0 = top level; each function or block scope adds one (brackets and parens do not). */
    scopeDepth: number;
    /** Part of a type annotation or a type-only declaration (removed by the TS transform). */
    isType: boolean;
    /** IdentifierRole on name tokens: 2 = TopLevelDeclaration, 5 = ObjectShorthandTopLevelDeclaration. */
    identifierRole: number | null;
    /** On an `export` token: index of the first token after the whole export statement. */
    rhsEndIndex: number | null;
  }
  /** Throws a SyntaxError with `pos` (0-based offset) on the first syntax error. */
  export function parse(
    input: string,
    isJSXEnabled: boolean,
    isTypeScriptEnabled: boolean,
    isFlowEnabled: boolean,
  ): { tokens: SucraseToken[] };
}

declare module 'sucrase/dist/parser/tokenizer/types.js' {
  /** 'export', 'name', 'const', '{', '=>', 'string', 'template', ... */
  export function formatTokenType(type: number): string;
}
