import { count } from '../format.ts';
import { useRef, useState, type DragEvent } from 'react';
import { useStore } from '../../store/store.ts';
import { FeaturePicker } from './FeaturePicker.tsx';
import { describeConversion, formatBytes } from '../../core/data/assemble.ts';
import { ExamplePicker } from './ExamplePicker.tsx';

const ACCEPT = '.csv,.tsv,.tab,.txt,.json,.jsonl,.ndjson,.parquet,.arrow,.feather,.ipc';

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
            {formatBytes(loading.bytes)} of {formatBytes(loading.totalBytes)} · {count(loading.rows)} rows
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
        <select aria-label="Split column" value={config.splitColumn ?? ''} onChange={(e) => setSplitColumn(e.target.value || null)}>
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
          <PercentField label="Valid" min={1} value={config.validFraction} onChange={(v) => setSplitFractions(v, config.testFraction)} />
          <PercentField label="Test" min={0} value={config.testFraction} onChange={(v) => setSplitFractions(config.validFraction, v)} />
          <span className="muted small">
            train {Math.max(0, 100 - Math.round(config.validFraction * 100) - Math.round(config.testFraction * 100))}%
          </span>
        </div>
      )}
      <FeaturePicker />
    </section>
  );
}

/** A share of the rows as a whole percent in [min, 90] (train keeps at least 10%); reports a fraction. */
function PercentField(props: { label: string; min: number; value: number; onChange(fraction: number): void }) {
  return (
    <label className="field">
      <span>{props.label} %</span>
      <input
        type="number"
        aria-label={`${props.label} percent`}
        min={props.min}
        max={90}
        value={Math.round(props.value * 100)}
        onChange={(e) => {
          const n = Math.round(Number(e.target.value));
          props.onChange((Number.isFinite(n) ? Math.min(90, Math.max(props.min, n)) : props.min) / 100);
        }}
      />
    </label>
  );
}
