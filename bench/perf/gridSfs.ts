/**
 * Grid-cell slicing functions over circles2d's (z0, z1) square [-1, 1]²: `count` SFs, one per cell of a
 * cols × rows grid (cols = 2 rows, or cols = rows), each
 * `export const cell_i_j = (row: Row) => row.z0 >= a && row.z0 < b && row.z1 >= c && row.z1 < d`.
 * Every row lies in exactly one cell, so slice sizes are ~rows / count: the many-slices case of issue
 * 13 (the slice-count sweep, bench/perf/sliceSweep.ts, and e2e/manySlices.spec.ts). Pure, no imports.
 */

/** Grid shape for `count` cells: the most square cols × rows with cols >= rows and cols * rows = count. */
export function gridShape(count: number): { cols: number; rows: number } {
  let rows = Math.floor(Math.sqrt(count));
  while (count % rows !== 0) rows--;
  return { cols: count / rows, rows };
}

const edge = (i: number, n: number) => Number((-1 + (2 * i) / n).toFixed(4));

/** The SF file: one export per cell, cell_<col>_<row>, in column-major order. */
export function gridSfSource(count: number): string {
  const { cols, rows } = gridShape(count);
  const lines = [`// ${count} grid cells over (z0, z1): ${cols} × ${rows}`];
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rows; j++) {
      // The last cell of each axis is closed (<= 1) so that every row is in one cell.
      const hi0 = i === cols - 1 ? `row.z0 <= 1` : `row.z0 < ${edge(i + 1, cols)}`;
      const hi1 = j === rows - 1 ? `row.z1 <= 1` : `row.z1 < ${edge(j + 1, rows)}`;
      lines.push(
        `export const cell_${i}_${j} = (row: Row) => row.z0 >= ${edge(i, cols)} && ${hi0} && row.z1 >= ${edge(j, rows)} && ${hi1};`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The cell names in source order. */
export function gridSfNames(count: number): string[] {
  const { cols, rows } = gridShape(count);
  const names: string[] = [];
  for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) names.push(`cell_${i}_${j}`);
  return names;
}
