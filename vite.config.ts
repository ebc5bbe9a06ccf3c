/**
 * Vite config for the renderer (the Svelte app). `npm run web` serves it with Web-Worker
 * compute; `npm run build:web` writes dist/renderer/, which Electron loads from file:// (hence
 * the relative base) and `vite preview` serves for the Playwright suite.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  // No svelte.config.js: the defaults (Svelte 5 runes, TypeScript in <script lang="ts">) are what we want.
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  worker: {
    format: 'es',
  },
  server: {
    port: 5173,
    // The renderer imports core/ and assets/examples/, which sit outside its root.
    fs: { allow: [repoRoot] },
  },
  preview: {
    port: 4173,
  },
});
