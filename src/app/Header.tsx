import { useStore } from '../store/store.ts';
import { exampleInfo } from '../core/data/examples/index.ts';
import { ProjectMenu } from '../ui/projects/ProjectMenu.tsx';
import { MonitorButton, MonitorView } from '../ui/monitor/MonitorView.tsx';
export function Header() {
  const datasetName = useStore((s) => s.datasetName);
  const exampleId = useStore((s) => s.exampleId);
  const backend = useStore((s) => s.backend);
  const saveError = useStore((s) => s.saveError);
  return (
    <header className="header">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={26} height={26} />
        <span>Slicewise</span>
      </div>
      <ProjectMenu />
      <div className="project" data-testid="project.name">
        {datasetName ?? `Example: ${exampleInfo(exampleId ?? 'circles2d').title}`}
      </div>
      <div className="header-right">
        <MonitorButton />
        {saveError && (
          <span className="badge warn" role="status" data-testid="project.save-error">
            {saveError}
          </span>
        )}
        <span className="badge" data-testid="backend.badge" title={backend?.detail}>
          {backend ? `tfjs: ${backend.name}` : 'tfjs: not started'}
        </span>
      </div>
      <MonitorView />
    </header>
  );
}
