/**
 * Monitoring new data: load next month's file, see each slice's accuracy on it beside the
 * training-time (validation) accuracy of the same model, with the slices that dropped most first
 * and highlighted. The work happens in workers (src/store/monitorSlice.ts); this only shows it.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../../store/store.ts';
import { driftRows, rankDrops, type DriftRow } from '../../core/monitor/compare.ts';
import { MODEL_LABELS, MODEL_KINDS, type ModelKind } from '../../core/train/types.ts';
import { count, pct, points } from '../format.ts';
import './monitor.css';

/** How many of the largest drops are highlighted. */
const TOP = 3;

function MonitorTable({ rows, top, reference }: { rows: DriftRow[]; top: Set<string>; reference: 'validation' | 'project' }) {
  return (
    <table className="results-table monitor-table" data-testid="monitor.table">
      <thead>
        <tr>
          <th>Slice</th>
          <th className="num">{reference === 'validation' ? 'n (validation)' : 'n (project data)'}</th>
          <th className="num">{reference === 'validation' ? 'Accuracy at training' : "Accuracy on the project's data"}</th>
          <th className="num">n (new data)</th>
          <th className="num">Accuracy on new data</th>
          <th className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const key = i === 0 ? 'overall' : r.slice;
          const highlighted = i > 0 && top.has(r.slice);
          const noise = highlighted && !r.significant;
          return (
            <tr
              key={key}
              className={`${i === 0 ? 'overall' : ''} ${highlighted ? 'drop-top' : ''} ${noise ? 'noise' : ''}`}
              data-testid={`monitor.row.${key}`}
              data-highlighted={highlighted || undefined}
            >
              <td>
                {i === 0 ? <strong>overall</strong> : r.slice}
                {highlighted && (
                  <span className="drop-mark" title="Among the largest accuracy drops">
                    {' '}
                    ▼
                  </span>
                )}
              </td>
              <td className="num">{count(r.beforeCount)}</td>
              <td className="num" data-testid={`monitor.before.${key}`}>
                {r.before === null ? '—' : pct(r.before)}
              </td>
              <td className="num">{count(r.afterCount)}</td>
              <td className="num" data-testid={`monitor.after.${key}`}>
                {r.after === null ? '—' : pct(r.after)}
              </td>
              <td
                className={`num ${r.drop !== null && r.drop > 0 ? 'worse' : r.drop !== null && r.drop < 0 ? 'better' : ''}`}
                data-testid={`monitor.change.${key}`}
              >
                {r.drop === null ? '—' : `${points(-r.drop)} pts`}
                {r.drop !== null && !r.significant && r.drop > 0 && (
                  <span className="muted" title="Within the 95% intervals: may be noise">
                    {' '}
                    ≈
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Result() {
  const result = useStore((s) => s.monitorResult);
  const models = useMemo(() => MODEL_KINDS.filter((m) => result?.after[m]), [result]);
  const [picked, setPicked] = useState<ModelKind | null>(null);
  if (!result || models.length === 0) return null;
  const model = picked && models.includes(picked) ? picked : models[0]!;
  const { overall, slices } = driftRows(
    result.before[model],
    result.after[model]!,
    result.slices.map((s) => s.name),
  );
  const ranked = rankDrops(slices);
  const top = new Set(ranked.slice(0, TOP).map((r) => r.slice));
  return (
    <div className="monitor-result" data-testid="monitor.result">
      <p className="muted">
        <strong>{result.fileName}</strong>: {count(result.rows)} rows, {count(result.scored)} scored.
        {result.missingLabels > 0 && ` ${count(result.missingLabels)} rows have no label and are left out.`}
        {result.unknownLabels.length > 0 &&
          ` ${count(result.unknownLabels.reduce((n, u) => n + u.count, 0))} rows have labels the model never saw (${result.unknownLabels
            .slice(0, 5)
            .map((u) => `"${u.value}"`)
            .join(', ')}) and are left out.`}
      </p>
      <div className="row">
        <label className="row">
          <span className="muted small">Model</span>
          <select aria-label="Model to monitor" value={model} onChange={(e) => setPicked(e.target.value as ModelKind)}>
            {models.map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="drops" data-testid="monitor.drops">
        <h4>Largest accuracy drops</h4>
        {ranked.length === 0 ? (
          <p className="muted">No slice got less accurate on the new data.</p>
        ) : (
          <ol>
            {ranked.slice(0, TOP).map((r) => (
              <li key={r.slice} data-testid={`monitor.drop.${r.slice}`}>
                <strong>{r.slice}</strong>: {pct(r.before!)} → {pct(r.after!)} ({points(-r.drop!)} pts, n = {count(r.afterCount)})
                {r.significant ? <span className="tag bad">beyond noise</span> : <span className="tag">may be noise</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
      <MonitorTable rows={[overall, ...slices]} top={top} reference={result.reference} />
      <p className="muted small">
        {result.reference === 'validation'
          ? "Accuracy at training = the run's validation rows"
          : `Reference = ${result.modelName ?? 'the model'} on every row of the project's data (it may include rows the model trained on)`}
        ; on new data = every row with a known label. Slices come from the same slicing functions run on the new data. “≈”: the change is
        within the 95% intervals.
      </p>
    </div>
  );
}

export function MonitorView() {
  const open = useStore((s) => s.monitorOpen);
  const status = useStore((s) => s.monitorStatus);
  const message = useStore((s) => s.monitorMessage);
  const trained = useStore((s) => (s.status === 'done' || s.status === 'stopped') && Object.keys(s.final).length > 0);
  const model = useStore((s) => s.monitorModel);
  const { setMonitorOpen, monitorFile, chooseMonitorModel } = useStore.getState();
  const ready = trained || model !== null;
  if (!open) return null;
  const busy = status === 'reading' || status === 'slicing' || status === 'predicting';
  return (
    <div className="monitor-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setMonitorOpen(false)}>
      <section
        className="monitor panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="monitor-title"
        data-testid="monitor.view"
        onKeyDown={(e) => e.key === 'Escape' && setMonitorOpen(false)}
      >
        <h2 id="monitor-title">
          Monitor new data
          <span className="hint">the models of the run on screen, slice by slice, on data they have not seen</span>
          <button type="button" className="close" aria-label="Close" data-testid="monitor.close" onClick={() => setMonitorOpen(false)}>
            ×
          </button>
        </h2>
        <p className="muted small">
          Load another file with the same columns (say, next month's data). The same slicing functions run on it, each trained model
          predicts it, and each slice's accuracy on it is shown beside its accuracy at training time. The slices whose accuracy dropped most
          come first.
        </p>
        <div className="row monitor-source" data-testid="monitor.source">
          <span className="muted small">Models</span>
          {model ? (
            <>
              <span>
                exported <strong>{model.name}</strong> ({MODEL_LABELS[model.kind]}, label “{model.label}”, {model.features.length} features)
              </span>
              <button type="button" onClick={() => void chooseMonitorModel(null)}>
                Use the last run's models
              </button>
            </>
          ) : (
            <span>{trained ? "the last run's models" : 'none yet'}</span>
          )}
          <label className="button-like">
            Choose an exported model…
            <input
              type="file"
              multiple
              hidden
              accept=".json,.bin"
              aria-label="Exported model files"
              data-testid="monitor.model"
              disabled={busy}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) void chooseMonitorModel(files);
              }}
            />
          </label>
        </div>
        {!ready && (
          <div className="empty-state">
            Train first, or choose an exported model (model.json and weights.bin together): monitoring compares models with how they did on
            the data they came from.
          </div>
        )}
        <div className="row">
          <label className="button-like">
            Choose new data…
            <input
              type="file"
              hidden
              aria-label="New data file"
              data-testid="monitor.file"
              disabled={!ready || busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void monitorFile(file);
              }}
            />
          </label>
          <span className={status === 'error' ? 'error-text' : 'muted'} role="status" data-testid="monitor.status">
            {status === 'error' ? '' : message}
          </span>
        </div>
        {status === 'error' && message && (
          <div className="error" role="alert" data-testid="monitor.error">
            {message}
          </div>
        )}
        {status === 'done' && <Result />}
      </section>
    </div>
  );
}

/** The header's button that opens the view. */
export function MonitorButton() {
  const { setMonitorOpen } = useStore.getState();
  return (
    <button type="button" className="header-button" data-testid="monitor.open" onClick={() => setMonitorOpen(true)}>
      Monitor new data
    </button>
  );
}
