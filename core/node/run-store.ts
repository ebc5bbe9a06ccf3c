/**
 * The run store (DESIGN.md §2): a folder per run holding
 * - `run.json`: the spec, versions, shard, status, timings and summary; replaced atomically
 *   (written to a temporary file, then renamed);
 * - `points.jsonl`: one record per finished start, each appended with a single write(2) as the
 *   start finishes, so a crash or kill loses at most the starts in flight;
 * - `traces.jsonl`: the per-iteration trace of each start, written after its point.
 * Records are stored without their live cluster number (which depends on arrival order): a
 * line depends only on the spec and the start id, so a resumed, sharded or parallel run writes
 * the same lines as a plain one. Clusters are recomputed in start-id order for the summary.
 *
 * Reading a folder checks every line: a last line cut off by a crash is reported and, when the
 * run is resumed, moved aside to `points.jsonl.truncated-<time>` (never silently dropped);
 * any other damage (a line that is not a record, a duplicate start) refuses the folder with the
 * line number and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateSpec, type SpecInput } from '../experiment/spec.ts';
import { isFailedStart, type PointRecord, type RunSummary, type StartRecord } from '../experiment/records.ts';
import { RunAggregator } from '../experiment/aggregate.ts';
import type { TraceEvent } from '../jobs/protocol.ts';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface RunManifest {
  readonly format: 'critlab-run';
  readonly formatVersion: 1;
  readonly spec: SpecInput;
  readonly versions: Record<string, string>;
  readonly shard?: Shard;
  readonly status: 'running' | 'finished' | 'cancelled' | 'failed';
  readonly startedAt: string;
  /** Each time the run was resumed after an interruption. */
  readonly resumedAt?: string[];
  readonly finishedAt?: string;
  readonly summary?: RunSummary;
  readonly error?: string;
  /** For a merged run: the shard folders it came from. */
  readonly mergedFrom?: string[];
}

/** A run folder that cannot be used as it is; nothing in it was changed. */
export class RunFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFolderError';
  }
}

export interface TraceRecord {
  readonly id: number;
  readonly loss: number[];
  readonly gradNormSq: number[];
  readonly step: number[];
  readonly innerIterations?: number[];
  readonly flags?: string[];
  readonly path?: number[];
}

export interface LoadedRun {
  readonly dir: string;
  readonly manifest: RunManifest;
  /** Records in file order. */
  readonly records: StartRecord[];
  /** Bytes after the last newline of points.jsonl: a line cut off mid-write. */
  readonly truncatedTail: string;
}

const POINT_STATUSES = new Set(['critical', 'gradient-flat', 'stalled', 'max-iterations', 'diverged', 'failed']);

export const RUN_FILE = 'run.json';
export const POINTS_FILE = 'points.jsonl';
export const TRACES_FILE = 'traces.jsonl';

/** Spec equality up to defaults and key order: both are validated and compared as JSON. */
export function sameSpec(a: unknown, b: unknown): boolean {
  const va = validateSpec(a);
  const vb = validateSpec(b);
  return va.ok && vb.ok && canonicalJson(va.spec) === canonicalJson(vb.spec);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** Reads and checks a run folder without changing it. */
export function loadRun(dir: string): LoadedRun {
  const runFile = path.join(dir, RUN_FILE);
  let text: string;
  try {
    text = fs.readFileSync(runFile, 'utf8');
  } catch {
    throw new RunFolderError(`${dir} is not a run folder: ${RUN_FILE} is missing`);
  }
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(text) as RunManifest;
  } catch (error) {
    throw new RunFolderError(`${runFile} is damaged (${(error as Error).message}); nothing was changed`);
  }
  if (manifest?.format !== 'critlab-run' || typeof manifest.spec !== 'object') {
    throw new RunFolderError(`${runFile} is not a critlab run manifest; nothing was changed`);
  }
  const pointsFile = path.join(dir, POINTS_FILE);
  const content = fs.existsSync(pointsFile) ? fs.readFileSync(pointsFile, 'utf8') : '';
  const cut = content.lastIndexOf('\n') + 1;
  const truncatedTail = content.slice(cut);
  const lines = content.slice(0, cut).split('\n');
  lines.pop();
  const records: StartRecord[] = [];
  const seen = new Set<number>();
  lines.forEach((line, i) => {
    const where = `${pointsFile} line ${i + 1}`;
    let record: StartRecord;
    try {
      record = JSON.parse(line) as StartRecord;
    } catch (error) {
      throw new RunFolderError(`${where} is not valid JSON (${(error as Error).message}); nothing was changed. Remove or repair that line to use this run.`);
    }
    if (!record || !Number.isInteger(record.id) || record.id < 0 || !POINT_STATUSES.has(record.status)) {
      throw new RunFolderError(`${where} is not a point record (needs an integer id and a known status); nothing was changed`);
    }
    if (seen.has(record.id)) throw new RunFolderError(`${where} repeats start ${record.id}; nothing was changed`);
    seen.add(record.id);
    records.push(record);
  });
  return { dir, manifest, records, truncatedTail };
}

/** Summary of a run's records, recomputed in start-id order (canonical cluster numbering). */
export function summarise(records: readonly StartRecord[], total: number, dedupTolerance: number, cancelled: boolean, elapsedMs: number): RunSummary {
  const aggregate = new RunAggregator(dedupTolerance);
  let failed = 0;
  for (const record of [...records].sort((a, b) => a.id - b.id)) {
    if (isFailedStart(record)) failed++;
    else aggregate.add(record);
  }
  const summary = aggregate.summary(total, cancelled, elapsedMs);
  return failed > 0 ? { ...summary, finished: summary.finished + failed, failed } : summary;
}

