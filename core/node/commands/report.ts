/**
 * `critlab report DIR [--format html,json,csv,npy|all] [--out FOLDER]`: re-exports a run folder
 * (DESIGN.md §3) next to the run (or into FOLDER):
 * - html → report.html: the self-contained report (spec, summary table, every chart as inline
 *   SVG drawn by the app's own chart components, the table of points). The charts come from
 *   dist/report/render-report.mjs (`npm run build:report`; `npm run lab` builds it when stale);
 * - json → points.json (spec, summary, every record with its cluster);
 * - csv  → points.csv (one row per start; θ columns for problems of ≤ 16 parameters);
 * - npy  → points.npy (θ, n × d) and spectra.npy (Hessian eigenvalues, n × m, NaN-padded),
 *          rows in start-id order as in points.csv (failed starts left out).
 * Clusters are recomputed in start-id order, as for the run's summary. A linear-autoencoder
 * run's report also draws its analytic classes, recomputed from the spec's data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateSpec } from '../../experiment/spec.ts';
import { isFailedStart, type StartRecord } from '../../experiment/records.ts';
import { RunAggregator } from '../../experiment/aggregate.ts';
import type { LinearAeClass } from '../../groundtruth/linear-autoencoder.ts';
import { prepareJob } from '../../jobs/runner.ts';
import { REPORT_FORMATS, type ReportFormat } from '../../jobs/lab-api.ts';
import { pointsToCsv } from '../../report/csv.ts';
import { pointsToJson } from '../../report/json.ts';
import { spectraToNpy, thetaToNpy } from '../../report/npy.ts';
import type { ReportRun } from '../../report/report-data.ts';
import { describeSpec } from '../run-library.ts';
import { loadProblemResources } from '../data-files.ts';
import { loadRun, loadTraces, RunFolderError } from '../run-store.ts';
import { PACKAGE_ROOT, packageVersion } from '../paths.ts';

export interface ReportOptions {
  /** Formats: a list, or comma-separated text ("html,csv"), or "all". Default "html". */
  readonly format?: string | readonly ReportFormat[];
  /** Folder to write into (default: the run folder). */
  readonly out?: string;
  /** Start whose spectrum the report shows (default: the lowest-loss critical point). */
  readonly focus?: number;
  /** Print nothing (default: one line per file written, on stdout). */
  readonly quiet?: boolean;
}

/** Where the server-rendered chart bundle is (built by `npm run build:report`). */
export const REPORT_RENDERER = path.join(PACKAGE_ROOT, 'dist', 'report', 'render-report.mjs');

export function parseReportFormats(format: ReportOptions['format']): ReportFormat[] {
  if (format === undefined) return ['html'];
  const list = typeof format === 'string' ? format.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean) : [...format];
  if (list.includes('all' as ReportFormat)) return [...REPORT_FORMATS];
  const bad = list.filter((f) => !REPORT_FORMATS.includes(f as ReportFormat));
  if (bad.length > 0 || list.length === 0) {
    throw new Error(`--format: expected html, json, csv, npy (comma-separated) or all; got ${bad.length ? bad.map((b) => `'${b}'`).join(', ') : 'nothing'}`);
  }
  return [...new Set(list as ReportFormat[])];
}

/** The run folder as report data: records with canonical clusters, summary, traces, truth. */
export async function loadReportRun(dir: string, focus?: number): Promise<ReportRun> {
  const loaded = loadRun(dir);
  const { manifest } = loaded;
  const checked = validateSpec(manifest.spec);
  if (!checked.ok) {
    throw new RunFolderError(`${path.join(dir, 'run.json')}: its spec no longer validates (${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`);
  }
  const spec = checked.spec;
  const aggregate = new RunAggregator(spec.analysis.dedupTolerance);
  const records: StartRecord[] = [];
  let failed = 0;
  for (const record of [...loaded.records].sort((a, b) => a.id - b.id)) {
    if (isFailedStart(record)) {
      failed++;
      records.push(record);
    } else records.push(aggregate.add({ ...record, cluster: null }));
  }
  const total = manifest.summary?.total ?? records.length;
  const base = aggregate.summary(total, manifest.status === 'cancelled', manifest.summary?.elapsedMs ?? 0);
  const summary = failed > 0 ? { ...base, finished: base.finished + failed, failed } : base;
  return {
    title: describeSpec(manifest.spec),
    spec: manifest.spec,
    summary,
    records,
    traces: loadTraces(dir),
    truth: await analyticClasses(manifest.spec, dir),
    focusId: focus ?? null,
    meta: {
      generatedAt: new Date().toISOString(),
      generator: 'critlab report (CLI)',
      runId: path.basename(path.resolve(dir)),
      status: manifest.status,
      startedAt: manifest.startedAt,
      ...(manifest.finishedAt ? { finishedAt: manifest.finishedAt } : {}),
      versions: { ...manifest.versions, 'critlab report': packageVersion() },
    },
  };
}

/** The analytic classes of a one-hidden-layer linear autoencoder spec, else null (never throws). */
async function analyticClasses(rawSpec: unknown, dir: string): Promise<LinearAeClass[] | null> {
  const checked = validateSpec(rawSpec);
  if (!checked.ok) return null;
  const p = checked.spec.problem;
  if (p.kind !== 'network' || p.activation !== 'linear' || p.bias || p.loss !== 'mse' || p.layers.length !== 3) return null;
  try {
    const resources = await loadProblemResources(p, dir);
    const truth = prepareJob(checked.spec, resources).truth;
    return truth?.depth === 'one-hidden-layer' ? truth.truth.classes : null;
  } catch (error) {
    process.stderr.write(`critlab: the analytic classes are left out of the report (${(error as Error).message})\n`);
    return null;
  }
}

type RenderReport = (run: ReportRun) => string;

async function loadRenderer(): Promise<RenderReport> {
  if (!fs.existsSync(REPORT_RENDERER)) {
    throw new Error(`the report renderer ${path.relative(process.cwd(), REPORT_RENDERER) || REPORT_RENDERER} is missing: build it with \`npm run build:report\``);
  }
  const module = (await import(pathToFileURL(REPORT_RENDERER).href)) as { renderReport?: RenderReport };
  if (typeof module.renderReport !== 'function') throw new Error(`${REPORT_RENDERER} does not export renderReport: rebuild it with \`npm run build:report\``);
  return module.renderReport;
}

/** Writes the report files; returns their paths. */
export async function reportCommand(dir: string, options: ReportOptions = {}): Promise<string[]> {
  const formats = parseReportFormats(options.format);
  const run = await loadReportRun(dir, options.focus);
  const out = path.resolve(options.out ?? dir);
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, contents: string | Uint8Array) => {
    const file = path.join(out, name);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, contents);
    fs.renameSync(tmp, file);
    written.push(file);
    if (!options.quiet) process.stdout.write(`wrote ${file}\n`);
  };
  for (const format of formats) {
    switch (format) {
      case 'html':
        write('report.html', (await loadRenderer())(run));
        break;
      case 'json':
        write('points.json', pointsToJson(run));
        break;
      case 'csv':
        write('points.csv', pointsToCsv(run.records));
        break;
      case 'npy':
        write('points.npy', thetaToNpy(run.records));
        write('spectra.npy', spectraToNpy(run.records));
        break;
    }
  }
  return written;
}
