// STYLE.md: electron/ is the only folder that imports 'electron'; core/ and renderer/ never do
// (core runs in the CLI, in workers and in the utility process; the renderer is sandboxed).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|mjs|cjs|svelte)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('import boundaries', () => {
  it('the pattern recognises every way of importing electron', () => {
    for (const line of ["import { app } from 'electron';", 'import type { App } from "electron";', "const e = require('electron');", "await import('electron')", "import 'electron';", "from 'electron/main'"]) {
      expect(importsElectron.test(line), line).toBe(true);
    }
    expect(importsElectron.test("import x from 'electron-builder';")).toBe(false);
  });

  for (const folder of ['core', 'renderer']) {
    it(`${folder}/ does not import electron`, () => {
      const offenders = sources(path.join(root, folder)).filter((file) => importsElectron.test(readFileSync(file, 'utf8')));
      expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
    });
  }

  it('electron/compute.ts (the utility process) does not import electron either', () => {
    expect(importsElectron.test(readFileSync(path.join(root, 'electron/compute.ts'), 'utf8'))).toBe(false);
  });
});
