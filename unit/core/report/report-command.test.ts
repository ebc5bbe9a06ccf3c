/**
 * `critlab report DIR` on real run folders (written by the run store from the job runner's
 * events): every format, the charts drawn by the server-rendered bundle, the analytic classes
 * of a linear autoencoder.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runJob } from '../../../core/jobs/runner.ts';
import type { JobEvent, TraceEvent } from '../../../core/jobs/protocol.ts';
import type { SpecInput } from '../../../core/experiment/spec.ts';
import { RunStore } from '../../../core/node/run-store.ts';
import { parseNpy } from '../../../core/problems/data/npy.ts';
import { parseReportFormats, REPORT_RENDERER, reportCommand } from '../../../core/node/commands/report.ts';

beforeAll(() => {
  // The chart bundle the CLI loads; built here when a checkout has not built it yet.
  if (!fs.existsSync(REPORT_RENDERER)) execFileSync('npx', ['vite', 'build', '--ssr', 'src/report/render-report.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}, 120_000);

async function runFolder(spec: SpecInput): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-report-'));
  const store = RunStore.create(dir, spec, { critlab: 'test' });
  const events: JobEvent[] = [];
  await runJob({ type: 'start', jobId: 'j', spec }, (e) => events.push(e), () => false, { yieldNow: async () => {}, now: () => performance.now() });
  const traces = new Map(events.filter((e): e is TraceEvent => e.type === 'trace').map((e) => [e.startId, e]));
  for (const e of events) if (e.type === 'point') store.append(e.record, traces.get(e.record.id));
  const done = events.find((e) => e.type === 'done');
  if (!done || done.type !== 'done') throw new Error(`run failed: ${JSON.stringify(events.find((e) => e.type === 'error'))}`);
  store.finish('finished', done.summary);
  store.close();
  return dir;
}

describe('critlab report', () => {
  it('parses --format lists', () => {
    expect(parseReportFormats(undefined)).toEqual(['html']);
    expect(parseReportFormats('csv, npy')).toEqual(['csv', 'npy']);
    expect(parseReportFormats('all')).toEqual(['html', 'json', 'csv', 'npy']);
    expect(() => parseReportFormats('pdf')).toThrow(/'pdf'/);
  });

  it('writes every format for a function run, charts drawn by the app components', async () => {
    const dir = await runFolder({
      name: 'Himmelblau <small>',
      problem: { kind: 'function', name: 'himmelblau' },
      sampling: { strategy: 'grid', box: [[-5, 5], [-5, 5]], count: [6, 6] },
      finder: { method: 'newton', maxIterations: 200, tolerance: 1e-20 },
    });
    const files = await reportCommand(dir, { format: 'all', quiet: true });
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['points.csv', 'points.json', 'points.npy', 'report.html', 'spectra.npy']);

    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Himmelblau &lt;small&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<figure data-chart="([^"]+)"/g)?.map((m) => m.slice(20, -1))).toEqual(['landscape', 'loss-index', 'index-histogram', 'convergence', 'spectrum']);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html.match(/data-testid="scatter-point"/g)).toHaveLength(36);
    expect(html.match(/<tr data-id="/g)).toHaveLength(36);
    expect(html).toContain('<tr data-key="starts"><th scope="row">Starts finished</th><td>36 / 36</td></tr>');
    expect(html).toContain('index (fraction of negative Hessian eigenvalues)');

    const json = JSON.parse(fs.readFileSync(path.join(dir, 'points.json'), 'utf8'));
    expect(json.records).toHaveLength(36);
    expect(json.summary.distinct.length).toBeGreaterThan(3);
    expect(json.records.filter((r: { cluster: number | null }) => r.cluster !== null).length).toBe(json.summary.counts.critical);

    const csv = fs.readFileSync(path.join(dir, 'points.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(37);
    expect(csv[0]).toMatch(/^id,status,/);
    expect(csv[0]).toContain('theta_1');

    const theta = parseNpy(fs.readFileSync(path.join(dir, 'points.npy')), 'points.npy');
    expect([theta.rows, theta.columns]).toEqual([36, 2]);
    const spectra = parseNpy(fs.readFileSync(path.join(dir, 'spectra.npy')), 'spectra.npy');
    expect([spectra.rows, spectra.columns]).toEqual([36, 2]);
  });

  it('draws the analytic classes of a linear autoencoder and the expected zero count', async () => {
    const dir = await runFolder({
      name: 'Linear AE 4-2-4',
      problem: { kind: 'network', layers: [4, 2, 4], activation: 'linear', bias: false, loss: 'mse', data: { kind: 'gaussian', samples: 200, spectrum: [1, 2, 3, 4], seed: 1 } },
      sampling: { strategy: 'trajectory', starts: 4, seed: 0, optimizer: { method: 'gd', learningRate: 0.1, steps: 50 } },
      finder: { method: 'newton-mr', maxIterations: 200, tolerance: 1e-10 },
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-report-out-'));
    await reportCommand(dir, { format: 'html', out, quiet: true });
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    // C(4,0) + C(4,1) + C(4,2) = 11 classes.
    expect(html.match(/data-testid="truth-class"/g)).toHaveLength(11);
    expect(html).toContain('data-key="truth-classes"');
    expect(html).not.toContain('data-chart="landscape"');
    const matched = (html.match(/data-testid="truth-link"/g) ?? []).length;
    expect(matched).toBeGreaterThan(0);
    expect(html).toMatch(/zeros expected m\(2p − m\) = \d \(class \{[\d, ]*\}, m = \d\)/);
  });

  it('refuses a folder that is not a run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-report-empty-'));
    await expect(reportCommand(dir, { quiet: true })).rejects.toThrow(/not a run folder/);
  });
});
