import { useStore } from '../store/store.ts';

export function Header() {
  const datasetName = useStore((s) => s.datasetName);
  const backend = useStore((s) => s.backend);
  const saveError = useStore((s) => s.saveError);
  return (
    <header className="header">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={26} height={26} />
        <span>Slicewise</span>
      </div>
      <div className="project" data-testid="project.name">
        {datasetName ?? 'Example: circles2d (Chen et al. 2019, Fig. 1)'}
      </div>
      <div className="header-right">
        {saveError && (
          <span className="badge warn" role="status">
            {saveError}
          </span>
        )}
        <span className="badge" data-testid="backend.badge" title={backend?.detail}>
          {backend ? `tfjs: ${backend.name}` : 'tfjs: not started'}
        </span>
      </div>
    </header>
  );
}
