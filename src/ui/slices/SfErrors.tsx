import { useStore } from '../../store/store.ts';

export function SfErrors() {
  const errors = useStore((s) => s.sfErrors);
  if (errors.length === 0) return null;
  return (
    <div className="error" role="alert" data-testid="slices.errors">
      <strong>{errors.length === 1 ? 'A slicing function failed' : `${errors.length} problems in the slicing functions`}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.line !== undefined && <span className="where">line {e.line}{e.column !== undefined ? `:${e.column}` : ''} · </span>}
            {e.message}
          </li>
        ))}
      </ul>
      <div className="muted">Your code is kept; the slices below are from the last successful run.</div>
    </div>
  );
}
