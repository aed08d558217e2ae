import { resolve } from 'node:path';
import { cpSync } from 'node:fs';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

// SQL migrations are read at run time next to the bundled main process.
const copyMigrations = {
  name: 'callboard-copy-migrations',
  closeBundle() {
    cpSync(resolve('electron/core/store/migrations'), resolve('out/main/migrations'), { recursive: true });
  },
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin(), copyMigrations],
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
