import { lazy, Suspense } from 'react';
import { useStore } from '../../store/store.ts';
import { SliceTable } from './SliceTable.tsx';
import { OverlapHeatmap } from './OverlapHeatmap.tsx';
import { SliceRows } from './SliceRows.tsx';
import { SfErrors } from './SfErrors.tsx';
import { DiscoverSection } from '../discover/DiscoverSection.tsx';

const SfEditor = lazy(() => import('../editor/SfEditor.tsx'));

export function SlicesPanel() {
  const applying = useStore((s) => s.applying);
  const runningSf = useStore((s) => s.runningSf);
  const pending = useStore((s) => s.sfSource !== s.appliedSource);
  const failed = useStore((s) => s.sfErrors.length > 0);
  const ran = useStore((s) => s.slices.filter((x) => !x.reused).length);
  const kept = useStore((s) => s.slices.filter((x) => x.reused).length);
  return (
    <section className="panel slices-panel" aria-labelledby="slices-title">
      <h2 id="slices-title">
        <span className="step">2</span> Slicing functions
        <span className="hint">
          each <code>export const name = (row: Row) =&gt; boolean</code> is one slice
        </span>
      </h2>
      <Suspense fallback={<div className="editor editor-loading">Loading the editor…</div>}>
        <SfEditor />
      </Suspense>
      <div className="row toolbar">
        <button type="button" data-testid="slices.apply" onClick={() => void useStore.getState().applySfs()}>
          Apply <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </button>
        <span className="muted small">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> formats · type <code>sf_</code> for snippets
        </span>
        <span className="muted" role="status" data-testid="slices.status">
          {applying
            ? runningSf
              ? `Running ${runningSf}…`
              : 'Applying…'
            : failed
              ? pending
                ? 'Not applied: see the problem below'
                : 'Applied with problems: see below'
              : pending
                ? 'Edited: applies when you pause typing'
                : `Up to date${ran + kept > 0 ? ` · ${ran} re-ran, ${kept} kept` : ''}`}
        </span>
      </div>
      <SfErrors />
      <SliceTable />
      <OverlapHeatmap />
      <SliceRows />
      <DiscoverSection />
    </section>
  );
}
