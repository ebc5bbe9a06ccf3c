import { describe, expect, it } from 'vitest';
import { parseSpecText, validateSpec } from '../../../core/experiment/spec.ts';
import fs from 'node:fs';
import path from 'node:path';

describe('spec schema', () => {
  it('fills documented defaults for every section but problem', () => {
    const r = validateSpec({ problem: { kind: 'function', name: 'himmelblau' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.sampling).toMatchObject({ strategy: 'grid', count: 20 });
    // DESIGN.md §4: Newton-MR with ρ = 1e-4, α₀ = 0.1, β = 0.5; ‖g‖² < 1e-10 counts as critical.
    expect(r.spec.finder).toMatchObject({ method: 'newton-mr', maxIterations: 500, tolerance: 1e-10, rho: 1e-4, alpha0: 0.1, beta: 0.5 });
    expect(r.spec.analysis.zeroCutoff).toBeGreaterThan(0);
  });

  it('names the offending field', () => {
    const cases: [unknown, string][] = [
      [{}, 'problem'],
      [{ problem: { kind: 'function', name: 'nope' } }, 'problem.name'],
      [{ problem: { kind: 'function', name: 'saddle' }, finder: { maxIterations: 0 } }, 'finder.maxIterations'],
      [{ problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'grid', box: [[1, 0]] } }, 'sampling.box.0'],
      [{ problem: { kind: 'function', name: 'saddle' }, sampling: { strategy: 'spiral' } }, 'sampling.strategy'],
      [{ problem: { kind: 'function', name: 'saddle' }, finder: { tolerance: Number.NaN } }, 'finder.tolerance'],
      [{ problem: { kind: 'function', name: 'saddle' }, extra: 1 }, ''],
    ];
    for (const [value, path] of cases) {
      const r = validateSpec(value);
      expect(r.ok, JSON.stringify(value)).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0].path, JSON.stringify(value)).toBe(path);
      expect(r.issues[0].message.length).toBeGreaterThan(0);
    }
  });

  it('reads a finder section without a method as Newton-MR, and rejects an unknown method', () => {
    const r = validateSpec({ problem: { kind: 'function', name: 'saddle' }, finder: { maxIterations: 7 } });
    expect(r.ok && r.spec.finder).toMatchObject({ method: 'newton-mr', maxIterations: 7 });
    const bad = validateSpec({ problem: { kind: 'function', name: 'saddle' }, finder: { method: 'newtn' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0].path).toBe('finder.method');
  });

  it('rejects unknown keys rather than ignoring a typo', () => {
    const r = validateSpec({ problem: { kind: 'function', name: 'saddle' }, finder: { tolerence: 1e-12 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/tolerence/);
  });

  it('reports malformed JSON', () => {
    const r = parseSpecText('{"problem": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/^malformed JSON/);
  });

  it('accepts every built-in example', () => {
    const dir = path.resolve('assets/examples');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const r = parseSpecText(fs.readFileSync(path.join(dir, file), 'utf8'));
      expect(r.ok, `${file}: ${r.ok ? '' : JSON.stringify(r.issues)}`).toBe(true);
    }
  });
});

describe('spec messages a researcher can act on', () => {
  const messages = (value: unknown) => {
    const r = validateSpec(value);
    return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
  };
  const saddle = { kind: 'function', name: 'saddle' };

  it('says what was wanted and what came, for every generic failure', () => {
    expect(messages({ problem: saddle, finder: { tolerance: '1e-1x' } })).toEqual(['finder.tolerance: expected a number, got the text "1e-1x"']);
    expect(messages({ problem: saddle, finder: { maxIterations: 2.5 } })).toEqual(['finder.maxIterations: expected a whole number, got 2.5']);
    expect(messages({ problem: saddle, finder: { tolerance: 5 } })).toEqual(['finder.tolerance: must be ≤ 1, got 5']);
    expect(messages({ problem: { kind: 'network', layers: [2, 1, 2], data: { kind: 'gaussian', spectrum: [1, -2] } } })).toEqual([
      'problem.data.spectrum.1: must be ≥ 0, got −2',
    ]);
    expect(messages({ problem: { ...saddle, typo: 1 } })).toEqual(['problem: unknown key "typo" (not part of the spec: check the spelling)']);
    expect(messages({ problem: { kind: 'network', layers: [], data: { kind: 'gaussian', spectrum: [1, 2] } } })).toEqual(['problem.layers: needs at least 2 items']);
    expect(messages({ problem: saddle, analysis: { spectrum: 'fourier' } })).toEqual([expect.stringMatching(/^analysis\.spectrum: expected one of "auto", .*got the text "fourier"$/)]);
    expect(messages({})).toEqual(['problem: required']);
  });

  it('keeps the messages the schema writes itself', () => {
    expect(messages({ problem: { kind: 'network', layers: [3, 2, 2], data: { kind: 'gaussian', spectrum: [1, 2] } } })).toEqual([
      'problem.layers: the input layer has 3 units but the Gaussian data have 2 features',
    ]);
  });
});
