/**
 * What survives a reload: SF code, dataset choices and training settings in localStorage (small,
 * synchronous, written on every change), and the last uploaded file's text in IndexedDB (large).
 * A failed save never throws into the UI: it returns the reason so the UI can say so.
 */
import { get, set, del } from 'idb-keyval';
import type { TrainSettings } from '../core/train/types.ts';
import type { BackendChoice } from '../protocol/train.ts';

const KEY = 'slicewise.project.v1';
const DATA_KEY = 'slicewise.dataset.v1';

export interface SavedProject {
  /** null = the built-in example. */
  datasetName: string | null;
  label: string;
  features: string[];
  splitColumn: string | null;
  sfSource: string;
  settings: TrainSettings;
  backend: BackendChoice;
}

export function loadProject(): Partial<SavedProject> | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Partial<SavedProject>) : null;
  } catch {
    return null;
  }
}

export function saveProject(project: SavedProject): string | null {
  try {
    localStorage.setItem(KEY, JSON.stringify(project));
    return null;
  } catch (e) {
    return `Could not save the project: ${(e as Error).message}`;
  }
}

export async function saveDatasetText(name: string, text: string): Promise<string | null> {
  try {
    await set(DATA_KEY, { name, text });
    return null;
  } catch (e) {
    return `Could not save the dataset for the next visit: ${(e as Error).message}`;
  }
}

export async function loadDatasetText(): Promise<{ name: string; text: string } | null> {
  try {
    return ((await get(DATA_KEY)) as { name: string; text: string } | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function clearDatasetText(): Promise<void> {
  try {
    await del(DATA_KEY);
  } catch {
    /* nothing saved, nothing to clear */
  }
}
