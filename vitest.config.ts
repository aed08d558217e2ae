import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Component tests under test/renderer/components mount .vue files; each opts into happy-dom at its top.
  plugins: [vue()],
  // Renderer modules under test import the contract the way the renderer build does.
  resolve: { alias: { '@contract': resolve('electron/core/contract/index.ts') } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
