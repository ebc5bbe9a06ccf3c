import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareJob } from '../../../core/jobs/runner.ts';
import { linearAeRepresentative } from '../../../core/groundtruth/linear-autoencoder-match.ts';

const CLI = path.resolve('dist/node/critlab.mjs');
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--quiet'], { stdio: 'inherit' });
});

function critlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-truth-'));
const LAE = 'assets/examples/linear-autoencoder.json';

describe('critlab truth', () => {
  it('prints the 2517 analytic classes of the 16-4-16 example with DESIGN.md §3 fields', () => {
    const r = critlab('truth', LAE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const classes = JSON.parse(r.stdout) as { subset: number[]; loss: number; negative: number; zero: number; positive: number; index: number }[];
    expect(classes).toHaveLength(2517);
    for (const c of classes) {
      expect(Object.keys(c).sort()).toEqual(['index', 'loss', 'negative', 'positive', 'subset', 'zero']);
      expect(c.zero).toBe(c.subset.length * (8 - c.subset.length));
      expect(c.negative + c.zero + c.positive).toBe(128);
    }
  });

  it('refuses a spec that is not a linear autoencoder, saying what it needs', () => {
    const r = critlab('truth', 'assets/examples/himmelblau.json');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/needs a bias-free linear autoencoder/);
  });
});

describe('critlab analyze', () => {
  it('analyses a Himmelblau minimum given as a JSON array', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'p.json'), '[3, 2]');
    const r = critlab('analyze', 'assets/examples/himmelblau.json', '--at', path.join(dir, 'p.json'));
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ status: 'critical', type: 'minimum', negative: 0, zero: 0, positive: 2, index: 0 });
    expect(a.loss).toBe(0);
    expect(a.eigenvalues[0]).toBeLessThan(a.eigenvalues[1]);
  });

  it('analyses a linear-AE class representative: critical, matched, zero count m(2p − m)', () => {
    const spec = JSON.parse(fs.readFileSync(LAE, 'utf8'));
    const job = prepareJob(spec);
    const theta = linearAeRepresentative(job.truth!.truth, [0, 2]);
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'p.json'), JSON.stringify({ id: 0, theta: Array.from(theta) }));
    const r = critlab('analyze', LAE, '--at', path.join(dir, 'p.json'));
    expect(r.stderr).toBe('');
    const a = JSON.parse(r.stdout);
    expect(a.status).toBe('critical');
    expect(a.gradNormSq).toBeLessThan(1e-25);
    expect(a.truth.subset).toEqual([0, 2]);
    expect({ negative: a.negative, zero: a.zero, positive: a.positive }).toEqual({ negative: a.truth.negative, zero: 2 * (8 - 2), positive: a.truth.positive });
  });

  it('refuses a point of the wrong size or with a non-number', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.json'), '[1, 2, 3]');
    expect(critlab('analyze', 'assets/examples/himmelblau.json', '--at', path.join(dir, 'a.json')).stderr).toMatch(/the point has 3 parameters; this problem has 2/);
    fs.writeFileSync(path.join(dir, 'b.json'), '[1, "x"]');
    expect(critlab('analyze', 'assets/examples/himmelblau.json', '--at', path.join(dir, 'b.json')).stderr).toMatch(/parameter 1 is "x", not a finite number/);
  });
});
