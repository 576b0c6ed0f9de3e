import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * A virtualised table's rows in view, and the heights of the empty space above and below them (the
 * rows out of view), which PadRow fills so the table keeps its full scroll height.
 */
export function virtualRows<S extends Element, I extends Element>(virtualizer: Virtualizer<S, I>) {
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { items, top, bottom };
}

/** An empty, hidden table row `height` px tall across `columns` columns; nothing when there is no space to fill. */
export function PadRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="pad" aria-hidden>
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
