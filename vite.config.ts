/**
 * Vite config for the renderer (the Svelte app). `npm run web` serves it with Web-Worker
 * compute; `npm run build:web` writes dist/renderer/, which Electron loads from file:// (hence
 * the relative base) and `vite preview` serves for the Playwright suite.
 *
 * `npm run build:report` (`vite build --ssr src/report/render-report.ts`) writes
 * dist/report/render-report.mjs: the report renderer with the chart components compiled for
 * Svelte's server renderer and every dependency bundled in, loaded by `critlab report`.
 *
 * Web Workers are bundled separately, with Svelte components compiled for the server renderer
 * (`generate: 'server'`): the report worker renders the same charts to static SVG in the
 * browser. No worker mounts a component, so nothing needs the client build there.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ isSsrBuild }) => ({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  publicDir: isSsrBuild ? false : 'public',
  // No svelte.config.js: the defaults (Svelte 5 runes, TypeScript in <script lang="ts">) are what we want.
  // The server renderer inlines each component's CSS in its output (the report is one file).
  plugins: [svelte({ configFile: false, ...(isSsrBuild ? { compilerOptions: { css: 'injected' as const } } : {}) })],
  build: isSsrBuild
    ? {
        outDir: fileURLToPath(new URL('./dist/report', import.meta.url)),
        emptyOutDir: true,
        target: 'node20',
        sourcemap: true,
        rolldownOptions: { output: { entryFileNames: 'render-report.mjs', format: 'es' as const } },
      }
    : {
        outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: true,
      },
  // The SSR bundle is self-contained (svelte/server, d3, zod inlined): the CLI and a packaged app load it as is.
  ssr: { noExternal: true },
  worker: {
    format: 'es' as const,
    plugins: () => [
      svelte({
        configFile: false,
        dynamicCompileOptions: () => ({ generate: 'server' as const, css: 'injected' as const }),
      }),
    ],
  },
  server: {
    port: 5173,
    // The renderer imports core/ and assets/examples/, which sit outside its root.
    fs: { allow: [repoRoot] },
  },
  preview: {
    port: 4173,
  },
}));
