import { useState, type ReactNode } from 'react';
import { useStore } from '../../store/store.ts';
import {
  AUTO_EXPERT_RANK,
  MODEL_KINDS,
  MODEL_LABELS,
  type Confidence,
  type ModelKind,
  type Objective,
  type ReweightedOptions,
  type TrainSettings,
} from '../../core/train/types.ts';
import { BACKENDS, type BackendChoice } from '../../core/train/backends.ts';

/** What each model is, in one honest line (shown next to its checkbox, not behind a hover). */
export const MODEL_DESCRIPTIONS: Record<ModelKind, string> = {
  plain: 'backbone + one head; never sees the slices (the baseline)',
  reweighted: 'plain, with in-slice rows weighted more in the loss',
  sram: 'a small expert per slice, mixed by attention (Chen et al. 2019)',
  hps: 'one extra head per slice on the backbone; the base head predicts',
  moe: 'a whole network per slice, mixed by a learned gate (the largest)',
  groupDro: 'trains hardest on the slice with the highest loss (Sagawa et al. 2020)',
};

const OBJECTIVES: { value: Objective['target']; label: string }[] = [
  { value: 'meanSlice', label: 'mean slice' },
  { value: 'worstSlice', label: 'worst slice' },
  { value: 'overall', label: 'overall' },
];

const CONFIDENCES: { value: Confidence; label: string }[] = [
  { value: 'maxProb', label: 'max prob.' },
  { value: 'entropy', label: 'entropy' },
  { value: 'positiveClass', label: 'P(class 1)' },
];

/** SRAM's expert rank (SramOptions.expertRank): 'auto', full (0), or compact experts of rank r. */
const EXPERT_RANKS: { value: string; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: '0', label: 'full' },
  ...[4, 8, 16, 32].map((r) => ({ value: String(r), label: `rank ${r}` })),
];

type NumberKey = 'epochs' | 'learningRate' | 'batchSize' | 'hiddenSize' | 'seed';
const FIELDS: { key: NumberKey; label: string; min: number; step: number; integer?: boolean; title: string }[] = [
  { key: 'epochs', label: 'Epochs', min: 1, step: 1, integer: true, title: 'Passes over the training split' },
  { key: 'learningRate', label: 'Learning rate', min: 1e-6, step: 0.0001, title: 'Adam step size' },
  { key: 'batchSize', label: 'Batch size', min: 1, step: 1, integer: true, title: 'Examples per step' },
  { key: 'hiddenSize', label: 'Hidden size', min: 2, step: 1, integer: true, title: 'Width of the shared backbone (2 layers)' },
  { key: 'seed', label: 'Seed', min: 0, step: 1, integer: true, title: 'Same seed, same numbers (on the same backend)' },
];

/** A number from an input, or null when it is not one (yet) or below `min`. */
function parse(raw: string, min: number, integer?: boolean): number | null {
  const value = integer ? Number.parseInt(raw, 10) : Number.parseFloat(raw);
  return Number.isFinite(value) && value >= min ? value : null;
}

