import { resolve } from 'node:path';
import { cpSync } from 'node:fs';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';

// SQL migrations are read at run time next to the bundled main process.
const copyMigrations = {
  name: 'callboard-copy-migrations',
  closeBundle() {
    cpSync(resolve('electron/core/store/migrations'), resolve('out/main/migrations'), { recursive: true });
    cpSync(resolve('electron/core/store/postgres/pg-migrations'), resolve('out/main/pg-migrations'), { recursive: true });
  },
};

// The history read worker (electron/core/store/read-pool.ts) is its own bundle next to
// out/main/index.js: as a second input it would share chunks with the main process and
// move the store's code (and its migrations path) out of out/main.
const buildReadWorker = {
  name: 'callboard-read-worker',
  async closeBundle() {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: resolve('electron/core/store/read-worker.ts'),
        outDir: resolve('out/main'),
        emptyOutDir: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'read-worker.js' } },
      },
    });
  },
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin(), copyMigrations, buildReadWorker],
    build: { rollupOptions: { input: { index: resolve('electron/main/index.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // Sandboxed preloads must be CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [vue()],
    resolve: { alias: { '@contract': resolve('electron/core/contract/index.ts') } },
    build: { rollupOptions: { input: { index: resolve('renderer/index.html') } } },
  },
});
