/**
 * Several projects, each autosaved to IndexedDB (persist.ts) as the person works.
 *
 * - A project = its data file (a Blob, saved once per upload: saveDataFile), its choices (label,
 *   features, split, column types), SF code, settings, backend, and the last finished run's results
 *   (history, final evaluations, slices, settings, classes, per-row predictions).
 * - startAutosave(store): a change to any of those schedules one save AUTOSAVE_MS later (debounced);
 *   leaving the page saves at once. A failed save sets saveError (the header says so) and the next
 *   change tries again; the work stays on screen.
 * - While a project opens (projectLoading) nothing is saved, so a half-restored state never
 *   overwrites the saved one.
 * - Training models are not saved: they live in the training worker. A restored run shows its
 *   results; exporting or monitoring needs a new run.
 */
import type { StateCreator } from 'zustand';
import { EXAMPLE_PROJECT_NAME, type ProjectsSlice, type StoreState } from './types.ts';

export type { ProjectsSlice, SaveStatus } from './types.ts';
import { DEFAULT_SETTINGS } from '../core/train/types.ts';
import {
  clearDataset,
  deleteProjectData,
  getCurrentProjectId,
  listProjects,
  loadDataset,
  loadProjectDoc,
  markV1Migrated,
  newProjectId,
  readV1,
  saveDataset,
  saveProjectDoc,
  setCurrentProjectId,
  readJournal,
  writeJournal,
  type JournalEntry,
  type ProjectDoc,
  type ProjectMeta,
  type SavedDataset,
  type SavedRun,
} from './persist.ts';
import { decodeProjectFile, encodeProjectFile, projectFileName, type PortableProject } from './projectFile.ts';
import { migrateRun, migrateSettings } from './migrate.ts';

/** Debounce of the autosave, ms: long enough to batch typing, short enough that a crash loses little. */
export const AUTOSAVE_MS = 400;

/** An error's message without its final period (messages here go inside sentences). */
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\.+$/, '');

/** The run on screen, if it is one to keep (finished or stopped, with results). */
function runOf(s: StoreState): SavedRun | null {
  if (s.status !== 'done' && s.status !== 'stopped') return null;
  if (s.history.length === 0 && Object.keys(s.final).length === 0) return null;
  return {
    status: s.status,
    trainMessage: s.trainMessage,
    history: s.history,
    final: s.final,
    diverged: s.diverged,
    runSlices: s.runSlices,
    runSettings: s.runSettings,
    runClasses: s.runClasses,
    predictions: s.predictions,
    parameters: s.parameters,
    recommendation: s.recommendation,
  };
}

/** The open project as saved. lastRun: the last kept run (a run in progress does not replace it until it finishes). */
function docOf(s: StoreState, lastRun: SavedRun | null, createdAt: number): ProjectDoc {
  const running = s.status === 'training' || s.status === 'preparing' || s.status === 'error';
  const run = runOf(s) ?? (running ? lastRun : null);
  return {
    version: 2,
    id: s.projectId!,
    name: s.projectName,
    createdAt,
    updatedAt: Date.now(),
    datasetName: s.datasetName,
    exampleId: s.exampleId,
    config: s.config,
    sfSource: s.sfSource,
    settings: s.settings,
    backend: s.backendChoice,
    run,
  };
}

