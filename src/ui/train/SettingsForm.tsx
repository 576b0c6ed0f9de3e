import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_KINDS, MODEL_LABELS, SRAM_PRESETS, type ModelKind, type SramCombine, type SramPreset, type TrainSettings } from '../../core/train/types.ts';

const COMBINE_LABELS: Record<SramCombine, string> = {
  attention: 'SRAM attention',
  mixture: 'gated mixture',
  joint: 'joint slice head',
  learnedWeight: 'learned membership weighting',
};
import { BACKENDS, type BackendChoice } from '../../protocol/train.ts';

type NumberKey = 'epochs' | 'learningRate' | 'batchSize' | 'hiddenSize' | 'seed' | 'temperature' | 'sliceWeight';
const FIELDS: { key: NumberKey; label: string; min: number; step: number; integer?: boolean; title: string }[] = [
  { key: 'epochs', label: 'Epochs', min: 1, step: 1, integer: true, title: 'Passes over the training split' },
  { key: 'learningRate', label: 'Learning rate', min: 1e-6, step: 0.0001, title: 'Adam step size' },
  { key: 'batchSize', label: 'Batch size', min: 1, step: 1, integer: true, title: 'Examples per step' },
  { key: 'hiddenSize', label: 'Hidden size', min: 2, step: 1, integer: true, title: 'Width of the shared backbone (2 layers)' },
  { key: 'seed', label: 'Seed', min: 0, step: 1, integer: true, title: 'Same seed, same numbers (on the same backend)' },
  { key: 'temperature', label: 'Temperature', min: 0.001, step: 0.01, title: 'Slice-aware with SRAM attention only: a = softmax(q·p / T)' },
  { key: 'sliceWeight', label: 'In-slice weight', min: 1, step: 0.5, title: 'Reweighted model: loss weight of in-slice examples' },
];

export function SettingsForm({ disabled }: { disabled: boolean }) {
  const settings = useStore((s) => s.settings);
  const backendChoice = useStore((s) => s.backendChoice);
  const { setSettings, setBackendChoice } = useStore.getState();

  const setNumber = (key: NumberKey, raw: string, integer?: boolean) => {
    const value = integer ? Number.parseInt(raw, 10) : Number.parseFloat(raw);
    if (Number.isFinite(value) && value >= 0) setSettings({ [key]: value } as Partial<TrainSettings>);
  };
  const toggleModel = (kind: ModelKind) => {
    const has = settings.models.includes(kind);
    const models = MODEL_KINDS.filter((k) => (k === kind ? !has : settings.models.includes(k)));
    if (models.length > 0) setSettings({ models });
  };

  return (
    <form className="settings" onSubmit={(e) => e.preventDefault()} data-testid="train.settings">
      <fieldset className="models" disabled={disabled}>
        <legend>
          Models (same backbone, seed and batches).{' '}
          <span className="small">In our benchmark (docs/quality.md) reweighting gave the largest slice gains.</span>
        </legend>
        {MODEL_KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={settings.models.includes(kind)} onChange={() => toggleModel(kind)} />
            <span className={`swatch swatch-${kind}`} /> {MODEL_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset className="grid-fields" disabled={disabled}>
        {FIELDS.map((f) => (
          <NumberField
            key={f.key}
            label={f.label}
            title={f.title}
            min={f.min}
            step={f.step}
            value={settings[f.key]}
            onCommit={(raw) => setNumber(f.key, raw, f.integer)}
          />
        ))}
        <label title="Slice-aware model structure: 'slicewise' = the configuration the quality benchmark chose (docs/quality.md); 'reference' = SRAM as in Snorkel">
          <span>Slice-aware structure</span>
          <select aria-label="Slice-aware structure" value={settings.sram} onChange={(e) => setSettings({ sram: e.target.value as SramPreset })}>
            {(Object.keys(SRAM_PRESETS) as SramPreset[]).map((p) => (
              <option key={p} value={p}>
                {p === 'reference' ? 'reference: SRAM as in Snorkel' : `${p}: ${COMBINE_LABELS[SRAM_PRESETS[p].combine]}`}
              </option>
            ))}
          </select>
        </label>
        <label title="tfjs backend; auto = WebGPU on a real GPU, else the fastest here (wasm)">
          <span>Backend</span>
          <select aria-label="Backend" value={backendChoice} onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </form>
  );
}

/** A number input that keeps what the person types (even half-typed) and commits valid values. */
function NumberField(props: { label: string; title: string; min: number; step: number; value: number; onCommit(raw: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label title={props.title}>
      <span>{props.label}</span>
      <input
        type="number"
        aria-label={props.label}
        min={props.min}
        step={props.step}
        value={draft ?? String(props.value)}
        onChange={(e) => {
          setDraft(e.target.value);
          props.onCommit(e.target.value);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}
