import { count } from '../ui/format.ts';
import { DataPanel } from '../ui/data/DataPanel.tsx';
import { SlicesPanel } from '../ui/slices/SlicesPanel.tsx';
import { TrainPanel } from '../ui/train/TrainPanel.tsx';
import { DataViewPanel } from '../ui/data/DataViewPanel.tsx';
import { Header } from './Header.tsx';
import { useStore } from '../store/store.ts';

/** Reads left to right: Data → Slices → Training. */
export function App() {
  const ready = useStore((s) => s.table !== null);
  const restoring = useStore((s) => s.loading);
  return (
    <div className="app">
      <Header />
      {ready ? (
        <main className="workbench">
          <DataPanel />
          <SlicesPanel />
          <TrainPanel />
          <DataViewPanel />
        </main>
      ) : (
        <main className="loading" role="status">
          {restoring ? `Restoring ${restoring.name}… ${count(restoring.rows)} rows read` : 'Loading the example project…'}
        </main>
      )}
    </div>
  );
}
