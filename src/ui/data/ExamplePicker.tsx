import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { EXAMPLES, exampleInfo, type ExampleId } from '../../core/data/examples/index.ts';

/**
 * Choose one of the built-in example projects; loading one replaces the data and the SF file. Its
 * description shows while an example is loaded, or once one is picked: never beside your own file.
 */
export function ExamplePicker() {
  const current = useStore((s) => s.exampleId);
  const loading = useStore((s) => s.loadingExample);
  const [picked, setPicked] = useState<ExampleId | null>(null);
  const choice = picked ?? current ?? 'circles2d';
  const info = picked !== null || current !== null ? exampleInfo(choice) : null;
  return (
    <div className="example-picker">
      <div className="row">
        <select
          aria-label="Example dataset"
          data-testid="data.example"
          value={choice}
          onChange={(e) => setPicked(e.target.value as ExampleId)}
        >
          {EXAMPLES.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          data-testid="data.example.load"
          disabled={loading !== null}
          onClick={() => void useStore.getState().loadExample(choice)}
        >
          {loading ? 'Loading…' : 'Load example'}
        </button>
      </div>
      {info && (
        <p className="muted small" data-testid="data.example.description">
          {info.description} <span title={info.source}>Source: {info.source}</span>
        </p>
      )}
    </div>
  );
}
