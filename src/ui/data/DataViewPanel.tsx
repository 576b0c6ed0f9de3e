import { count } from '../format.ts';
import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { ColumnSummaries } from './ColumnSummaries.tsx';
import { DataView } from './DataView.tsx';
import './dataView.css';

type Tab = 'columns' | 'rows';

/** The data itself, below the workbench: per-column summaries, or every row (filtered by slice). */
export function DataViewPanel() {
  const [tab, setTab] = useState<Tab>('columns');
  const summaries = useStore((s) => s.summaries);
  const rows = useStore((s) => s.table?.rowCount ?? 0);
  return (
    <section className="panel data-view-panel" aria-labelledby="dataview-title">
      <h2 id="dataview-title">
        Your data <span className="hint">{count(rows)} rows</span>
        <span className="tabs" role="tablist" aria-label="Data view">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'columns'}
            data-testid="dataview.tab.columns"
            onClick={() => setTab('columns')}
          >
            Columns
          </button>
          <button type="button" role="tab" aria-selected={tab === 'rows'} data-testid="dataview.tab.rows" onClick={() => setTab('rows')}>
            Rows
          </button>
        </span>
      </h2>
      <div role="tabpanel">{tab === 'columns' ? <ColumnSummaries summaries={summaries} /> : <DataView />}</div>
    </section>
  );
}
