// STYLE.md: core/ (outside core/node/) imports nothing from Node, the DOM or Electron — the
// tsconfig enforces the types, this test the module specifiers — and nothing that evaluates
// strings (`numeric` does, at load time), since core runs in a Web Worker under a CSP without
// 'unsafe-eval'.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const specifiers = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

function pureCoreSources(): string[] {
  const dir = path.join(root, 'core');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !path.relative(dir, f).startsWith(`node${path.sep}`));
}

describe('core import boundaries', () => {
  const files = pureCoreSources();
  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only relative modules and pure-JS packages that run without eval', () => {
    const allowedPackages = new Set(['zod', 'mathjs/number']);
    // The `numeric` wrappers (general eigenvalues, SVD: issue 3 asks for them) are never imported
    // by the job runner's modules; e2e/web/csp.spec.ts checks the worker bundle under the CSP.
    const numericWrappers = new Set(['core/linalg/general-eigen.ts', 'core/linalg/svd.ts']);
    const offenders: string[] = [];
    for (const file of files) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(specifiers)) {
        if (spec.startsWith('.')) continue;
        if (spec === 'numeric' && numericWrappers.has(rel)) continue;
        if (!allowedPackages.has(spec)) offenders.push(`${rel} imports '${spec}'`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('does not use eval or the Function constructor', () => {
    const offenders = files.filter((f) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
