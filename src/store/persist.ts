/**
 * Where projects live: IndexedDB (through idb-keyval's one default store), one record per key.
 *
 *   slicewise.projects.v2          ProjectMeta[]   the list the project menu shows
 *   slicewise.current.v2           string          the project to open on start
 *   slicewise.project.v2.<id>      ProjectDoc      choices, SF code, settings, the last run's results
 *   slicewise.data.v2.<id>         SavedDataset    the uploaded file itself, as a Blob (no copy to text)
 *   slicewise.migrated.v1          true            the v1 project (below) was turned into a v2 one
 *
 * Version 1 (before projects) kept one project in localStorage (`slicewise.project.v1`) and the
 * uploaded file in IndexedDB (`slicewise.dataset.v1`, as text or a Blob). readV1() reads both so the
 * first start of this version can migrate them; they are left in place (nothing is deleted).
 *
 * Every function here rejects on a storage failure with the storage's own error: callers turn it into
 * a message for people (see projectsSlice.ts). Tests swap the storage with setStorage().
 */
import type { SavedDataset } from '../core/projectFile.ts';
import { get as idbGet, set as idbSet, del as idbDel } from 'idb-keyval';
import type { TrainSettings } from '../core/train/types.ts';
import type { BackendChoice } from '../protocol/train.ts';
import type { ProjectDoc, ProjectMeta } from './types.ts';

export type { ProjectDoc, ProjectMeta, SavedRun } from './types.ts';

/** A key-value storage: IndexedDB in the app, a Map in unit tests. */
export interface KvStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

const idbStorage: KvStorage = { get: (k) => idbGet(k), set: (k, v) => idbSet(k, v), del: (k) => idbDel(k) };
let storage: KvStorage = idbStorage;

/** For tests: use another storage (a Map-backed one); null = IndexedDB again. */
export function setStorage(s: KvStorage | null): void {
  storage = s ?? idbStorage;
}

const INDEX_KEY = 'slicewise.projects.v2';
const CURRENT_KEY = 'slicewise.current.v2';
const MIGRATED_KEY = 'slicewise.migrated.v1';
const docKey = (id: string) => `slicewise.project.v2.${id}`;
const dataKey = (id: string) => `slicewise.data.v2.${id}`;
const V1_PROJECT_KEY = 'slicewise.project.v1';
const V1_DATA_KEY = 'slicewise.dataset.v1';

export type { SavedDataset } from '../core/projectFile.ts';

export async function listProjects(): Promise<ProjectMeta[]> {
  const list = await storage.get(INDEX_KEY);
  return Array.isArray(list) ? (list as ProjectMeta[]) : [];
}

async function writeIndex(update: (list: ProjectMeta[]) => ProjectMeta[]): Promise<ProjectMeta[]> {
  const next = update(await listProjects());
  await storage.set(INDEX_KEY, next);
  return next;
}

export async function loadProjectDoc(id: string): Promise<ProjectDoc | null> {
  const doc = (await storage.get(docKey(id))) as ProjectDoc | undefined;
  return doc && doc.version === 2 ? doc : null;
}

/** Writes the doc and its entry in the list; returns the new list. */
export async function saveProjectDoc(doc: ProjectDoc): Promise<ProjectMeta[]> {
  await storage.set(docKey(doc.id), doc);
  return writeIndex((list) => {
    const meta = { id: doc.id, name: doc.name, updatedAt: doc.updatedAt };
    return list.some((p) => p.id === doc.id) ? list.map((p) => (p.id === doc.id ? meta : p)) : [...list, meta];
  });
}

export async function deleteProjectData(id: string): Promise<ProjectMeta[]> {
  const list = await writeIndex((l) => l.filter((p) => p.id !== id));
  await storage.del(docKey(id));
  await storage.del(dataKey(id));
  return list;
}

/** The data file of a project (IndexedDB keeps Blobs natively). */
export async function saveDataset(projectId: string, file: Blob, name: string): Promise<void> {
  await storage.set(dataKey(projectId), { name, blob: file } satisfies SavedDataset);
}

export async function loadDataset(projectId: string): Promise<SavedDataset | null> {
  const saved = (await storage.get(dataKey(projectId))) as SavedDataset | undefined;
  return saved && saved.blob instanceof Blob ? saved : null;
}

export async function clearDataset(projectId: string): Promise<void> {
  await storage.del(dataKey(projectId));
}

export async function getCurrentProjectId(): Promise<string | null> {
  const id = await storage.get(CURRENT_KEY);
  return typeof id === 'string' ? id : null;
}

export async function setCurrentProjectId(id: string): Promise<void> {
  await storage.set(CURRENT_KEY, id);
}

export function newProjectId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** What version 1 saved (every field optional: old saves lack the newer ones). */
export interface V1Project {
  datasetName?: string | null;
  label?: string;
  features?: string[];
  splitColumn?: string | null;
  validFraction?: number;
  testFraction?: number;
  types?: ProjectDoc['config']['types'];
  sfSource?: string;
  settings?: Partial<TrainSettings>;
  backend?: BackendChoice;
}

/**
 * The v1 project and its data file, once: null when there is none or it was migrated already.
 * `localStorage` is passed in so Node tests can give a fake.
 */
export async function readV1(
  local: Pick<Storage, 'getItem'> | undefined,
): Promise<{ project: V1Project; data: SavedDataset | null } | null> {
  if (await storage.get(MIGRATED_KEY)) return null;
  let project: V1Project | null = null;
  try {
    const text = local?.getItem(V1_PROJECT_KEY);
    project = text ? (JSON.parse(text) as V1Project) : null;
  } catch {
    project = null;
  }
  if (!project) return null;
  const saved = (await storage.get(V1_DATA_KEY)) as { name?: string; text?: string; blob?: Blob } | undefined;
  let data: SavedDataset | null = null;
  if (saved?.name && project.datasetName === saved.name) {
    if (saved.blob instanceof Blob) data = { name: saved.name, blob: saved.blob };
    else if (typeof saved.text === 'string') data = { name: saved.name, blob: new Blob([saved.text], { type: 'text/plain' }) };
  }
  return { project, data };
}

export async function markV1Migrated(): Promise<void> {
  await storage.set(MIGRATED_KEY, true);
}

/**
 * The journal: the open project's small, often-changing parts (SF code, choices, settings, name),
 * written to localStorage SYNCHRONOUSLY on every change. IndexedDB saves are asynchronous and
 * debounced, so a reload or a crash right after typing could lose the last edit; opening a project
 * applies a journal newer than its saved doc. One entry (the open project's); failures are ignored
 * (the IndexedDB save still reports its own).
 */
const JOURNAL_KEY = 'slicewise.journal.v2';

export type JournalEntry = Pick<
  ProjectDoc,
  'id' | 'name' | 'updatedAt' | 'datasetName' | 'exampleId' | 'config' | 'sfSource' | 'settings' | 'backend'
>;

export function writeJournal(entry: JournalEntry): void {
  try {
    localStorage.setItem(JOURNAL_KEY, JSON.stringify(entry));
  } catch {
    /* no localStorage, or full: the IndexedDB save still runs */
  }
}

/** The journal entry of project `id` when it is newer than `savedAt`, else null. */
export function readJournal(id: string, savedAt: number): JournalEntry | null {
  try {
    const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(JOURNAL_KEY);
    const entry = text ? (JSON.parse(text) as JournalEntry) : null;
    return entry && entry.id === id && entry.updatedAt > savedAt ? entry : null;
  } catch {
    return null;
  }
}
