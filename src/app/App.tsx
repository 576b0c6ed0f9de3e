import { DataPanel } from '../ui/data/DataPanel.tsx';
import { SlicesPanel } from '../ui/slices/SlicesPanel.tsx';
import { TrainPanel } from '../ui/train/TrainPanel.tsx';
import { Header } from './Header.tsx';
import { useStore } from '../store/store.ts';

/** Reads left to right: Data → Slices → Training. */
export function App() {
  const ready = useStore((s) => s.table !== null);
  return (
    <div className="app">
      <Header />
      {ready ? (
        <main className="workbench">
          <DataPanel />
          <SlicesPanel />
          <TrainPanel />
        </main>
      ) : (
        <main className="loading">Loading the example project…</main>
      )}
    </div>
  );
}
