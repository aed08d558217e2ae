import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The same renderer as the desktop app, built as a plain web app that the
// headless core serves (`callboard serve`): it talks WebSocket instead of IPC.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [vue()],
  resolve: { alias: { '@contract': here('../electron/core/contract/index.ts') } },
  build: {
    outDir: here('../out/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
