import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { findPostgresBin } from './test/support/postgres';

/**
 * The store's suites, run a second time on the shared history's engine: what a suite writes is
 * copied to a PostgreSQL history, and it reads a cache filled only from there, as another console
 * of the site reads it (test/core/store/support/store-engine.ts). Left on SQLite alone, the suites of
 * the cache file itself: its migrations, durability, raw events, retention, read workers, outbox and
 * alert log, and calls rebuilt from its raw events. Where PostgreSQL's server binaries are absent
 * the second run is left out, and says so.
 */
const storeEngineSuites = [
  ...['call-queries', 'agent-performance', 'distribution-reports', 'export', 'history-contract', 'call-store', 'callbacks', 'import', 'agent-interval-recorder']
    .map((name) => `test/core/store/${name}.test.ts`),
  // The real Asterisk captures' figures against their queue_log, read at a console that did not record them.
  'test/core/stats/truth-replay.test.ts',
];
const hasPostgres = findPostgresBin() !== undefined;
if (!hasPostgres) console.warn('vitest: the store suites run on SQLite only: PostgreSQL server binaries not found (no initdb under $PG_BIN or /usr/lib/postgresql/*/bin)');

const project = (test: NonNullable<TestProjectInlineConfiguration['test']>): TestProjectInlineConfiguration => ({
  // Component tests under test/renderer/components mount .vue files; each opts into happy-dom at its top.
  plugins: [vue()],
  // Renderer modules under test import the contract the way the renderer build does.
  resolve: { alias: { '@contract': resolve('electron/core/contract/index.ts') } },
  test: { exclude: ['test/e2e/**', 'node_modules/**'], testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks', ...test },
});

export default defineConfig({
  test: {
    projects: [
      project({ name: 'unit', include: ['test/**/*.test.ts'] }),
      ...(hasPostgres ? [project({ name: 'store on postgres', include: storeEngineSuites, env: { CALLBOARD_STORE_ENGINE: 'postgres' } })] : []),
    ],
  },
});
