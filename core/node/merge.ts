/**
 * `critlab merge`: joins the N shard folders of one spec (`critlab run --shard i/N`) into one
 * run folder. Refuses, changing nothing, when the shards disagree on the spec, a shard is
 * missing, repeated or unfinished, or a start appears twice. Records and traces are written in
 * start-id order and the summary is recomputed, so the merged folder equals an unsharded run's
 * (up to timings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateSpec } from '../experiment/spec.ts';
import type { RunSummary, StartRecord } from '../experiment/records.ts';
import {
  loadRun,
  loadTraces,
  POINTS_FILE,
  RUN_FILE,
  RunFolderError,
  sameSpec,
  summarise,
  TRACES_FILE,
  writeJsonAtomic,
  type LoadedRun,
  type RunManifest,
} from './run-store.ts';

export function mergeRuns(dirs: readonly string[], out: string, version: string): RunSummary {
  if (dirs.length === 0) throw new RunFolderError('merge needs at least one shard folder');
  const runs: LoadedRun[] = dirs.map((d) => loadRun(d));
  const first = runs[0].manifest;
  const count = first.shard?.count ?? 1;
  const byIndex = new Map<number, string>();
  for (const run of runs) {
    const m = run.manifest;
    if (!sameSpec(m.spec, first.spec)) throw new RunFolderError(`${run.dir} is a run of a different spec than ${runs[0].dir}`);
    if ((m.shard?.count ?? 1) !== count) throw new RunFolderError(`${run.dir} is shard ${m.shard?.index ?? 0}/${m.shard?.count ?? 1}, but ${runs[0].dir} splits the run in ${count}`);
    if (m.status !== 'finished') throw new RunFolderError(`${run.dir} is not finished (status ${m.status}): run the same \`critlab run … --shard\` command again to resume it, then merge`);
    if (run.truncatedTail) throw new RunFolderError(`${run.dir}: ${POINTS_FILE} ends with a cut-off line; resume that shard first`);
    const index = m.shard?.index ?? 0;
    if (byIndex.has(index)) throw new RunFolderError(`shard ${index}/${count} is given twice (${byIndex.get(index)} and ${run.dir})`);
    byIndex.set(index, run.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new RunFolderError(`shards ${missing.map((i) => `${i}/${count}`).join(', ')} are missing`);

  const records: StartRecord[] = [];
  const owner = new Map<number, string>();
  for (const run of runs) {
    for (const record of run.records) {
      if (owner.has(record.id)) throw new RunFolderError(`start ${record.id} appears in both ${owner.get(record.id)} and ${run.dir}`);
      owner.set(record.id, run.dir);
      records.push(record);
    }
  }
  records.sort((a, b) => a.id - b.id);
  const traces = runs.flatMap((run) => loadTraces(run.dir)).sort((a, b) => a.id - b.id);

  const valid = validateSpec(first.spec);
  if (!valid.ok) throw new RunFolderError(`${runs[0].dir}: its spec no longer validates: ${valid.issues[0].message}`);
  const totals = runs.map((r) => r.manifest.summary?.total ?? 0).reduce((a, b) => a + b, 0);
  const elapsed = runs.map((r) => r.manifest.summary?.elapsedMs ?? 0).reduce((a, b) => a + b, 0);
  const summary = summarise(records, totals, valid.spec.analysis.dedupTolerance, false, elapsed);

  if (fs.existsSync(path.join(out, RUN_FILE)) || fs.existsSync(path.join(out, POINTS_FILE))) {
    throw new RunFolderError(`${out} already holds a run: choose another --out folder`);
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, POINTS_FILE), records.map((r) => JSON.stringify(r) + '\n').join(''));
  fs.writeFileSync(path.join(out, TRACES_FILE), traces.map((t) => JSON.stringify(t) + '\n').join(''));
  const manifest: RunManifest = {
    format: 'critlab-run',
    formatVersion: 1,
    spec: first.spec,
    versions: { ...first.versions, critlab: version },
    status: 'finished',
    startedAt: runs.map((r) => r.manifest.startedAt).sort()[0],
    finishedAt: new Date().toISOString(),
    summary,
    mergedFrom: [...dirs],
  };
  writeJsonAtomic(path.join(out, RUN_FILE), manifest);
  return summary;
}
