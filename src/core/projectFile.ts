/**
 * One project as one file, `<name>.slicewise.json`, to move it to another browser or keep a copy:
 *
 *   { "format": "slicewise-project", "version": 1, "exportedAt": "<ISO date>",
 *     "project": { name, datasetName, config, sfSource, settings, backend, run },
 *     "dataset": { "name": "...", "type": "<MIME>", "base64": "..." } | null }
 *
 * Plain JSON (no zip): the data file travels base64-encoded, byte for byte (CSV, JSON or Parquet).
 * Numbers JSON cannot hold (NaN, ±Infinity: a diverged loss) are written as {"$number": "NaN"};
 * the run's per-row predictions (Int32Array) as {"$int32": "<base64 of the little-endian bytes>"}.
 * decodeProjectFile() checks the shape and throws messages that start with the file's name.
 * Read by the app (store/projectsSlice.ts: import) and by `slicewise train --project` (the CLI). The
 * run and the settings are carried as saved; each reader brings them to today's shape
 * (core/train/settings.ts migrateSettings).
 */
import type { ExampleId } from './data/examples/index.ts';
import type { DatasetChoices } from './prepare.ts';

/** A data file as it was uploaded. */
export interface SavedDataset {
  name: string;
  blob: Blob;
}

export const PROJECT_FORMAT = 'slicewise-project';
export const PROJECT_FORMAT_VERSION = 1;
export const PROJECT_FILE_SUFFIX = '.slicewise.json';

/**
 * The parts of a project a file carries (ids and dates belong to one browser's storage). Settings,
 * backend and run are the app's; typed by the caller (`Run`, `Settings`), checked only for presence.
 */
export interface PortableProject<Settings = unknown, Run = unknown> {
  name: string;
  /** The uploaded data file's name; null when the project uses a built-in example. */
  datasetName: string | null;
  /** Which built-in example, when datasetName is null (absent = circles2d). */
  exampleId?: ExampleId | null;
  config: DatasetChoices;
  sfSource: string;
  settings: Settings;
  backend: unknown;
  run: Run | null;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (value instanceof Int32Array) return { $int32: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return value;
  if (typeof o.$number === 'string') return Number(o.$number);
  if (typeof o.$int32 === 'string') {
    const bytes = base64ToBytes(o.$int32);
    return new Int32Array(bytes.buffer, 0, bytes.byteLength >> 2);
  }
  return value;
}

/** A file name for people: the project's name, safe for every file system. */
export function projectFileName(name: string): string {
  const safe =
    name
      .trim()
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
      .slice(0, 80) || 'project';
  return `${safe}${PROJECT_FILE_SUFFIX}`;
}

export async function encodeProjectFile(project: PortableProject, data: SavedDataset | null): Promise<Blob> {
  const { name, datasetName, config, sfSource, settings, backend, run } = project;
  const dataset = data
    ? { name: data.name, type: data.blob.type, base64: bytesToBase64(new Uint8Array(await data.blob.arrayBuffer())) }
    : null;
  const json = JSON.stringify(
    {
      format: PROJECT_FORMAT,
      version: PROJECT_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      project: { name, datasetName, config, sfSource, settings, backend, run },
      dataset,
    },
    replacer,
  );
  return new Blob([json], { type: 'application/json' });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The project and its data file from an exported file; throws `<fileName>: what is wrong`. */
export async function decodeProjectFile(file: Blob, fileName: string): Promise<{ project: PortableProject; data: SavedDataset | null }> {
  const fail = (detail: string): never => {
    throw new Error(`${fileName}: ${detail}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(await file.text(), reviver);
  } catch (e) {
    return fail(`not a Slicewise project file (not valid JSON: ${(e as Error).message})`);
  }
  if (!isObject(json) || json.format !== PROJECT_FORMAT) {
    return fail(`not a Slicewise project file (expected "format": "${PROJECT_FORMAT}"; export one with the project menu's Export)`);
  }
  if (json.version !== PROJECT_FORMAT_VERSION) {
    fail(`project file version ${JSON.stringify(json.version)} is not supported (this version reads ${PROJECT_FORMAT_VERSION})`);
  }
  const p = json.project;
  if (!isObject(p)) return fail('"project" is missing');
  if (typeof p.name !== 'string') fail('"project.name" must be a string');
  if (typeof p.sfSource !== 'string') fail('"project.sfSource" must be a string');
  if (!isObject(p.config) || typeof p.config.label !== 'string' || !Array.isArray(p.config.features)) {
    fail('"project.config" must hold a label and a list of features');
  }
  if (!isObject(p.settings)) fail('"project.settings" is missing');
  if (p.datasetName !== null && typeof p.datasetName !== 'string') fail('"project.datasetName" must be a string or null');
  let data: SavedDataset | null = null;
  const d = json.dataset;
  if (d !== null && d !== undefined) {
    if (!isObject(d) || typeof d.name !== 'string' || typeof d.base64 !== 'string') fail('"dataset" must have a name and base64 contents');
    const ds = d as { name: string; base64: string; type?: unknown };
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = base64ToBytes(ds.base64);
    } catch {
      return fail(`the data file "${ds.name}" is not valid base64`);
    }
    data = { name: ds.name, blob: new Blob([bytes], { type: typeof ds.type === 'string' ? ds.type : '' }) };
  }
  if (typeof p.datasetName === 'string' && !data) fail(`the project uses the data file "${p.datasetName}", but the file holds no data`);
  return { project: p as unknown as PortableProject, data };
}
