import { useStore } from '../../store/store.ts';
import { count, pct } from '../format.ts';
import './discover.css';

/**
 * "Find weak slices": SliceLine over every column (features and SF-only alike) on the valid rows,
 * where the plain model errs; each slice can become an SF in one click.
 */
export function DiscoverSection() {
  const status = useStore((s) => s.discoverStatus);
  const message = useStore((s) => s.discoverMessage);
  const progress = useStore((s) => s.discoverProgress);
  const result = useStore((s) => s.discovery);
  const added = useStore((s) => s.discoveredAdded);
  const trainBusy = useStore((s) => s.status === 'training' || s.status === 'preparing');
  const hasRun = useStore((s) => s.predictions.plain !== undefined);
  const running = status === 'training' || status === 'searching';
  const { findWeakSlices, cancelDiscovery, addDiscoveredSf } = useStore.getState();
  return (
    <section className="discover" aria-labelledby="discover-title" data-testid="discover">
      <div className="row discover-head">
        <h3 id="discover-title">Weak slices</h3>
        <span className="hint">
          {hasRun ? 'where the last run’s plain model errs on the valid rows' : 'trains a quick plain model first'}
        </span>
        {running ? (
          <button type="button" data-testid="discover.cancel" onClick={cancelDiscovery}>
            Cancel
          </button>
        ) : (
          <button type="button" data-testid="discover.start" disabled={trainBusy} onClick={() => void findWeakSlices()}>
            Find weak slices
          </button>
        )}
      </div>
      {(message || running) && (
        <div className={`row small ${status === 'error' ? 'error-text' : 'muted'}`} role="status" data-testid="discover.status">
          {status === 'searching' && <progress max={1} value={progress?.fraction ?? 0} aria-label="Search progress" />}
          {status === 'searching' && progress && (
            <span>
              level {progress.level} of {progress.maxLevel}
            </span>
          )}
          <span>{message}</span>
        </div>
      )}
      {result && result.slices.length === 0 && (
        <p className="muted small">No slice is worse than average by enough to stand out (overall error {pct(result.overallError)}).</p>
      )}
      {result && result.slices.length > 0 && (
        <div className="discover-list" data-testid="discover.list">
          <table className="discover-table">
            <thead>
              <tr>
                <th>Slice (valid rows)</th>
                <th className="num">Rows</th>
                <th className="num" title="Share of the slice's rows the model gets wrong, with its 95% Wilson interval">
                  Error
                </th>
                <th className="num" title="Slice error / overall error">
                  Lift
                </th>
                <th aria-hidden />
              </tr>
            </thead>
            <tbody>
              {result.slices.map((s, i) => (
                <tr key={s.description} data-testid={`discover.slice.${i}`}>
                  <td className="discover-desc" data-testid={`discover.desc.${i}`}>
                    {s.description}
                  </td>
                  <td className="num">{count(s.size)}</td>
                  <td className="num">
                    {pct(s.error, 0)}{' '}
                    <span className="ci">
                      {pct(s.errorCi[0], 0)}–{pct(s.errorCi[1], 0)}
                    </span>
                  </td>
                  <td className="num">{s.lift.toFixed(1)}×</td>
                  <td className="num">
                    {added[i] !== undefined ? (
                      <span className="muted small" data-testid={`discover.added.${i}`}>
                        added as <code>{added[i]}</code>
                      </span>
                    ) : (
                      <button type="button" className="small" data-testid={`discover.add.${i}`} onClick={() => addDiscoveredSf(i)}>
                        Add as SF
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small discover-foot">
            Overall error {pct(result.overallError)} on {count(result.rows)} valid rows · SliceLine, up to {result.options.maxPredicates}{' '}
            conditions, at least {count(result.options.minSupport)} rows
            {result.skipped.length > 0 && ` · skipped: ${result.skipped.map((s) => `${s.column} (${s.reason})`).join(', ')}`}
          </p>
        </div>
      )}
    </section>
  );
}
