import { count } from '../format.ts';
import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store/store.ts';
import { FeaturePicker } from './FeaturePicker.tsx';
import { describeConversion } from '../../core/data/assemble.ts';
import { ExamplePicker } from './ExamplePicker.tsx';

const ACCEPT = '.csv,.tsv,.tab,.txt,.json,.jsonl,.ndjson,.parquet,.arrow,.feather,.ipc';

const MB = 1024 * 1024;

export function DataPanel() {
  const table = useStore((s) => s.table)!;
  const config = useStore((s) => s.config);
  const dataError = useStore((s) => s.dataError);
  const loading = useStore((s) => s.loading);
  const { uploadFile, setLabel, setSplitColumn, setSplitFractions, cancelLoad } = useStore.getState();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void uploadFile(file);
  };
  const splitCandidates = table.columns.filter((c) => (c.kind === 'category' || c.kind === 'text') && c.name !== config.label);

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
        <p>Drop a CSV, TSV, JSON, JSON Lines, Parquet or Arrow file here</p>
        <div className="row">
          <button type="button" onClick={() => input.current?.click()} disabled={loading !== null}>
            Upload data…
          </button>
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
      <ExamplePicker />
      {loading && (
        <div className="load-progress" role="status" data-testid="data.loading">
          <div className="row">
            <span className="small">Reading {loading.name}…</span>
            <button type="button" className="secondary small" onClick={cancelLoad}>
              Cancel
            </button>
          </div>
          <progress max={Math.max(1, loading.totalBytes)} value={loading.bytes} aria-label="Reading progress" />
          <div className="muted small" data-testid="data.loading.detail">
            {(loading.bytes / MB).toFixed(1)} of {(loading.totalBytes / MB).toFixed(1)} MB ·{' '}
            {count(loading.rows)} rows
          </div>
        </div>
      )}
      {dataError && (
        <div className="error" role="alert" data-testid="data.error">
          {dataError}
          <div className="muted">The current project was kept as it was.</div>
        </div>
      )}
      {table.conversions && table.conversions.length > 0 && (
        <div className="warning" role="status" data-testid="data.conversions">
          {table.conversions.map((c) => (
            <div key={c.column}>{describeConversion(c)}</div>
          ))}
        </div>
      )}
      <dl className="facts" data-testid="data.summary">
        <dt>Rows</dt>
        <dd data-testid="data.rows">{count(table.rowCount)}</dd>
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
          <option value="">Random (stratified, seeded)</option>
          {splitCandidates.map((c) => (
            <option key={c.name} value={c.name}>
              column “{c.name}”
            </option>
          ))}
        </select>
      </label>
      {config.splitColumn === null && (
        <div className="row split-fractions" data-testid="data.split">
          <label className="field">
            <span>Valid %</span>
            <input
              type="number"
              aria-label="Valid percent"
              min={1}
              max={90}
              value={Math.round(config.validFraction * 100)}
              onChange={(e) => setSplitFractions(clampPercent(e.target.value, 1) / 100, config.testFraction)}
            />
          </label>
          <label className="field">
            <span>Test %</span>
            <input
              type="number"
              aria-label="Test percent"
              min={0}
              max={90}
              value={Math.round(config.testFraction * 100)}
              onChange={(e) => setSplitFractions(config.validFraction, clampPercent(e.target.value, 0) / 100)}
            />
          </label>
          <span className="muted small">
            train {Math.max(0, 100 - Math.round(config.validFraction * 100) - Math.round(config.testFraction * 100))}%
          </span>
        </div>
      )}
      <FeaturePicker />
    </section>
  );
}

/** A percent field's value, kept within [min, 90] (train keeps at least 10%). */
function clampPercent(text: string, min: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(90, Math.max(min, n)) : min;
}
