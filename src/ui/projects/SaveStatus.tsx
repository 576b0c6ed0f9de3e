/** "Saved" / "Saving…" / "Not saved": whether the open project is safe in this browser. */
import { useStore } from '../../store/store.ts';

const TEXT = { saved: 'Saved', pending: 'Saving…', saving: 'Saving…', error: 'Not saved' } as const;

export function SaveStatusBadge() {
  const status = useStore((s) => s.saveStatus);
  const hasProject = useStore((s) => s.projectId !== null);
  if (!hasProject && status !== 'error') return null;
  return (
    <span
      className="save-status"
      data-state={status}
      data-testid="projects.save-status"
      title={status === 'error' ? 'The last save failed: see the message on the right' : 'Changes are saved in this browser as you work'}
    >
      {TEXT[status]}
    </span>
  );
}
