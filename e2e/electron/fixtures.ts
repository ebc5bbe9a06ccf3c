/**
 * The one fixture that launches the desktop app and always closes it. The Electron binary comes
 * from ELECTRON_PATH, else from the `electron` package when its binary was downloaded (found
 * without running the package's index.js, which would try to download it). Without a binary
 * every test that uses `app` is skipped, with the reason printed.
 */
import { test as base } from '@playwright/test';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_ENTRY = join(repoRoot, 'dist', 'electron', 'main.cjs');

/** The Electron binary to launch, or why there is none. */
export function findElectron(): { path: string } | { missing: string } {
  const fromEnv = process.env.ELECTRON_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { missing: `ELECTRON_PATH=${fromEnv} does not exist` };
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
    const binary = join(distDir, relative);
    if (existsSync(binary)) return { path: binary };
  } catch {
    // the electron package is not installed: fall through
  }
  return { missing: 'Electron binary not installed (offline machine): set ELECTRON_PATH to run this spec' };
}

export const test = base.extend<{ app: ElectronApplication; window: Page }>({
  app: async ({}, use, testInfo) => {
    const electron = findElectron();
    if ('missing' in electron) {
      console.log(`[electron e2e] skipped: ${electron.missing}`);
      testInfo.skip(true, electron.missing);
      return;
    }
    if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} is missing: run \`npm run build\` first`);
    const app = await _electron.launch({
      executablePath: electron.path,
      args: [MAIN_ENTRY],
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'test' },
    });
    try {
      await use(app);
    } finally {
      await app.close();
    }
  },
  window: async ({ app }, use) => {
    const window = await app.firstWindow();
    await window.setViewportSize({ width: 1280, height: 800 }).catch(() => undefined);
    await use(window);
  },
});

export { expect } from '@playwright/test';
