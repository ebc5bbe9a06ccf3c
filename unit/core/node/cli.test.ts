import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PointRecord } from '../../../core/experiment/records.ts';
import type { RunManifest } from '../../../core/node/run-store.ts';
import { himmelblauPoints } from '../../fixtures/reference-critical-points.ts';

// The real CLI: the esbuild bundle with its worker_threads compute worker.
const CLI = path.resolve('dist/node/critlab.mjs');
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--quiet'], { stdio: 'inherit' });
});

function critlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-cli-'));
}

describe('critlab run', () => {
  it('runs the Himmelblau example on a worker and writes run.json and points.jsonl', () => {
    const out = path.join(tmp(), 'himmelblau');
    const r = critlab('run', 'assets/examples/himmelblau.json', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/9 distinct critical points/);

    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('finished');
    expect(manifest.summary?.distinct).toHaveLength(9);

    const records = fs
      .readFileSync(path.join(out, 'points.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as PointRecord);
    expect(records).toHaveLength(400);
    // Stored records carry no cluster number (it depends on arrival order); the summary's
    // distinct points are the 9, and each has critical records within 1e-6 of it.
    const distinct = manifest.summary!.distinct;
    for (const ref of himmelblauPoints) {
      const d = distinct.find((p) => Math.abs(p.theta[0] - ref.x) <= 1e-6 && Math.abs(p.theta[1] - ref.y) <= 1e-6);
      expect(d, `(${ref.x}, ${ref.y})`).toBeDefined();
      expect(d!.type).toBe(ref.type);
      const hits = records.filter((p) => p.status === 'critical' && Math.hypot(p.theta[0] - ref.x, p.theta[1] - ref.y) <= 1e-6);
      expect(hits.length).toBe(d!.hits);
      for (const rec of hits) {
        expect(rec.type).toBe(ref.type);
        expect(rec.gradNormSq).toBeLessThanOrEqual(1e-20);
      }
    }
    expect(records.filter((p) => p.status === 'critical')).toHaveLength(distinct.reduce((s, d) => s + d.hits, 0));
    expect(fs.readFileSync(path.join(out, 'traces.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(400);
  });

  it('refuses an unknown function name, naming the field and the choices', () => {
    const dir = tmp();
    const spec = path.join(dir, 'bad.json');
    fs.writeFileSync(spec, JSON.stringify({ problem: { kind: 'function', name: 'himmelbau' } }));
    const r = critlab('run', spec, '--out', path.join(dir, 'out'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/problem\.name: unknown function 'himmelbau'/);
    expect(r.stderr).toMatch(/himmelblau/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses malformed JSON with the parser position', () => {
    const dir = tmp();
    const spec = path.join(dir, 'bad.json');
    fs.writeFileSync(spec, '{ "problem": { "kind": "function", ');
    const r = critlab('run', spec, '--out', path.join(dir, 'out'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/malformed JSON/);
  });

  it('refuses a missing spec file and a folder that holds a finished run of another spec', () => {
    const dir = tmp();
    expect(critlab('run', path.join(dir, 'nope.json'), '--out', path.join(dir, 'o')).stderr).toMatch(/cannot read spec .*no such file/);
    const out = path.join(dir, 'run');
    expect(critlab('run', 'assets/examples/saddle.json', '--out', out).code).toBe(0);
    const before = fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8');
    const again = critlab('run', 'assets/examples/himmelblau.json', '--out', out);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds a finished run of a different spec/);
    expect(fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8')).toBe(before);
  });

  it('refuses a spec with an out-of-range field', () => {
    const dir = tmp();
    const spec = path.join(dir, 'bad.json');
    fs.writeFileSync(spec, JSON.stringify({ problem: { kind: 'function', name: 'saddle' }, finder: { tolerance: -1 } }));
    const r = critlab('run', spec, '--out', path.join(dir, 'out'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/finder\.tolerance/);
  });
});

describe('critlab examples', () => {
  it('lists the built-in example specs', () => {
    const r = critlab('examples');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/assets\/examples\/himmelblau\.json\tHimmelblau/);
  });
});
