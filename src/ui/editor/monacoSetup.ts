/**
 * Monaco, offline: the local monaco-editor package (not a CDN), its workers bundled by Vite.
 * Imported lazily (this module is only reached through the lazy SfEditor), so first paint never
 * waits for Monaco's ~4 MB.
 */
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

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
  // SF files see only the ES library and the generated Row type: no DOM, no imports.
  lib: ['es2020'],
  allowNonTsExtensions: true,
});
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
ts.typescriptDefaults.setEagerModelSync(true);

loader.config({ monaco });

let rowTypeLib: { dispose(): void } | null = null;

/** Replace the ambient `Row` declaration the editor type-checks SFs against. */
export function setRowType(declaration: string): void {
  rowTypeLib?.dispose();
  rowTypeLib = ts.typescriptDefaults.addExtraLib(declaration, 'file:///slicewise/row.d.ts');
}

export { monaco };
