// Bundles the Node-side entry points (CLI, worker_threads compute worker) with esbuild into
// dist/node/. npm packages stay external (resolved from node_modules at run time).
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');
const started = performance.now();
await build({
  entryPoints: {
    critlab: 'core/node/cli.ts',
    'compute-worker': 'core/node/compute-worker.ts',
  },
  outdir: 'dist/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
});
if (!quiet) console.log(`dist/node built in ${(performance.now() - started).toFixed(0)} ms`);

// `critlab report` renders its charts with dist/report/render-report.mjs (the app's chart
// components compiled for Svelte's server renderer): rebuild it when any source is newer.
{
  const fs = await import('node:fs');
  const path = await import('node:path');
  const bundle = 'dist/report/render-report.mjs';
  const newest = (dir) =>
    fs.readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((t, e) => Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const sources = Math.max(newest('renderer/src'), newest('core'), fs.statSync('vite.config.ts').mtimeMs);
  if (sources > built) {
    const t0 = performance.now();
    const { build: viteBuild } = await import('vite');
    await viteBuild({ configFile: 'vite.config.ts', build: { ssr: 'src/report/render-report.ts' }, logLevel: 'warn' });
    if (!quiet) console.log(`dist/report built in ${(performance.now() - t0).toFixed(0)} ms`);
  }
}
