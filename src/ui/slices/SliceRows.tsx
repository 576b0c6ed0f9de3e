import { useMemo } from 'react';
import { useStore } from '../../store/store.ts';
import { cellText } from '../../core/table.ts';

const MAX_ROWS = 50;
const MAX_COLUMNS = 8;

/** The first rows of the selected slice: label first, then what the SFs read (non-feature columns). */
export function SliceRows() {
  const table = useStore((s) => s.table);
  const config = useStore((s) => s.config);
  const slice = useStore((s) => s.slices.find((x) => x.name === s.selectedSlice));
  const view = useMemo(() => {
    if (!table || !slice) return null;
    const features = new Set(config.features);
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const ordered = [
      config.label,
      ...table.columns.filter((c) => !features.has(c.name) && c.name !== config.label).map((c) => c.name),
      ...config.features,
    ];
    const columns = ordered
      .slice(0, MAX_COLUMNS)
      .map((n) => byName.get(n)!)
      .filter(Boolean);
    const rows: number[] = [];
    for (let i = 0; i < slice.mask.length && rows.length < MAX_ROWS; i++) if (slice.mask[i]) rows.push(i);
    return { columns, rows };
  }, [table, slice, config]);
  if (!view || !slice) return <p className="muted small">Click a slice to see its rows.</p>;
  return (
    <div className="slice-rows" data-testid="slices.rows">
      <h3>
        {slice.name}: first {view.rows.length} of {slice.count} rows
      </h3>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th className="num">row</th>
              {view.columns.map((c) => (
                <th key={c.name}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r}>
                <td className="num muted">{r}</td>
                {view.columns.map((c) => (
                  <td key={c.name}>{formatNumberText(cellText(c, r))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Long decimals shortened for the table (3 places); other text as is. */
function formatNumberText(text: string): string {
  return /^-?\d+\.\d{4,}$/.test(text) ? Number(text).toFixed(3) : text;
}
