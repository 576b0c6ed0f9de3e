/**
 * The Monaco editor for slicing functions. Lazy: this module pulls in Monaco (see monacoSetup).
 * Typing autosaves the source (store) and re-applies the SFs after a short pause (the worker re-runs
 * only the SFs that changed); Ctrl/Cmd+Enter applies now; Ctrl/Cmd+S formats the file with
 * TypeScript's own formatter, saves it and applies.
 */
import { useEffect, useRef, useState } from 'react';
import Editor from '@monaco-editor/react';
import { monaco, setRowType, setSnippetContext } from './monacoSetup.ts';
import { useStore } from '../../store/store.ts';
import { rowTypeDeclaration } from '../../core/slicing/rowType.ts';
import { setEditorReveal } from './reveal.ts';

/** Pause after the last keystroke before the SFs re-run. */
export const APPLY_DELAY_MS = 400;
const MODEL_PATH = 'file:///slicewise/slicing-functions.ts';

export default function SfEditor() {
  const table = useStore((s) => s.table);
  const sfErrors = useStore((s) => s.sfErrors);
  const slices = useStore((s) => s.slices);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [mounted, setMounted] = useState(false);

  useEffect(() => {
    if (table) setRowType(rowTypeDeclaration(table));
  }, [table]);

  useEffect(() => {
    setSnippetContext(
      table,
      slices.map((s) => s.name),
    );
  }, [table, slices]);

  // Our own errors (compile, runtime, non-boolean, timeout, blocked) as markers next to Monaco's type errors.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const lines = model.getLineCount();
    const markers = sfErrors
      .filter((e) => e.line !== undefined && e.line <= lines)
      .map((e) => {
        const line = e.line as number;
        const column = e.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: e.message,
          source: 'slicewise',
          startLineNumber: line,
          startColumn: Math.max(1, column),
          endLineNumber: line,
          endColumn: e.column !== undefined ? e.column + 1 : model.getLineMaxColumn(line),
        };
      });
    monaco.editor.setModelMarkers(model, 'slicewise', markers);
  }, [sfErrors, mounted]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      setEditorReveal(null);
    },
    [],
  );

  const applyNow = () => {
    if (timer.current) clearTimeout(timer.current);
    void useStore.getState().applySfs();
  };

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
          formatOnPaste: false,
        }}
        onMount={(editor) => {
          editorRef.current = editor;
          editor.getModel()?.updateOptions({ tabSize: 2, insertSpaces: true });
          editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, applyNow);
          // Save: format with the TypeScript language service's formatter, keep the result, apply.
          editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
            void (async () => {
              await editor.getAction('editor.action.formatDocument')?.run();
              useStore.getState().setSfSource(editor.getValue());
              applyNow();
            })();
          });
          setEditorReveal((line) => {
            editor.revealLineInCenter(line);
            editor.setPosition({ lineNumber: line, column: editor.getModel()?.getLineFirstNonWhitespaceColumn(line) || 1 });
            editor.focus();
          });
          // Keep the editor in step when the source changes from outside (example loaded, project opened).
          const unsubscribe = useStore.subscribe((state, prev) => {
            if (state.sfSource !== prev.sfSource && state.sfSource !== editor.getValue()) {
              editor.setValue(state.sfSource);
            }
          });
          editor.onDidDispose(unsubscribe);
          setMounted(true);
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
