/**
 * The project switcher in the header: the open project's name and save status; a menu to switch,
 * create (from the example), rename, export (one .slicewise.json file, data included), import and
 * delete projects. Every project autosaves (src/store/projectsSlice.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store/store.ts';
import { SaveStatusBadge } from './SaveStatus.tsx';
import './projects.css';

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ProjectMenu() {
  const projectId = useStore((s) => s.projectId);
  const projectName = useStore((s) => s.projectName);
  const projects = useStore((s) => s.projects);
  const loading = useStore((s) => s.projectLoading);
  const error = useStore((s) => s.projectsError);
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const { newProject, switchProject, renameProject, deleteProject, exportProject, importProject } = useStore.getState();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  useEffect(() => {
    if (!open) {
      setRenaming(null);
      setConfirmDelete(false);
      setExportError(null);
    }
  }, [open]);

  const commitRename = () => {
    if (renaming !== null && projectId) void renameProject(projectId, renaming);
    setRenaming(null);
  };

  const onExport = async () => {
    if (!projectId) return;
    setExportError(null);
    const result = await exportProject(projectId);
    if (typeof result === 'string') setExportError(result);
    else download(result.blob, result.fileName);
  };

  return (
    <div className="project-menu" ref={root}>
      <button
        type="button"
        className="project-button"
        data-testid="projects.menu"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        disabled={!projectId && !loading}
        title="Projects: switch, create, rename, export, import, delete"
      >
        <span className="project-label">Project</span>
        <span data-testid="projects.current">{projectName || '…'}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <SaveStatusBadge />
      {open && (
        <div className="project-popover" role="dialog" aria-label="Projects" data-testid="projects.popover">
          <div className="project-current">
            {renaming === null ? (
              <div className="row">
                <strong className="grow">{projectName}</strong>
                <button type="button" data-testid="projects.rename" onClick={() => setRenaming(projectName)}>
                  Rename
                </button>
              </div>
            ) : (
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  commitRename();
                }}
              >
                <input
                  aria-label="Project name"
                  data-testid="projects.name-input"
                  autoFocus
                  value={renaming}
                  onChange={(e) => setRenaming(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.stopPropagation();
                      setRenaming(null);
                    }
                  }}
                />
                <button type="submit" className="primary small-button">
                  Save name
                </button>
              </form>
            )}
            <div className="row">
              <button
                type="button"
                data-testid="projects.export"
                onClick={() => void onExport()}
                title="One .slicewise.json file: data, SF code, settings and the last run"
              >
                Export…
              </button>
              {!confirmDelete ? (
                <button type="button" data-testid="projects.delete" onClick={() => setConfirmDelete(true)}>
                  Delete…
                </button>
              ) : (
                <span className="row confirm" role="alert">
                  Delete “{projectName}” and its data from this browser?
                  <button
                    type="button"
                    className="danger"
                    data-testid="projects.delete-confirm"
                    onClick={() => {
                      setConfirmDelete(false);
                      if (projectId) void deleteProject(projectId);
                    }}
                  >
                    Delete
                  </button>
                  <button type="button" onClick={() => setConfirmDelete(false)}>
                    Keep
                  </button>
                </span>
              )}
            </div>
            {exportError && <div className="error">{exportError}</div>}
          </div>
          <h4>Projects in this browser</h4>
          <ul className="project-list" data-testid="projects.list">
            {projects.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={p.id === projectId ? 'current' : ''}
                  aria-current={p.id === projectId ? 'true' : undefined}
                  disabled={loading}
                  onClick={() => {
                    setOpen(false);
                    if (p.id !== projectId) void switchProject(p.id);
                  }}
                >
                  <span className="grow">{p.name}</span>
                  <span className="muted small">{new Date(p.updatedAt).toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="row">
            <button
              type="button"
              data-testid="projects.new"
              disabled={loading}
              onClick={() => {
                setOpen(false);
                void newProject();
              }}
            >
              New project (example)
            </button>
            <label className="button-like">
              Import…
              <input
                type="file"
                accept=".json,application/json"
                aria-label="Import a project file"
                data-testid="projects.import"
                hidden
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (!file) return;
                  setOpen(false);
                  void importProject(file);
                }}
              />
            </label>
          </div>
        </div>
      )}
      {error && (
        <span className="badge warn" role="alert" data-testid="projects.error">
          {error}
        </span>
      )}
    </div>
  );
}
