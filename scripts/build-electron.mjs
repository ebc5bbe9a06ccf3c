// Bundles the Electron entry points with esbuild into dist/electron/:
//   electron/main.ts    -> main.cjs     (package.json "main")
//   electron/preload.ts -> preload.cjs  (sandboxed preload: must be CommonJS, requires only 'electron')
//   electron/compute.ts -> compute.cjs  (utility process running core's job runner)
// All CommonJS, platform node, target Electron 45's Node 22, `electron` external (it is provided
// by the Electron runtime). npm dependencies (zod today) are bundled, not external: the preload
// must be self-contained anyway (a sandboxed preload cannot require npm packages), main and
// compute then need no node_modules at run time (packaging can ship dist/ alone), and ESM-only
// packages (d3) never meet a CommonJS require(). A future dependency that reads its own files
// through __dirname at run time would have to be listed in `external` below.
//
// Usage: node scripts/build-electron.mjs [--outdir DIR] [--quiet]
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const outdirIndex = args.indexOf('--outdir');
const outdir = outdirIndex >= 0 ? args[outdirIndex + 1] : 'dist/electron';
if (!outdir) throw new Error('--outdir needs a directory');

const started = performance.now();
await build({
  entryPoints: {
    main: 'electron/main.ts',
    preload: 'electron/preload.ts',
    compute: 'electron/compute.ts',
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  // core/node/data-files.ts resolves the mnist package from import.meta.url, which a CommonJS
  // bundle does not have: derive it from __filename (no require, so the preload stays clean).
  define: { 'import.meta.url': '__critlabModuleUrl' },
  banner: { js: "var __critlabModuleUrl = 'file://' + (__filename.startsWith('/') ? '' : '/') + __filename.replace(/\\\\/g, '/');" },
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
});

// The sandboxed preload may require 'electron' and nothing else we would rely on: fail the build
// rather than ship a preload that throws on load.
const preload = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = required.filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(`build-electron: preload.cjs requires ${foreign.join(', ')}; a sandboxed preload may require only 'electron'`);
  process.exit(1);
}
if (!quiet) console.log(`${outdir} built in ${(performance.now() - started).toFixed(0)} ms`);
