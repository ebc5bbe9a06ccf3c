/**
 * The run store through the real CLI: kill and resume, truncated and corrupt files, a different
 * spec in the folder, shards and merge.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartRecord } from '../../../core/experiment/records.ts';
import type { RunManifest } from '../../../core/node/run-store.ts';

const CLI = path.resolve('dist/node/critlab.mjs');
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs', '--quiet'], { stdio: 'inherit' });
});

function critlab(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-store-'));

function records(dir: string): StartRecord[] {
  return fs
    .readFileSync(path.join(dir, 'points.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as StartRecord);
}

/** Records in id order without their timings: what must not depend on how the run went. */
function comparable(dir: string): unknown[] {
  return records(dir)
    .map((r) => {
      const { elapsedMs: _e, ...rest } = r as StartRecord & { elapsedMs?: number };
      return rest;
    })
    .sort((a, b) => a.id - b.id);
}

function manifest(dir: string): RunManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunManifest;
}

function writeSpec(dir: string, spec: unknown): string {
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

// 40,000 quick starts: long enough to be killed mid-way, short enough to run twice.
const bigSpec = {
  problem: { kind: 'function', name: 'six-hump-camel' },
  sampling: { strategy: 'grid', box: [[-2.2, 2.2], [-1.2, 1.2]], count: [200, 200] },
  finder: { method: 'newton', maxIterations: 100, tolerance: 1e-20 },
};

describe('run store', () => {
  it('resumes a run killed with SIGKILL: no point lost or duplicated, same results as an uninterrupted run', async () => {
    const dir = tmp();
    const spec = writeSpec(dir, bigSpec);
    const reference = path.join(dir, 'reference');
    expect(critlab('run', spec, '--out', reference, '--workers', '2').code).toBe(0);

    const out = path.join(dir, 'killed');
    const child = spawn(process.execPath, [CLI, 'run', spec, '--out', out, '--workers', '2'], { stdio: 'ignore' });
    const points = path.join(out, 'points.jsonl');
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const size = fs.existsSync(points) ? fs.statSync(points).size : 0;
        if (size > 200_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the run finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(manifest(out).status).toBe('running');
    const before = fs.readFileSync(points, 'utf8');
    const linesBefore = before.slice(0, before.lastIndexOf('\n') + 1).split('\n').length - 1;
    expect(linesBefore).toBeGreaterThan(0);
    expect(linesBefore).toBeLessThan(40_000);

    const resumed = critlab('run', spec, '--out', out, '--workers', '2');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming .*: \d+ of 40000 starts already done/);
    // The lines written before the kill are untouched.
    expect(fs.readFileSync(points, 'utf8').startsWith(before.slice(0, before.lastIndexOf('\n') + 1))).toBe(true);
    const ids = records(out).map((r) => r.id);
    expect(ids).toHaveLength(40_000);
    expect(new Set(ids).size).toBe(40_000);
    expect(comparable(out)).toEqual(comparable(reference));
    expect(manifest(out).status).toBe('finished');
    expect(manifest(out).resumedAt).toHaveLength(1);
    expect(manifest(out).summary?.distinct).toEqual(manifest(reference).summary?.distinct);
  }, 120_000);

  it('reports a truncated last line, keeps its bytes aside and re-runs that start', () => {
    const dir = tmp();
    const out = path.join(dir, 'run');
    expect(critlab('run', 'assets/examples/himmelblau.json', '--out', out).code).toBe(0);
    const full = comparable(out);
    // Simulate a kill mid-write: keep 100 lines and half of the 101st, mark the run as running.
    const lines = fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8').split('\n');
    const partial = lines[100].slice(0, 40);
    fs.writeFileSync(path.join(out, 'points.jsonl'), lines.slice(0, 100).join('\n') + '\n' + partial);
    fs.writeFileSync(path.join(out, 'run.json'), JSON.stringify({ ...manifest(out), status: 'running' }));

    const r = critlab('run', 'assets/examples/himmelblau.json', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/points\.jsonl: the last line was cut off by the interruption \(40 bytes, kept in points\.jsonl\.truncated-/);
    const aside = fs.readdirSync(out).find((f) => f.startsWith('points.jsonl.truncated-'));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(out, aside!), 'utf8')).toBe(partial);
    expect(comparable(out)).toEqual(full);
  });

  it('refuses a corrupt line with its number and changes nothing', () => {
    const dir = tmp();
    const out = path.join(dir, 'run');
    expect(critlab('run', 'assets/examples/himmelblau.json', '--out', out).code).toBe(0);
    const lines = fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8').split('\n');
    lines[6] = '{"id": 6, "status": "crit';
    const damaged = lines.slice(0, 50).join('\n') + '\n';
    fs.writeFileSync(path.join(out, 'points.jsonl'), damaged);
    fs.writeFileSync(path.join(out, 'run.json'), JSON.stringify({ ...manifest(out), status: 'running' }));
    const runJson = fs.readFileSync(path.join(out, 'run.json'), 'utf8');

    const r = critlab('run', 'assets/examples/himmelblau.json', '--out', out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/points\.jsonl line 7 is not valid JSON.*nothing was changed/);
    expect(fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8')).toBe(damaged);
    expect(fs.readFileSync(path.join(out, 'run.json'), 'utf8')).toBe(runJson);
  });

  it('refuses a damaged run.json and a folder holding a different spec', () => {
    const dir = tmp();
    const out = path.join(dir, 'run');
    expect(critlab('run', 'assets/examples/himmelblau.json', '--out', out).code).toBe(0);
    fs.writeFileSync(path.join(out, 'run.json'), JSON.stringify({ ...manifest(out), status: 'running' }));
    const other = critlab('run', 'assets/examples/saddle.json', '--out', out);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/holds a run of a different spec/);

    fs.writeFileSync(path.join(out, 'run.json'), '{"format": "critlab-run", ');
    const damaged = critlab('run', 'assets/examples/himmelblau.json', '--out', out);
    expect(damaged.code).not.toBe(0);
    expect(damaged.stderr).toMatch(/run\.json is damaged/);
  });

  it('says there is nothing to do for a finished run of the same spec', () => {
    const dir = tmp();
    const out = path.join(dir, 'run');
    expect(critlab('run', 'assets/examples/saddle.json', '--out', out).code).toBe(0);
    const before = fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8');
    const again = critlab('run', 'assets/examples/saddle.json', '--out', out);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already holds this finished run; nothing to do/);
    expect(fs.readFileSync(path.join(out, 'points.jsonl'), 'utf8')).toBe(before);
  });
});

