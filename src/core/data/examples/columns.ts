/**
 * Builds a Table from the column-wise JSON the example extract scripts write
 * ({ rowCount, columns: { name: values[] } }, null = missing) and a schema naming each column's kind.
 * The kinds are declared rather than inferred: an example's types are part of its story (its SFs
 * read them), and must not shift when inference rules change.
 */
import type { Column, ColumnKind, Table } from '../../table.ts';

export interface ColumnWise {
  rowCount: number;
  columns: Record<string, (string | number | boolean | null)[]>;
}

export function tableFromColumns(source: string, data: ColumnWise, schema: [name: string, kind: ColumnKind][]): Table {
  const columns = schema.map(([name, kind]): Column => {
    const values = data.columns[name];
    if (!values || values.length !== data.rowCount) throw new Error(`${source}: column "${name}" is missing or has the wrong length`);
    switch (kind) {
      case 'number':
      case 'integer':
      case 'boolean':
        return { name, kind, values: Float64Array.from(values, (v) => (v === null || v === '' ? NaN : Number(v))) };
      case 'date':
        return { name, kind, values: Float64Array.from(values, (v) => (v === null || v === '' ? NaN : Date.parse(String(v)))) };
      case 'category': {
        const levels: string[] = [];
        const index = new Map<string, number>();
        const codes = Int32Array.from(values, (v) => {
          if (v === null || v === '') return -1;
          const s = String(v);
          let code = index.get(s);
          if (code === undefined) {
            code = levels.length;
            index.set(s, code);
            levels.push(s);
          }
          return code;
        });
        return { name, kind, codes, levels };
      }
      case 'text':
        return { name, kind, values: values.map((v) => (v === null ? '' : String(v))) };
    }
  });
  return { source, rowCount: data.rowCount, columns };
}