function uniqueName(base: string, projects: ProjectMeta[]): string {
  const names = new Set(projects.map((p) => p.name));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base} ${i}`)) return `${base} ${i}`;
}

/**
 * The project list and autosave. State that is not for components (the last kept run, timers, the
 * save queue) lives in this closure: one per store.
 */
export const createProjectsSlice: StateCreator<StoreState, [], [], ProjectsSlice> = (set, get, store) => {
  /** The last kept run of the open project: a run in progress does not replace it until it finishes. */
  let lastRun: SavedRun | null = null;
  let createdAt = Date.now();
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Saves run one after another, so an older state never lands after a newer one. */
  let saveChain: Promise<void> = Promise.resolve();
  const docOfState = (s: StoreState) => docOf(s, lastRun, createdAt);

  // Autosave: AUTOSAVE_MS after the last change, and at once when the page goes away.
  store.subscribe((s, p) => {
    if (!s.projectId || s.projectLoading || !s.table || !changed(s, p)) return;
    // Synchronously, so the last keystroke survives a reload or crash within the debounce.
    const { id, name, updatedAt, datasetName, exampleId, config, sfSource, settings, backend } = docOfState(s);
    writeJournal({ id, name, updatedAt, datasetName, exampleId, config, sfSource, settings, backend });
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void get().saveNow(), AUTOSAVE_MS);
    if (s.saveStatus !== 'pending' && s.saveStatus !== 'error') set({ saveStatus: 'pending' });
  });
  if (typeof addEventListener === 'function') {
    addEventListener('pagehide', () => {
      if (saveTimer) void get().saveNow();
    });
    addEventListener('visibilitychange', () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden' && saveTimer) void get().saveNow();
    });
  }

  /** Puts a saved project on screen: its data through ProjectSlice.openSaved, then its last run. */
  const open = async (
    id: string,
    project: Omit<PortableProject, 'run' | 'sfSource'> & { sfSource: string | null; run?: SavedRun | null },
    data: SavedDataset | null,
    created = Date.now(),
  ) => {
    set({ projectLoading: true, projectId: id, projectName: project.name, projectsError: null });
    // Projects saved before the six-model contract (model 'sliceAware', flat SRAM fields) load as today's shape.
    lastRun = migrateRun(project.run);
    createdAt = created;
    try {
      set({ settings: migrateSettings(project.settings), backendChoice: project.backend ?? 'auto' });
      await get().openSaved(
        {
          datasetName: project.datasetName,
          exampleId: project.exampleId ?? null,
          config: project.config ?? {},
          sfSource: project.sfSource,
        },
        data,
      );
      // The run's results only make sense on the data it ran on.
      const sameData =
        get().datasetName === project.datasetName &&
        (project.datasetName !== null || get().exampleId === (project.exampleId ?? 'circles2d'));
      if (lastRun && sameData) set({ ...lastRun });
      else lastRun = null;
    } finally {
      set({ projectLoading: false });
    }
    try {
      await setCurrentProjectId(id);
    } catch {
      /* the next save reports storage problems */
    }
  };

  /** Flushes a pending autosave of the open project before another one opens. */
  const flush = async () => {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
      await get().saveNow();
    }
    await saveChain;
  };

  const openNew = async (name: string) => {
    await flush();
    const id = newProjectId();
    await open(
      id,
      { name, datasetName: null, config: {} as PortableProject['config'], sfSource: null, settings: DEFAULT_SETTINGS, backend: 'auto' },
      null,
    );
    await get().saveNow();
  };

  return {
    projectId: null,
    projectName: '',
    projects: [],
    saveStatus: 'saved',
    projectLoading: false,
    projectsError: null,

    async openStartProject() {
      // Storage first: only its failures mean "cannot save here".
      let list: ProjectMeta[];
      let v1: Awaited<ReturnType<typeof readV1>> = null;
      let v1Id: string | null = null;
      try {
        list = await listProjects();
        if (list.length === 0) {
          v1 = await readV1(typeof localStorage === 'undefined' ? undefined : localStorage);
          if (v1?.data) {
            v1Id = newProjectId();
            await saveDataset(v1Id, v1.data.blob, v1.data.name);
          }
          if (!v1) await markV1Migrated();
        }
      } catch (e) {
        // No IndexedDB (private mode, blocked storage): work goes on, unsaved, and the header says so.
        set({
          saveError: `Projects cannot be saved in this browser (${message(e)}). Export your project to keep it.`,
          saveStatus: 'error',
        });
        await get().openSaved(null, null);
        return;
      }
      if (v1) {
        // The project of the version before projects: open it as a project of its own and save it.
        const p = v1.project;
        const config = {
          label: p.label ?? '',
          features: p.features ?? [],
          splitColumn: p.splitColumn ?? null,
          ...(p.validFraction !== undefined ? { validFraction: p.validFraction } : {}),
          ...(p.testFraction !== undefined ? { testFraction: p.testFraction } : {}),
          types: p.types ?? {},
        } as PortableProject['config'];
        await open(
          v1Id ?? newProjectId(),
          {
            name: p.datasetName ? `My project (${p.datasetName})` : 'My project',
            datasetName: v1.data ? v1.data.name : null,
            config,
            sfSource: p.sfSource ?? null,
            settings: migrateSettings(p.settings),
            backend: p.backend ?? 'auto',
          },
          v1.data,
        );
        await get().saveNow();
        // Marked only once the new project is saved: a failed first start migrates again next time.
        if (get().saveStatus !== 'error') await markV1Migrated().catch(() => undefined);
        return;
      }
      if (list.length === 0) {
        await openNew(EXAMPLE_PROJECT_NAME);
        return;
      }
      set({ projects: list });
      const current = await getCurrentProjectId().catch(() => null);
      const meta = list.find((p) => p.id === current) ?? [...list].sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
      await get().switchProject(meta.id);
    },

    async newProject() {
      await openNew(uniqueName('Untitled project', get().projects));
    },

    async switchProject(id) {
      await flush();
      let doc: ProjectDoc | null;
      let data: SavedDataset | null = null;
      let journal: JournalEntry | null = null;
      try {
        doc = await loadProjectDoc(id);
        // Edits made after the last IndexedDB save (a reload or crash within the debounce) come back.
        journal = doc ? readJournal(id, doc.updatedAt) : null;
        if (doc && journal)
          doc = {
            ...doc,
            ...journal,
            run: journal.datasetName === doc.datasetName && (journal.exampleId ?? null) === (doc.exampleId ?? null) ? doc.run : null,
          };
        if (doc?.datasetName) data = await loadDataset(id);
      } catch (e) {
        set({ projectsError: `Could not open the project: ${message(e)}` });
        return;
      }
      if (!doc) {
        set({ projectsError: 'That project is no longer saved in this browser.' });
        return;
      }
      await open(doc.id, doc, data, doc.createdAt);
      if (journal) await get().saveNow();
    },

    async renameProject(id, name) {
      const clean = name.trim();
      if (!clean) return;
      if (id === get().projectId) {
        set({ projectName: clean }); // autosave writes it
        return;
      }
      try {
        const doc = await loadProjectDoc(id);
        if (doc) set({ projects: await saveProjectDoc({ ...doc, name: clean, updatedAt: Date.now() }) });
      } catch (e) {
        set({ projectsError: `Could not rename the project: ${message(e)}` });
      }
    },

    async deleteProject(id) {
      if (saveTimer && id === get().projectId) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
      await saveChain;
      let list: ProjectMeta[];
      try {
        list = await deleteProjectData(id);
      } catch (e) {
        set({ projectsError: `Could not delete the project: ${message(e)}` });
        return;
      }
      set({ projects: list });
      if (id !== get().projectId) return;
      set({ projectId: null });
      const next = [...list].sort((a, b) => b.updatedAt - a.updatedAt)[0];
      if (next) await get().switchProject(next.id);
      else await openNew(EXAMPLE_PROJECT_NAME);
    },

    async exportProject(id) {
      try {
        let project: PortableProject;
        let data: SavedDataset | null;
        const s = get();
        if (id === s.projectId) {
          // What is on screen, saved or not.
          project = docOfState(s);
          data = s.datasetName && s.dataFile ? { name: s.datasetName, blob: s.dataFile } : null;
        } else {
          const doc = await loadProjectDoc(id);
          if (!doc) return 'That project is no longer saved in this browser.';
          project = doc;
          data = doc.datasetName ? await loadDataset(id) : null;
        }
        return { blob: await encodeProjectFile(project, data), fileName: projectFileName(project.name) };
      } catch (e) {
        return `Could not export the project: ${message(e)}`;
      }
    },

    async importProject(file) {
      let decoded: Awaited<ReturnType<typeof decodeProjectFile>>;
      try {
        decoded = await decodeProjectFile(file, file.name);
      } catch (e) {
        set({ projectsError: message(e) });
        return;
      }
      await flush();
      const { project, data } = decoded;
      const id = newProjectId();
      try {
        if (data) await saveDataset(id, data.blob, data.name);
      } catch (e) {
        set({ saveError: `Could not save the imported data file: ${message(e)}` });
      }
      await open(id, { ...project, name: uniqueName(project.name, get().projects) }, data);
      await get().saveNow();
    },

    async saveDataFile(file, name) {
      const id = get().projectId;
      if (!id) return;
      try {
        if (file) await saveDataset(id, file, name ?? 'data');
        else await clearDataset(id);
      } catch (e) {
        set({
          saveError: `Could not save the data file${name ? ` "${name}"` : ''}: ${message(e)}. It stays loaded until you close the tab.`,
          saveStatus: 'error',
        });
      }
    },

    saveNow() {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
      const s = get();
      if (!s.projectId || s.projectLoading || !s.table) return saveChain;
      const doc = docOfState(s);
      lastRun = doc.run;
      set({ saveStatus: 'saving' });
      saveChain = saveChain.then(async () => {
        try {
          const projects = await saveProjectDoc(doc);
          // A newer change may be pending already: only then is the status not 'saved'.
          set({ projects, saveError: null, saveStatus: saveTimer ? 'pending' : 'saved' });
        } catch (e) {
          set({
            saveError: `Could not save project "${doc.name}": ${message(e)}. Your work is still on screen; it will try again on the next change.`,
            saveStatus: 'error',
          });
        }
      });
      return saveChain;
    },
  };
};

/** Did anything a project saves change? (history alone does not: a run is saved when it ends.) */
function changed(s: StoreState, p: StoreState): boolean {
  return (
    s.sfSource !== p.sfSource ||
    s.config !== p.config ||
    s.settings !== p.settings ||
    s.backendChoice !== p.backendChoice ||
    s.datasetName !== p.datasetName ||
    s.exampleId !== p.exampleId ||
    s.projectName !== p.projectName ||
    s.status !== p.status ||
    s.final !== p.final ||
    s.predictions !== p.predictions
  );
}
