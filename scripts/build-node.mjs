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
