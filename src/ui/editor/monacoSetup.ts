/**
 * Monaco, offline: the local monaco-editor package (not a CDN), its workers bundled by Vite.
 * Imported lazily (this module is only reached through the lazy SfEditor), so first paint never
 * waits for Monaco's ~4 MB.
 *
 * The SF editor's language setup lives here: the ambient `Row` (from the dataset) and `sf` helper
 * types, SF snippets in completion (snippets.ts), and the TypeScript formatter used on save.
 */
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { SF_HELPER_DECLARATION } from '../../core/slicing/sfHelper.ts';
import type { Table } from '../../core/table.ts';
import { sfSnippets } from './snippets.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ES2020,
  strict: true,
  noEmit: true,
  // SF files see only the ES library, the generated Row type and the sf helper: no DOM, no imports.
  lib: ['es2020'],
  allowNonTsExtensions: true,
});
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
ts.typescriptDefaults.setEagerModelSync(true);
ts.typescriptDefaults.addExtraLib(SF_HELPER_DECLARATION, 'file:///slicewise/sf.d.ts');

loader.config({ monaco });

let rowTypeLib: { dispose(): void } | null = null;

/** Replace the ambient `Row` declaration the editor type-checks SFs against. */
export function setRowType(declaration: string): void {
  rowTypeLib?.dispose();
  rowTypeLib = ts.typescriptDefaults.addExtraLib(declaration, 'file:///slicewise/row.d.ts');
}

/** What the snippets are filled in from: the current table and the SF names of the last apply. */
const snippetContext: { table: Table | null; sfNames: readonly string[] } = { table: null, sfNames: [] };

export function setSnippetContext(table: Table | null, sfNames: readonly string[]): void {
  snippetContext.table = table;
  snippetContext.sfNames = sfNames;
}

monaco.languages.registerCompletionItemProvider('typescript', {
  provideCompletionItems(model, position) {
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    // Only where a statement can start: nothing but whitespace before the word on its line.
    const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
    if (before.trim() !== '') return { suggestions: [] };
    return {
      suggestions: sfSnippets(snippetContext.table, snippetContext.sfNames).map((s, i) => ({
        label: s.label,
        kind: monaco.languages.CompletionItemKind.Snippet,
        detail: s.detail,
        documentation: { value: '```ts\n' + s.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/g, '') + '\n```' },
        insertText: s.body,
        insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        sortText: `0${i}`,
        range,
      })),
    };
  },
});

export { monaco };
