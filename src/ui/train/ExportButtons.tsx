import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { MODEL_LABELS, type ModelKind } from '../../core/train/types.ts';
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
 * with no slicing function.
 */
export function ExportButtons() {
  const status = useStore((s) => s.status);
  const final = useStore((s) => s.final);
  const [message, setMessage] = useState<string | null>(null);
  const models = (Object.keys(final) as ModelKind[]).filter((k) => final[k]);
  if ((status !== 'done' && status !== 'stopped') || models.length === 0) return null;

  const run = async (kind: ModelKind) => {
    setMessage(null);
    const result = await useStore.getState().exportModel(kind);
    if (typeof result === 'string') {
      setMessage(result);
      return;
    }
    download(MODEL_JSON, result.modelJson, 'application/json');
    download(WEIGHTS_BIN, result.weights, 'application/octet-stream');
    setMessage(`Downloaded ${MODEL_JSON} and ${WEIGHTS_BIN}: put both in one folder, then run  npx slicewise predict --model FOLDER --data FILE --out PRED.csv`);
  };

  return (
    <div className="export row" data-testid="train.export">
      <span className="muted small">Servable model (no SFs at inference):</span>
      {models.map((k) => (
        <button key={k} type="button" data-testid={`train.export.${k}`} onClick={() => void run(k)}>
          Download {MODEL_LABELS[k]}
        </button>
      ))}
      {message && (
        <div className="muted small" role="status">
          {message}
        </div>
      )}
    </div>
  );
}
