import { useStore } from '../../store/store.ts';
import { count, pct } from '../format.ts';

/** One row per slice: size, share of all rows, a bar, and whether the last apply re-ran it. */
export function SliceTable() {
  const slices = useStore((s) => s.slices);
  const rows = useStore((s) => s.table?.rowCount ?? 0);
  const selected = useStore((s) => s.selectedSlice);
  const select = useStore.getState().selectSlice;
  if (slices.length === 0) return <p className="muted">No slices yet.</p>;
  const max = Math.max(...slices.map((s) => s.count), 1);
  return (
    <table className="slice-table" data-testid="slices.table">
      <thead>
        <tr>
          <th>Slice</th>
          <th className="num">Rows</th>
          <th className="num">Share</th>
          <th aria-hidden />
          <th className="num" title="Time of the SF's last run; 'kept' when its code did not change and its mask was reused">Run</th>
        </tr>
      </thead>
      <tbody>
        {slices.map((s) => (
          <tr
            key={s.name}
            data-testid={`slices.row.${s.name}`}
            className={s.name === selected ? 'selected' : undefined}
            onClick={() => select(s.name === selected ? null : s.name)}
          >
            <td>
              <button type="button" className="link" aria-pressed={s.name === selected}>
                {s.name}
              </button>
            </td>
            <td className="num" data-testid={`slices.count.${s.name}`}>
              {count(s.count)}
            </td>
            <td className="num" data-testid={`slices.share.${s.name}`}>{pct(rows ? s.count / rows : 0)}</td>
            <td className="bar-cell">
              <div className="bar" style={{ width: `${(100 * s.count) / max}%` }} />
            </td>
            <td className="num muted small" data-testid={`slices.run.${s.name}`}>
              {s.reused ? 'kept' : `${s.millis < 10 ? s.millis.toFixed(1) : Math.round(s.millis)} ms`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
