/**
 * The run library: a store root holding one folder per run (DESIGN.md §2), as the desktop app's
 * library view sees it. Listing is cheap and never throws on a damaged folder (it reads run.json
 * and counts the lines of points.jsonl, reporting a cut-off last line or an unreadable manifest
 * as the folder's problems); opening a run reads and checks every line (core/node/run-store.ts)
 * and fails with the store's precise message when a line is damaged.
 *
 * Run ids are folder names inside the root, the only handle a renderer gets: `resolveRunDir`
 * accepts a plain name (no separators, no dot-dot, no leading dot) naming an existing run folder
 * whose real path lies directly in the root, so an id can never reach outside the store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analysisSchema, validateSpec, type SpecInput } from '../experiment/spec.ts';
import { isFailedStart, type RunSummary, type StartRecord } from '../experiment/records.ts';
import { RunAggregator } from '../experiment/aggregate.ts';
import type { RunInfo, StoredRun, StoredRunStatus, StoredTrace } from '../jobs/lab-api.ts';
import { loadRun, loadTraces, POINTS_FILE, RUN_FILE, RunFolderError, summarise, TRACES_FILE, type RunManifest } from './run-store.ts';

/** A run folder name: letters, digits, '.', '_', '-', starting with a letter or digit. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,159}$/;
/** Runs with more stored traces than this open without them (`tracesOmitted`). */
export const MAX_TRACES_ON_OPEN = 5000;

export function isRunId(value: unknown): value is string {
  return typeof value === 'string' && RUN_ID.test(value);
}

/** A short human name for a spec: its `name`, else its problem. */
export function describeSpec(spec: unknown): string {
  const s = spec as { name?: unknown; problem?: { kind?: unknown; name?: unknown; expression?: unknown; layers?: unknown } } | null;
  if (typeof s?.name === 'string' && s.name.trim()) return s.name.trim();
  const p = s?.problem;
  if (p?.kind === 'function') return typeof p.name === 'string' ? p.name : typeof p.expression === 'string' ? p.expression : 'function';
  if (p?.kind === 'network') return Array.isArray(p.layers) ? `network ${p.layers.join('-')}` : 'network';
  return 'run';
}

/** `2026-11-22T10-31-05Z-himmelblau`: sortable by time, readable, safe on every file system. */
export function runFolderName(spec: SpecInput, date: Date): string {
  const stamp = date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const slug =
    describeSpec(spec)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'run';
  return `${stamp}-${slug}`;
}

/** A fresh folder path for a new run of `spec` in `root` (a suffix keeps names unique). */
export function newRunDir(root: string, spec: SpecInput, date: Date = new Date()): { runId: string; dir: string } {
  const base = runFolderName(spec, date);
  for (let n = 1; ; n++) {
    const runId = n === 1 ? base : `${base}-${n}`;
    const dir = path.join(root, runId);
    if (!fs.existsSync(dir)) return { runId, dir };
  }
}

/**
 * The folder of run `runId` in `root`, or a RunFolderError saying why not: a malformed id, no
 * such run, or a folder (e.g. a symbolic link) whose real path is not directly in the root.
 */
export function resolveRunDir(root: string, runId: unknown): string {
  if (!isRunId(runId)) throw new RunFolderError(`invalid run id: ${describeValue(runId)} is not a run folder name`);
  const dir = path.join(root, runId);
  if (!fs.existsSync(path.join(dir, RUN_FILE)) && !fs.existsSync(path.join(dir, POINTS_FILE))) {
    throw new RunFolderError(`no run '${runId}' in ${root}`);
  }
  let real: string;
  let realRoot: string;
  try {
    real = fs.realpathSync(dir);
    realRoot = fs.realpathSync(root);
  } catch (error) {
    throw new RunFolderError(`run '${runId}' cannot be read: ${(error as Error).message}`);
  }
  if (path.dirname(real) !== realRoot || !fs.statSync(real).isDirectory()) {
    throw new RunFolderError(`run '${runId}' is not a folder of the store ${root}`);
  }
  return dir;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

const MANIFEST_STATUSES: ReadonlySet<string> = new Set(['running', 'finished', 'cancelled', 'failed']);

/** `running` in run.json means running now only if this session is writing it; otherwise interrupted. */
function storedStatus(status: RunManifest['status'], active: boolean): StoredRunStatus {
  return status === 'running' ? (active ? 'running' : 'interrupted') : status;
}

/** Complete lines of a file and the length of a cut-off last line (no trailing newline). */
function countLines(file: string): { lines: number; tailBytes: number } {
  if (!fs.existsSync(file)) return { lines: 0, tailBytes: 0 };
  const bytes = fs.readFileSync(file);
  let lines = 0;
  let last = -1;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    lines++;
    last = i;
  }
  return { lines, tailBytes: bytes.length - last - 1 };
}

function cutOffProblem(tailBytes: number): string {
  return `${POINTS_FILE}: the last line was cut off (${tailBytes} bytes, an interrupted write); resuming keeps it aside and runs that start again`;
}

