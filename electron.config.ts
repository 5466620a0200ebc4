// electron-vite 6 (Vite 8, Rolldown). electron-vite only autoloads electron.vite.config.*,
// so every script passes `--config electron.config.ts`. Our folders are top-level main/ and
// renderer/, not electron-vite's default src/{main,preload,renderer}, so each entry is set here.
// electron-vite 6 reads `build.rolldownOptions` (it falls back to `rollupOptions` only when
// rolldownOptions is unset), so that is the key used.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string;
};

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        // The engine runs on a worker thread (main/engine-host.ts), which loads this entry
        // from next to index.js.
        input: {
          index: resolve(root, 'main/index.ts'),
          'engine-worker': resolve(root, 'engine/service/worker-entry.ts'),
          // The engine worker's own decode threads (engine/io/parallel/decode-pool.ts).
          'decode-worker': resolve(root, 'engine/io/parallel/decode-worker.ts'),
          // The S3 calls of schema inference, made while the engine waits (s3-sync-bridge.ts).
          's3-sync-worker': resolve(root, 'engine/io/sources/s3/s3-sync-worker.ts'),
        },
      },
    },
  },
  preload: {
    define: { __TIDEMARK_VERSION__: JSON.stringify(version) },
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { preload: resolve(root, 'main/preload.ts') },
        // Electron runs sandboxed preloads as classic scripts, which cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [svelte()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
