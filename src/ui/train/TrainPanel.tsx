import { useStore } from '../../store/store.ts';
import { SettingsForm } from './SettingsForm.tsx';
import { SliceAccuracyCharts } from './SliceAccuracyCharts.tsx';
import { LossChart } from './LossChart.tsx';
import { ChartWarmUp } from './ChartWarmUp.tsx';
import { AttentionHeatmap } from './AttentionHeatmap.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { Recommendation } from './Recommendation.tsx';

export function TrainPanel() {
  const status = useStore((s) => s.status);
  const message = useStore((s) => s.trainMessage);
  const runCount = useStore((s) => s.runCount);
  const diverged = useStore((s) => s.diverged);
  const epochs = useStore((s) => s.settings.epochs);
  const progress = useStore((s) => (s.history.length > 0 ? Math.max(...s.history.map((h) => h.epoch)) : 0));
  const running = status === 'training' || status === 'preparing';
  const { train, stop } = useStore.getState();
  return (
    <section className="panel train-panel" aria-labelledby="train-title">
      <h2 id="train-title">
        <span className="step">3</span> Training
      </h2>
      <SettingsForm disabled={running} />
      <div className="row toolbar">
        <button type="button" className="primary" data-testid="train.start" onClick={() => void train()} disabled={running}>
          Train
        </button>
        <button type="button" data-testid="train.stop" onClick={stop} disabled={status !== 'training'}>
          Stop
        </button>
        {running && <progress max={epochs} value={progress} aria-label="Training progress" data-testid="train.progress" />}
        <span className={status === 'error' ? 'error-text' : 'muted'} role="status" data-testid="train.status" data-run={runCount}>
          {status === 'training' && progress > 0 ? `Epoch ${progress} of ${epochs}. ` : ''}
          {message}
        </span>
      </div>
      {diverged.map((d) => (
        <div className="error" role="alert" key={d.model} data-testid={`train.diverged.${d.model}`}>
          {d.message}
        </div>
      ))}
      {status === 'idle' && (
        <div className="empty-state" data-testid="train.empty">
          <p>
            <strong>Train</strong> fits the ticked models on the same backbone, seed and batches, in a background worker. While they train
            you see, per slice, validation accuracy for each model, the training loss and (for SRAM and the mixture of experts) how each
            slice's examples are routed; at the end, the model to use (chosen on validation rows by the objective above), a per-slice table
            against the plain baseline with each model's size, and servable models to download.
          </p>
        </div>
      )}
      <Recommendation />
      <ExportButtons />
      <ResultsTable />
      <ChartWarmUp />
      <SliceAccuracyCharts />
      <div className="chart-pair">
        <LossChart />
        <AttentionHeatmap />
      </div>
    </section>
  );
}