/** One folder's entry; never throws (damage becomes `problems`). */
export function describeRunFolder(root: string, runId: string, active: boolean): RunInfo {
  const dir = path.join(root, runId);
  const { lines, tailBytes } = (() => {
    try {
      return countLines(path.join(dir, POINTS_FILE));
    } catch {
      return { lines: 0, tailBytes: 0 };
    }
  })();
  const damaged = (problem: string): RunInfo => ({ runId, status: 'damaged', name: '', records: lines, problems: [problem] });
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, RUN_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return damaged(code === 'ENOENT' ? `${RUN_FILE} is missing` : `${RUN_FILE} cannot be read (${code ?? (error as Error).message})`);
  }
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(text) as RunManifest;
  } catch (error) {
    return damaged(`${RUN_FILE} is damaged (${(error as Error).message})`);
  }
  if (manifest?.format !== 'critlab-run' || typeof manifest.spec !== 'object' || manifest.spec === null) {
    return damaged(`${RUN_FILE} is not a critlab run manifest`);
  }
  if (!MANIFEST_STATUSES.has(manifest.status)) return damaged(`${RUN_FILE} has an unknown status ${JSON.stringify(manifest.status)}`);
  // A run being written may be caught between two writes: only a stopped run's tail is damage.
  const problems = tailBytes > 0 && !active ? [cutOffProblem(tailBytes)] : [];
  return {
    runId,
    status: storedStatus(manifest.status, active),
    name: describeSpec(manifest.spec),
    ...(typeof manifest.startedAt === 'string' ? { startedAt: manifest.startedAt } : {}),
    ...(typeof manifest.finishedAt === 'string' ? { finishedAt: manifest.finishedAt } : {}),
    records: lines,
    ...(manifest.summary ? { total: manifest.summary.total, summary: manifest.summary } : {}),
    problems,
  };
}

/**
 * The runs of a store root, newest first. A missing root is an empty store; folders that are not
 * runs (no run.json and no points.jsonl, hidden names) are left out; damaged runs are listed.
 * `active` holds the ids being written by this session (shown as running, not interrupted).
 */
export function listRuns(root: string, active: ReadonlySet<string> = new Set()): RunInfo[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RunFolderError(`the run store ${root} cannot be read: ${(error as Error).message}`);
  }
  const runs: RunInfo[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !isRunId(entry.name)) continue;
    const dir = path.join(root, entry.name);
    if (!fs.existsSync(path.join(dir, RUN_FILE)) && !fs.existsSync(path.join(dir, POINTS_FILE))) continue;
    runs.push(describeRunFolder(root, entry.name, active.has(entry.name)));
  }
  const key = (r: RunInfo) => r.startedAt ?? '';
  return runs.sort((a, b) => (key(a) === key(b) ? (a.runId < b.runId ? 1 : -1) : key(a) < key(b) ? 1 : -1));
}

/**
 * Loads a stored run whole: manifest, every record (checked line by line; a damaged line fails
 * with the store's message naming it), clusters numbered in start-id order, and its traces
 * (unless there are more than MAX_TRACES_ON_OPEN).
 */
export function readStoredRun(root: string, runId: unknown, active = false): StoredRun {
  const dir = resolveRunDir(root, runId);
  const loaded = loadRun(dir);
  const { manifest } = loaded;
  if (!MANIFEST_STATUSES.has(manifest.status)) throw new RunFolderError(`${path.join(dir, RUN_FILE)} has an unknown status ${JSON.stringify(manifest.status)}`);
  const dedup = dedupToleranceOf(manifest.spec);
  const sorted = [...loaded.records].sort((a, b) => a.id - b.id);
  const aggregate = new RunAggregator(dedup);
  const records: StartRecord[] = sorted.map((r) => (isFailedStart(r) ? r : aggregate.add({ ...r, cluster: r.cluster ?? null })));
  const total = manifest.summary?.total ?? records.length;
  const summary: RunSummary = summarise(loaded.records, total, dedup, manifest.summary?.cancelled ?? manifest.status === 'cancelled', manifest.summary?.elapsedMs ?? 0);
  const traceLines = countLines(path.join(dir, TRACES_FILE)).lines;
  const omit = traceLines > MAX_TRACES_ON_OPEN;
  const traces: StoredTrace[] = omit ? [] : loadTraces(dir);
  return {
    runId: runId as string,
    status: storedStatus(manifest.status, active),
    spec: manifest.spec,
    startedAt: manifest.startedAt,
    ...(manifest.finishedAt ? { finishedAt: manifest.finishedAt } : {}),
    ...(manifest.resumedAt ? { resumedAt: manifest.resumedAt } : {}),
    versions: manifest.versions ?? {},
    summary,
    records,
    traces,
    ...(manifest.error ? { error: manifest.error } : {}),
    problems: loaded.truncatedTail.length > 0 && !active ? [cutOffProblem(Buffer.byteLength(loaded.truncatedTail))] : [],
    ...(omit ? { tracesOmitted: traceLines } : {}),
  };
}

/** The spec's dedup tolerance (its default when the stored spec leaves it out). */
function dedupToleranceOf(spec: SpecInput): number {
  const result = validateSpec(spec);
  return result.ok ? result.spec.analysis.dedupTolerance : analysisSchema.parse({}).dedupTolerance;
}