export function SettingsForm({ disabled }: { disabled: boolean }) {
  const settings = useStore((s) => s.settings);
  const backendChoice = useStore((s) => s.backendChoice);
  const { setSettings, setBackendChoice, setObjective } = useStore.getState();

  const toggleModel = (kind: ModelKind) => {
    const has = settings.models.includes(kind);
    const models = MODEL_KINDS.filter((k) => (k === kind ? !has : settings.models.includes(k)));
    if (models.length > 0) setSettings({ models });
  };
  const { objective } = settings;

  return (
    <form className="settings" onSubmit={(e) => e.preventDefault()} data-testid="train.settings">
      <fieldset className="models" disabled={disabled}>
        <legend>Models: one backbone, seed and batch order for all; none runs an SF when it predicts.</legend>
        {MODEL_KINDS.map((kind) => {
          const on = settings.models.includes(kind);
          return (
            <div className={on ? 'model-row on' : 'model-row'} key={kind} data-testid={`train.model.${kind}`}>
              <label className="model-name">
                <input type="checkbox" checked={on} onChange={() => toggleModel(kind)} aria-describedby={`model-desc-${kind}`} />
                <span className={`swatch swatch-${kind}`} />
                {MODEL_LABELS[kind]}
              </label>
              <span className="model-options">{on && <ModelOptionsFields kind={kind} settings={settings} />}</span>
              <span className="model-desc" id={`model-desc-${kind}`}>
                {MODEL_DESCRIPTIONS[kind]}
              </span>
            </div>
          );
        })}
      </fieldset>
      <fieldset className="objective row" disabled={disabled} data-testid="train.objective">
        <span className="objective-lead">Recommend the best</span>
        <select
          aria-label="Objective"
          value={objective.target}
          onChange={(e) => setObjective({ target: e.target.value as Objective['target'] })}
        >
          {OBJECTIVES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <span>accuracy{objective.target !== 'overall' ? ',' : ''}</span>
        {objective.target !== 'overall' && (
          <>
            <span>overall at most</span>
            <NumberInput
              label="Largest overall drop (points)"
              className="narrow"
              min={0}
              step={0.1}
              value={Math.round(objective.maxOverallDrop * 1e4) / 100}
              onCommit={(raw) => {
                const v = parse(raw, 0);
                if (v !== null) setObjective({ maxOverallDrop: v / 100 });
              }}
            />
            <span>points below plain</span>
          </>
        )}
        <span className="muted small objective-note">
          Chosen after training on validation rows (never test rows); Download defaults to it.
        </span>
      </fieldset>
      <fieldset className="grid-fields" disabled={disabled}>
        {FIELDS.map((f) => (
          <label key={f.key} title={f.title}>
            <span>{f.label}</span>
            <NumberInput
              label={f.label}
              min={f.min}
              step={f.step}
              value={settings[f.key]}
              onCommit={(raw) => {
                const v = parse(raw, 0, f.integer);
                if (v !== null) setSettings({ [f.key]: v } as Partial<TrainSettings>);
              }}
            />
          </label>
        ))}
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

/** The ticked model's own options (settings.options[kind]), inline; plain has none. */
function ModelOptionsFields({ kind, settings }: { kind: ModelKind; settings: TrainSettings }) {
  const { setModelOptions } = useStore.getState();
  const o = settings.options;
  const number = (label: string, short: string, value: number, min: number, step: number, commit: (v: number) => void, strict = false) => (
    <Opt short={short}>
      <NumberInput
        label={label}
        className="narrow"
        min={min}
        step={step}
        value={value}
        onCommit={(raw) => {
          const v = parse(raw, min);
          if (v !== null && (!strict || v > 0)) commit(v);
        }}
      />
    </Opt>
  );
  switch (kind) {
    case 'plain':
      return null;
    case 'reweighted':
      return (
        <>
          <Opt short="mode">
            <select
              aria-label="Reweighted mode"
              value={o.reweighted.mode}
              onChange={(e) => setModelOptions('reweighted', { mode: e.target.value as ReweightedOptions['mode'] })}
            >
              <option value="constant">constant</option>
              <option value="inverseFrequency">1 / slice size</option>
            </select>
          </Opt>
          {o.reweighted.mode === 'constant' &&
            number('Reweighted weight', 'weight', o.reweighted.weight, 0, 0.5, (weight) => setModelOptions('reweighted', { weight }))}
        </>
      );
    case 'sram':
      return (
        <>
          {number(
            'SRAM temperature',
            'temperature',
            o.sram.temperature,
            0,
            0.1,
            (temperature) => setModelOptions('sram', { temperature }),
            true,
          )}
          <Opt short="confidence">
            <select
              aria-label="SRAM confidence"
              value={o.sram.confidence}
              onChange={(e) => setModelOptions('sram', { confidence: e.target.value as Confidence })}
            >
              {CONFIDENCES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </Opt>
          <Opt short="experts">
            <select
              aria-label="SRAM experts"
              title={`Each slice expert reads the backbone's ${settings.hiddenSize} values (full) or a shared projection to r of them (rank r: cheaper per row and slice). auto: full up to ${AUTO_EXPERT_RANK.fullUpTo} slices, rank ${AUTO_EXPERT_RANK.rank} beyond.`}
              value={String(o.sram.expertRank ?? 0)}
              onChange={(e) => setModelOptions('sram', { expertRank: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })}
            >
              {EXPERT_RANKS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </Opt>
        </>
      );
    case 'hps':
      return number('HPS slice loss weight', 'slice loss weight', o.hps.sliceLossWeight, 0, 0.1, (sliceLossWeight) =>
        setModelOptions('hps', { sliceLossWeight }),
      );
    case 'moe':
      return number('MoE expert loss weight', 'expert loss weight', o.moe.expertLossWeight, 0, 0.1, (expertLossWeight) =>
        setModelOptions('moe', { expertLossWeight }),
      );
    case 'groupDro':
      return (
        <>
          {number('Group DRO eta', 'eta', o.groupDro.eta, 0, 0.01, (eta) => setModelOptions('groupDro', { eta }))}
          {number('Group DRO size adjustment', 'size adjustment', o.groupDro.sizeAdjustment, 0, 0.1, (sizeAdjustment) =>
            setModelOptions('groupDro', { sizeAdjustment }),
          )}
        </>
      );
  }
}

function Opt({ short, children }: { short: string; children: ReactNode }) {
  return (
    <span className="opt">
      <span className="opt-label" aria-hidden="true">
        {short}
      </span>
      {children}
    </span>
  );
}

/** A number input that keeps what the person types (even half-typed) and commits valid values. */
function NumberInput(props: { label: string; min: number; step: number; value: number; className?: string; onCommit(raw: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      aria-label={props.label}
      className={props.className}
      min={props.min}
      step={props.step}
      value={draft ?? String(props.value)}
      onChange={(e) => {
        setDraft(e.target.value);
        props.onCommit(e.target.value);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
