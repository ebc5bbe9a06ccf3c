#!/usr/bin/env node
// Installed `critlab` command: runs the bundled CLI (built by `npm run build:node`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/node/critlab.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('critlab: dist/node/critlab.mjs is missing; run `npm run build:node` (or use `npm run lab -- …` in a checkout)');
  process.exit(1);
}
await import(cli.href);
