/**
 * The run store (DESIGN.md §2): a folder per run holding `run.json` (spec, versions, timings,
 * summary) and append-only `points.jsonl` / `traces.jsonl`, one line per finder start, written
 * with a single write(2) as each start finishes, so a crash loses at most the start in flight.
 * run.json is replaced atomically (write to a temporary file, then rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PointRecord, RunSummary } from '../experiment/records.ts';
import type { SpecInput } from '../experiment/spec.ts';
import type { TraceEvent } from '../jobs/protocol.ts';

export interface RunManifest {
  readonly format: 'critlab-run';
  readonly formatVersion: 1;
  readonly spec: SpecInput;
  readonly versions: Record<string, string>;
  readonly status: 'running' | 'finished' | 'cancelled' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly summary?: RunSummary;
  readonly error?: string;
}

export class RunStore {
  private readonly pointsFd: number;
  private readonly tracesFd: number;
  private manifest: RunManifest;

  private constructor(
    readonly dir: string,
    manifest: RunManifest,
  ) {
    this.manifest = manifest;
    this.pointsFd = fs.openSync(path.join(dir, 'points.jsonl'), 'a');
    this.tracesFd = fs.openSync(path.join(dir, 'traces.jsonl'), 'a');
  }

  /** Creates a new run folder; refuses a folder that already holds a run. */
  static create(dir: string, spec: SpecInput, versions: Record<string, string>): RunStore {
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['run.json', 'points.jsonl']) {
      if (fs.existsSync(path.join(dir, name))) {
        throw new Error(`${dir} already holds a run (${name} exists): choose another --out folder or remove it`);
      }
    }
    const manifest: RunManifest = {
      format: 'critlab-run',
      formatVersion: 1,
      spec,
      versions,
      status: 'running',
      startedAt: new Date().toISOString(),
    };
    writeJsonAtomic(path.join(dir, 'run.json'), manifest);
    return new RunStore(dir, manifest);
  }

  appendPoint(record: PointRecord): void {
    fs.writeSync(this.pointsFd, JSON.stringify(record) + '\n');
  }

  appendTrace(trace: TraceEvent): void {
    const line = {
      id: trace.startId,
      loss: Array.from(trace.loss),
      gradNormSq: Array.from(trace.gradNormSq),
      step: Array.from(trace.step),
      ...(trace.path ? { path: Array.from(trace.path) } : {}),
    };
    fs.writeSync(this.tracesFd, JSON.stringify(line) + '\n');
  }

  finish(status: RunManifest['status'], summary?: RunSummary, error?: string): void {
    this.manifest = {
      ...this.manifest,
      status,
      finishedAt: new Date().toISOString(),
      ...(summary ? { summary } : {}),
      ...(error ? { error } : {}),
    };
    writeJsonAtomic(path.join(this.dir, 'run.json'), this.manifest);
  }

  close(): void {
    fs.closeSync(this.pointsFd);
    fs.closeSync(this.tracesFd);
  }
}

function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}
