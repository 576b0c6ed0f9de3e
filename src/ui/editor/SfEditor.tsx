/**
 * The Monaco editor for slicing functions. Lazy: this module pulls in Monaco (see monacoSetup).
 * Typing autosaves the source (store) and re-applies the SFs after a pause; Ctrl/Cmd+Enter applies now.
 */
import { useEffect, useRef } from 'react';
import Editor from '@monaco-editor/react';
import { monaco, setRowType } from './monacoSetup.ts';
import { useStore } from '../../store/store.ts';
import { rowTypeDeclaration } from '../../core/slicing/rowType.ts';

const APPLY_DELAY_MS = 700;
const MODEL_PATH = 'file:///slicewise/slicing-functions.ts';

export default function SfEditor() {
  const table = useStore((s) => s.table);
  const sfErrors = useStore((s) => s.sfErrors);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (table) setRowType(rowTypeDeclaration(table));
  }, [table]);

  // Our own errors (compile, runtime, timeout) as markers next to Monaco's type errors.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = sfErrors
      .filter((e) => e.line !== undefined)
      .map((e) => ({
        severity: monaco.MarkerSeverity.Error,
        message: e.message,
        startLineNumber: e.line!,
        startColumn: e.column ?? 1,
        endLineNumber: e.line!,
        endColumn: e.column !== undefined ? e.column + 1 : model.getLineMaxColumn(e.line!),
      }));
    monaco.editor.setModelMarkers(model, 'slicewise', markers);
  }, [sfErrors]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return (
    <div className="editor" data-testid="slices.editor">
      <Editor
        path={MODEL_PATH}
        defaultLanguage="typescript"
        defaultValue={useStore.getState().sfSource}
        theme="vs"
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          lineNumbersMinChars: 3,
          fixedOverflowWidgets: true,
          wordWrap: 'on',
          wrappingIndent: 'indent',
        }}
        onMount={(editor) => {
          editorRef.current = editor;
          editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
            if (timer.current) clearTimeout(timer.current);
            void useStore.getState().applySfs();
          });
          // Keep the editor in step when the source changes from outside (example loaded).
          const unsubscribe = useStore.subscribe((state, prev) => {
            if (state.sfSource !== prev.sfSource && state.sfSource !== editor.getValue()) {
              editor.setValue(state.sfSource);
            }
          });
          editor.onDidDispose(unsubscribe);
        }}
        onChange={(value) => {
          useStore.getState().setSfSource(value ?? '');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void useStore.getState().applySfs(), APPLY_DELAY_MS);
        }}
      />
    </div>
  );
}