export class RunStore {
  private readonly pointsFd: number;
  private readonly tracesFd: number;

  private constructor(
    readonly dir: string,
    private manifest: RunManifest,
  ) {
    this.pointsFd = fs.openSync(path.join(dir, POINTS_FILE), 'a');
    this.tracesFd = fs.openSync(path.join(dir, TRACES_FILE), 'a');
  }

  get spec(): SpecInput {
    return this.manifest.spec;
  }

  /** Creates a new run folder (the folder may exist, but must not hold a run). */
  static create(dir: string, spec: SpecInput, versions: Record<string, string>, shard?: Shard): RunStore {
    fs.mkdirSync(dir, { recursive: true });
    for (const name of [RUN_FILE, POINTS_FILE]) {
      if (fs.existsSync(path.join(dir, name))) throw new RunFolderError(`${dir} already holds a run (${name} exists)`);
    }
    const manifest: RunManifest = {
      format: 'critlab-run',
      formatVersion: 1,
      spec,
      versions,
      ...(shard ? { shard } : {}),
      status: 'running',
      startedAt: new Date().toISOString(),
    };
    writeJsonAtomic(path.join(dir, RUN_FILE), manifest);
    return new RunStore(dir, manifest);
  }

  /**
   * Reopens an interrupted run of the same spec (and shard) to append to it. A line cut off by
   * the interruption is moved aside into its own file, and `notices` says so.
   */
  static resume(loaded: LoadedRun, spec: SpecInput, shard: Shard | undefined, notices: (message: string) => void): RunStore {
    const { dir, manifest } = loaded;
    if (!sameSpec(manifest.spec, spec)) {
      throw new RunFolderError(`${dir} holds a run of a different spec: choose another --out folder (or run the spec stored in ${path.join(dir, RUN_FILE)})`);
    }
    const a = manifest.shard;
    if ((a?.index ?? 0) !== (shard?.index ?? 0) || (a?.count ?? 1) !== (shard?.count ?? 1)) {
      const show = (s?: Shard) => (s ? `shard ${s.index}/${s.count}` : 'the whole run (no shard)');
      throw new RunFolderError(`${dir} holds ${show(a)}, not ${show(shard)}: choose another --out folder`);
    }
    if (loaded.truncatedTail.length > 0) {
      const pointsFile = path.join(dir, POINTS_FILE);
      const aside = `${pointsFile}.truncated-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.writeFileSync(aside, loaded.truncatedTail);
      fs.truncateSync(pointsFile, fs.statSync(pointsFile).size - Buffer.byteLength(loaded.truncatedTail));
      notices(`${pointsFile}: the last line was cut off by the interruption (${Buffer.byteLength(loaded.truncatedTail)} bytes, kept in ${path.basename(aside)}); that start runs again`);
    }
    repairTracesTail(path.join(dir, TRACES_FILE), notices);
    const resumed: RunManifest = { ...manifest, status: 'running', resumedAt: [...(manifest.resumedAt ?? []), new Date().toISOString()] };
    writeJsonAtomic(path.join(dir, RUN_FILE), resumed);
    return new RunStore(dir, resumed);
  }

  /** Appends one finished start: its record (then its trace, if any), each flushed at once. */
  append(record: StartRecord, trace?: TraceEvent): void {
    const stored = isFailedStart(record) ? record : withoutCluster(record);
    fs.writeSync(this.pointsFd, JSON.stringify(stored) + '\n');
    if (trace) {
      const line: TraceRecord = {
        id: trace.startId,
        loss: Array.from(trace.loss),
        gradNormSq: Array.from(trace.gradNormSq),
        step: Array.from(trace.step),
        innerIterations: Array.from(trace.innerIterations),
        flags: trace.flags,
        ...(trace.path ? { path: Array.from(trace.path) } : {}),
      };
      fs.writeSync(this.tracesFd, JSON.stringify(line) + '\n');
    }
  }

  finish(status: RunManifest['status'], summary?: RunSummary, error?: string): void {
    this.manifest = {
      ...this.manifest,
      status,
      finishedAt: new Date().toISOString(),
      ...(summary ? { summary } : {}),
      ...(error ? { error } : {}),
    };
    writeJsonAtomic(path.join(this.dir, RUN_FILE), this.manifest);
  }

  close(): void {
    fs.closeSync(this.pointsFd);
    fs.closeSync(this.tracesFd);
  }
}

function withoutCluster(record: PointRecord): Omit<PointRecord, 'cluster'> {
  const { cluster: _cluster, ...rest } = record;
  return rest;
}

function repairTracesTail(file: string, notices: (message: string) => void): void {
  if (!fs.existsSync(file)) return;
  const content = fs.readFileSync(file, 'utf8');
  const tail = content.slice(content.lastIndexOf('\n') + 1);
  if (tail.length === 0) return;
  const aside = `${file}.truncated-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.writeFileSync(aside, tail);
  fs.truncateSync(file, fs.statSync(file).size - Buffer.byteLength(tail));
  notices(`${file}: the last line was cut off by the interruption (kept in ${path.basename(aside)})`);
}

export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/** Reads traces.jsonl, skipping nothing: a damaged line is an error naming it. */
export function loadTraces(dir: string): TraceRecord[] {
  const file = path.join(dir, TRACES_FILE);
  if (!fs.existsSync(file)) return [];
  const content = fs.readFileSync(file, 'utf8');
  const lines = content.slice(0, content.lastIndexOf('\n') + 1).split('\n');
  lines.pop();
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as TraceRecord;
    } catch (error) {
      throw new RunFolderError(`${file} line ${i + 1} is not valid JSON (${(error as Error).message})`);
    }
  });
}
