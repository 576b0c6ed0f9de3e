import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_KINDS, MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
import { MODEL_JSON, WEIGHTS_BIN } from '../../core/export/format.ts';

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a trained model as model.json + weights.bin (TensorFlow.js weights format, with the fitted
 * featurisation inside): `slicewise predict --model DIR` serves it from a folder of those two files,
 * with no slicing function. The recommended model is the primary button; the others are secondary.
 */
export function ExportButtons() {
  const status = useStore((s) => s.status);
  const final = useStore((s) => s.final);
  const recommended = useStore((s) => s.recommendation?.model ?? null);
  const [message, setMessage] = useState<string | null>(null);
  const models = MODEL_KINDS.filter((k) => final[k]);
  if ((status !== 'done' && status !== 'stopped') || models.length === 0) return null;
  const primary = recommended && models.includes(recommended) ? recommended : null;
  const others = models.filter((k) => k !== primary);

  const run = async (kind: ModelKind) => {
    setMessage(null);
    const result = await useStore.getState().exportModel(kind);
    if (typeof result === 'string') {
      setMessage(result);
      return;
    }
    download(MODEL_JSON, result.modelJson, 'application/json');
    download(WEIGHTS_BIN, result.weights, 'application/octet-stream');
    setMessage(
      `Downloaded ${MODEL_LABELS[kind]} as ${MODEL_JSON} and ${WEIGHTS_BIN}: put both in one folder, then run  npx slicewise predict --model FOLDER --data FILE --out PRED.csv`,
    );
  };

  return (
    <div className="export" data-testid="train.export">
      <div className="row">
        {primary && (
          <button type="button" className="primary" data-testid="train.export.recommended" onClick={() => void run(primary)}>
            Download recommended ({MODEL_LABELS[primary]})
          </button>
        )}
        <span className="muted small">{primary ? 'or' : 'Download'}</span>
        {others.map((k) => (
          <button key={k} type="button" className="secondary small-button" data-testid={`train.export.${k}`} onClick={() => void run(k)}>
            {MODEL_LABELS[k]}
          </button>
        ))}
      </div>
      <div className="muted small">
        {message ?? 'A servable model (model.json + weights.bin): it predicts from the feature columns alone, no SFs.'}
      </div>
    </div>
  );
}
