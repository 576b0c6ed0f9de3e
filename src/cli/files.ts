/** File access for the CLI, with one-line messages for people instead of Node's error objects. */
import { mkdir, readFile, stat, writeFile, readdir } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { loadTable } from '../core/data/load.ts';
import type { Table } from '../core/table.ts';
import { dirname, join } from 'node:path';
import { MODEL_JSON, WEIGHTS_BIN, type ExportedModel } from '../core/export/format.ts';
import { CliError } from './args.ts';

function reason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return error instanceof Error ? error.message : String(error);
}

export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(error)}`);
  }
}

/**
 * A data file (any format loadTable reads: CSV/TSV, JSON, JSON Lines, Parquet, Arrow) as a Table,
 * streamed from disk as in the app. File-system problems are CliErrors; problems with the data are
 * the loader's DataErrors (file, line, column).
 */
export async function readTable(path: string, what = 'the data file'): Promise<Table> {
  let blob: Blob;
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    blob = await openAsBlob(path);
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(error)}`);
  }
  return loadTable(blob, path);
}

async function readBytes(path: string, what: string): Promise<ArrayBuffer> {
  try {
    const buf = await readFile(path);
    // A fresh ArrayBuffer holding exactly the file (a Buffer may be a view into a shared pool).
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${reason(error)}`);
  }
}

/** Writes `data`, creating the parent directories. */
export async function writeOut(path: string, data: string | Uint8Array, what: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  } catch (error) {
    throw new CliError(`cannot write ${what} ${path}: ${reason(error)}`);
  }
}

/** DIR/model.json and DIR/weights.bin. */
export async function writeModelDir(dir: string, model: ExportedModel): Promise<void> {
  await writeOut(join(dir, MODEL_JSON), model.modelJson, 'the model');
  await writeOut(join(dir, WEIGHTS_BIN), new Uint8Array(model.weights), 'the model weights');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The two files of the model in `dir`. When `dir` is an export dir of several models (train
 * --export-dir), the message names them so the user can pick one.
 */
export async function readModelDir(dir: string): Promise<ExportedModel & { source: string }> {
  const jsonPath = join(dir, MODEL_JSON);
  if (!(await isFile(jsonPath))) {
    let inside: string[] = [];
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      for (const e of entries) if (e.isDirectory() && (await isFile(join(dir, e.name, MODEL_JSON)))) inside.push(e.name);
    } catch (error) {
      throw new CliError(`cannot read the model folder ${dir}: ${reason(error)}`);
    }
    inside = inside.sort();
    if (inside.length > 0) {
      throw new CliError(
        `${dir} has no ${MODEL_JSON}; it holds the models ${inside.join(', ')}: pass one of them, e.g. --model ${join(dir, inside[0]!)}`,
      );
    }
    throw new CliError(`${dir} has no ${MODEL_JSON} (pass a folder written by slicewise train --export-dir, e.g. DIR/plain)`);
  }
  const modelJson = await readText(jsonPath, 'the model');
  const weights = await readBytes(join(dir, WEIGHTS_BIN), 'the model weights');
  return { modelJson, weights, source: jsonPath };
}
