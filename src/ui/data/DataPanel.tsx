import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store/store.ts';
import { FeaturePicker } from './FeaturePicker.tsx';

const ACCEPT = '.csv,.tsv,.txt,.json,.jsonl,.ndjson';

export function DataPanel() {
  const table = useStore((s) => s.table)!;
  const datasetName = useStore((s) => s.datasetName);
  const config = useStore((s) => s.config);
  const dataError = useStore((s) => s.dataError);
  const loading = useStore((s) => s.loadingData);
  const { uploadFile, loadExample, setLabel, setSplitColumn } = useStore.getState();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void uploadFile(file);
  };
  const splitCandidates = table.columns.filter((c) => c.kind !== 'number' && c.name !== config.label);

  return (
    <section className="panel data-panel" aria-labelledby="data-title">
      <h2 id="data-title">
        <span className="step">1</span> Data
      </h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="data.dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a CSV, TSV, JSON or JSON Lines file here</p>
        <div className="row">
          <button type="button" onClick={() => input.current?.click()} disabled={loading}>
            Upload data…
          </button>
          {datasetName !== null && (
            <button type="button" className="secondary" onClick={loadExample}>
              Load example
            </button>
          )}
        </div>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid="data.file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void uploadFile(file);
            e.target.value = '';
          }}
        />
      </div>
      {loading && <p className="muted">Reading the file…</p>}
      {dataError && (
        <div className="error" role="alert" data-testid="data.error">
          {dataError}
          <div className="muted">The current project was kept as it was.</div>
        </div>
      )}
      <dl className="facts" data-testid="data.summary">
        <dt>Rows</dt>
        <dd data-testid="data.rows">{table.rowCount.toLocaleString('en-US')}</dd>
        <dt>Columns</dt>
        <dd>{table.columns.length}</dd>
      </dl>
      <label className="field">
        <span>Label column</span>
        <select aria-label="Label column" value={config.label} onChange={(e) => setLabel(e.target.value)}>
          {table.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.kind})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Split</span>
        <select
          aria-label="Split column"
          value={config.splitColumn ?? ''}
          onChange={(e) => setSplitColumn(e.target.value || null)}
        >
          <option value="">Random 80 / 20 (seeded)</option>
          {splitCandidates.map((c) => (
            <option key={c.name} value={c.name}>
              column “{c.name}”
            </option>
          ))}
        </select>
      </label>
      <FeaturePicker />
    </section>
  );
}
