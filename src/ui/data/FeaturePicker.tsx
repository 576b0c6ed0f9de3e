import { useMemo, useState } from 'react';
import { useStore } from '../../store/store.ts';
import { COLUMN_KINDS, type ColumnKind } from '../../core/table.ts';

/**
 * Which columns the model reads. Columns left out stay readable by slicing functions: that is how SFs
 * use information (metadata) the served model never sees.
 */
export function FeaturePicker() {
  const table = useStore((s) => s.table)!;
  const config = useStore((s) => s.config);
  const { setFeatures, setColumnType } = useStore.getState();
  // Types can be chosen for uploaded files (they are re-read with the choice), not the generated example.
  const typable = useStore((s) => s.dataFile !== null && s.loading === null);
  const [filter, setFilter] = useState('');
  const chosen = useMemo(() => new Set(config.features), [config.features]);
  const candidates = table.columns.filter((c) => c.name !== config.label && c.name !== config.splitColumn);
  const shown = candidates.filter((c) => c.name.toLowerCase().includes(filter.toLowerCase()));

  const toggle = (name: string) => {
    const next = chosen.has(name) ? config.features.filter((f) => f !== name) : [...config.features, name];
    setFeatures(candidates.map((c) => c.name).filter((n) => next.includes(n)));
  };

  return (
    <fieldset className="features" data-testid="data.features">
      <legend>
        Feature columns{' '}
        <span className="muted">
          ({config.features.length} of {candidates.length} go to the model)
        </span>
      </legend>
      <div className="row">
        <input
          type="search"
          placeholder="Filter columns"
          aria-label="Filter columns"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button type="button" className="link" onClick={() => setFeatures(candidates.map((c) => c.name))}>
          all
        </button>
        <button type="button" className="link" onClick={() => setFeatures([])}>
          none
        </button>
      </div>
      <ul className="column-list">
        {shown.map((c) => (
          <li key={c.name}>
            <label>
              <input type="checkbox" checked={chosen.has(c.name)} onChange={() => toggle(c.name)} />
              <span className="col-name">{c.name}</span>
            </label>
            {/* Outside the label: the checkbox's name stays the column's name. */}
            {typable ? (
              <select
                className={`kind kind-${c.kind}`}
                aria-label={`Type of ${c.name}`}
                value={c.kind}
                onChange={(e) => void setColumnType(c.name, e.target.value as ColumnKind)}
              >
                {COLUMN_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                    {config.types[c.name] === undefined && k === c.kind ? ' (inferred)' : ''}
                  </option>
                ))}
              </select>
            ) : (
              <span className={`kind kind-${c.kind}`}>{c.kind}</span>
            )}
            {!chosen.has(c.name) && <span className="muted small">SF only</span>}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
