import { useStore } from '../../store/store.ts';

/**
 * Rows in both slices, as a share of the row's slice: cell (i, j) = |i ∩ j| / |i|. The counts come
 * from the SF worker (computed there from packed masks), so the page does no O(K²n) work.
 */
export function OverlapHeatmap() {
  const slices = useStore((s) => s.slices);
  const matrix = useStore((s) => s.overlap);
  if (slices.length < 2 || matrix.length !== slices.length) return null;
  return (
    <details className="overlap" open={slices.length <= 12}>
      <summary>Overlap between slices</summary>
      <table className="heatmap" data-testid="slices.overlap">
        <thead>
          <tr>
            <th />
            {slices.map((s) => (
              <th key={s.name} className="rot" title={s.name}>
                <span>{s.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slices.map((a, i) => (
            <tr key={a.name}>
              <th scope="row">{a.name}</th>
              {slices.map((b, j) => {
                const both = matrix[i]?.[j] ?? 0;
                const share = a.count ? both / a.count : 0;
                return (
                  <td
                    key={b.name}
                    data-testid={`slices.overlap.${a.name}.${b.name}`}
                    title={`${both} rows in both ${a.name} and ${b.name}`}
                    style={{ background: i === j ? '#e8edf3' : `rgba(31, 95, 160, ${share})`, color: share > 0.5 && i !== j ? '#fff' : undefined }}
                  >
                    {i === j ? '' : both}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
