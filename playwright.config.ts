/**
 * Playwright end-to-end suite.
 * - web: the built renderer (`vite build` + `vite preview`) in Debian's Chromium, computing in
 *   Web Workers. Never `npx playwright install`: point CHROMIUM_PATH at a Chromium binary
 *   (default /usr/bin/chromium, from `apt-get install -y chromium`).
 * - electron: the desktop app (dist/electron/main.cjs); skipped, with the reason printed, when no
 *   Electron binary is present (offline machines).
 * Explicit screenshots go to e2e/artifacts/ (gitignored); failure artefacts to test-results/.
 */
import { defineConfig } from '@playwright/test';

const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  reporter: 'list',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        baseURL: `http://localhost:${PORT}`,
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
  webServer: {
    command: `npm run build:web && npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
