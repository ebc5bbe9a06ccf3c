import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI tests build dist/node once before any test runs.
    globalSetup: ['unit/global-setup.ts'],
  },
});
