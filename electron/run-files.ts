/**
 * Data files that travel with a desktop run (LabApi.startRun's `files`): the files the user
 * picked in the builder for the paths the spec names (`problem.data.path`,
 * `problem.data.targets.path`). The app never reads a path named in a spec; it keeps a copy of
 * the picked files in the run folder, under `data/<name>`, so an interrupted run can be resumed
 * with the same data.
 *
 * Names are plain file names (the spec's path as the user picked it, e.g. `samples.csv`): no
 * separators, no '.' or '..', no NUL, at most MAX_FILE_NAME_LENGTH characters. The IPC layer
 * refuses anything else; the host checks again before joining a name to a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunFiles } from '../core/jobs/lab-api.ts';
import { DATA_LIMITS } from '../core/problems/data/data-set.ts';
import { RunFolderError } from '../core/node/run-store.ts';

/** The run folder's subfolder holding the run's data files. */
export const DATA_DIR = 'data';
/** Most files a run may carry. */
export const MAX_RUN_FILES = 8;
export const MAX_FILE_NAME_LENGTH = 255;

/** Why `name` is not a plain file name, or null when it is. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_FILE_NAME_LENGTH) return `is longer than ${MAX_FILE_NAME_LENGTH} characters (${name.length})`;
  if (name === '.' || name === '..') return 'is not a file name';
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator (a data file is named by its file name only)';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name === '__proto__') return 'is not allowed';
  return null;
}

function shown(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

/** The files of `files` that `names` lists (the others are dropped), checked again for safety. */
export function pickRunFiles(files: RunFiles | undefined, names: readonly string[]): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  if (!files) return out;
  for (const name of names) {
    if (!Object.hasOwn(files, name)) continue;
    const problem = fileNameProblem(name);
    if (problem) throw new Error(`data file name ${shown(name)} ${problem}`);
    const bytes = files[name];
    if (!(bytes instanceof Uint8Array)) throw new Error(`data file ${shown(name)}: expected its bytes (a Uint8Array)`);
    out[name] = bytes;
  }
  return out;
}

/**
 * Writes each file to `<dir>/data/<name>` durably: to a temporary file, flushed to disk (fsync),
 * then renamed into place, so a crash never leaves a partial file under the real name.
 */
export function writeRunFiles(dir: string, files: Readonly<Record<string, Uint8Array>>): void {
  const names = Object.keys(files);
  if (names.length === 0) return;
  const dataDir = path.join(dir, DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  for (const name of names) {
    const problem = fileNameProblem(name);
    if (problem) throw new Error(`data file name ${shown(name)} ${problem}`);
    const file = path.join(dataDir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      const bytes = files[name];
      let written = 0;
      while (written < bytes.byteLength) written += fs.writeSync(fd, bytes, written, bytes.byteLength - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
}

/**
 * Reads the files `names` back from `<dir>/data/` (for resuming a run). A file that is missing,
 * not a plain file, too large, or named by the spec with something other than a plain file name
 * is a RunFolderError that says so and that the run cannot be resumed without it.
 */
export function readRunFiles(dir: string, runId: string, names: readonly string[]): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const name of new Set(names)) {
    const problem = fileNameProblem(name);
    if (problem) {
      throw new RunFolderError(
        `run '${runId}' cannot be resumed in the app: its spec names the data file ${shown(name)}, which ${problem}; the app keeps only files chosen in the builder (run the spec with the CLI instead)`,
      );
    }
    const relative = `${DATA_DIR}/${name}`;
    const file = path.join(dir, DATA_DIR, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new RunFolderError(`run '${runId}': the data file ${shown(name)} is missing from the run folder (${relative}); the run cannot be resumed without it`);
      }
      throw new RunFolderError(`run '${runId}': the data file ${relative} cannot be read (${code ?? (error as Error).message}); the run cannot be resumed without it`);
    }
    if (!stat.isFile()) throw new RunFolderError(`run '${runId}': ${relative} in the run folder is not a plain file; the run cannot be resumed without the data file ${shown(name)}`);
    if (stat.size > DATA_LIMITS.maxBytes) throw new RunFolderError(`run '${runId}': ${relative} is too large (${stat.size} bytes; the limit is ${DATA_LIMITS.maxBytes})`);
    // A fresh, exactly sized array (not a view into Node's buffer pool): it is cloned to every worker.
    out[name] = new Uint8Array(fs.readFileSync(file));
  }
  return out;
}