describe('shards and merge', () => {
  it('4 shards merged equal the unsharded run', () => {
    const dir = tmp();
    const whole = path.join(dir, 'whole');
    expect(critlab('run', 'assets/examples/himmelblau.json', '--out', whole).code).toBe(0);
    const shards = [0, 1, 2, 3].map((i) => path.join(dir, `shard-${i}`));
    shards.forEach((s, i) => {
      const r = critlab('run', 'assets/examples/himmelblau.json', '--out', s, '--shard', `${i}/4`);
      expect(r.code, r.stderr).toBe(0);
      expect(records(s).every((rec) => rec.id % 4 === i)).toBe(true);
    });
    const merged = path.join(dir, 'merged');
    const m = critlab('merge', ...shards, '--out', merged);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/9 distinct critical points/);
    expect(comparable(merged)).toEqual(comparable(whole));
    expect(manifest(merged).summary?.distinct).toEqual(manifest(whole).summary?.distinct);
    expect(manifest(merged).summary?.total).toBe(400);
    expect(fs.readFileSync(path.join(merged, 'traces.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(400);
  });

  it('refuses a missing or repeated shard, and bad --shard values', () => {
    const dir = tmp();
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    expect(critlab('run', 'assets/examples/saddle.json', '--out', a, '--shard', '0/3').code).toBe(0);
    expect(critlab('run', 'assets/examples/saddle.json', '--out', b, '--shard', '1/3').code).toBe(0);
    expect(critlab('merge', a, b, '--out', path.join(dir, 'm')).stderr).toMatch(/shards 2\/3 are missing/);
    expect(critlab('merge', a, a, b, '--out', path.join(dir, 'm')).stderr).toMatch(/shard 0\/3 is given twice/);
    expect(fs.existsSync(path.join(dir, 'm'))).toBe(false);
    const bad = critlab('run', 'assets/examples/saddle.json', '--out', path.join(dir, 'x'), '--shard', '3/3');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--shard.*needs 0 ≤ i < N/);
  });
});
