import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './core/base/logger';

/**
 * `serve` and `demo` from a checkout build the console (out/web) themselves when
 * it is missing or older than its sources, so `npm install` + `npm run demo`
 * shows it without knowing about `npm run build:web`.
 */

/** What the web build is made of, relative to the repository root. */
export const rendererSources = ['renderer', 'electron/core/contract', 'package-lock.json'];

export type RendererState = 'missing' | 'stale' | 'fresh';

/** Newest modification time of the files under `paths` (0 when none exist). */
export function newestModification(paths: string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const path of paths) visit(path);
  return newest;
}

export function rendererState(rootDir: string, webRoot: string): RendererState {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return 'missing';
  return newestModification(rendererSources.map((source) => join(rootDir, source))) > statSync(index).mtimeMs ? 'stale' : 'fresh';
}

/** The Vite build `npm run build:web` runs, written beside `webRoot` then moved in, so a server never sees half a build. */
async function buildRenderer(rootDir: string, webRoot: string): Promise<void> {
  const { build } = await import('vite');
  const staging = `${webRoot}.building-${process.pid}`;
  try {
    await build({
      configFile: join(rootDir, 'renderer', 'vite.web.config.ts'),
      logLevel: 'error',
      build: { outDir: staging, emptyOutDir: true },
    });
    rmSync(webRoot, { recursive: true, force: true });
    renameSync(staging, webRoot);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Build the console when needed and say so. Never throws: without a console the
 * server still serves the API, and its page says how to build one.
 */
export async function ensureRendererBuilt(rootDir: string, webRoot: string, log: Logger): Promise<RendererState> {
  if (!existsSync(join(rootDir, 'renderer', 'vite.web.config.ts'))) {
    if (!existsSync(join(webRoot, 'index.html'))) log.warn(`no console in ${webRoot} and no renderer sources to build it: serving the API only`);
    return existsSync(join(webRoot, 'index.html')) ? 'fresh' : 'missing';
  }
  const state = rendererState(rootDir, webRoot);
  if (state === 'fresh') return state;
  const why = state === 'missing' ? 'is not built yet' : 'is older than its sources';
  log.info(`the console (${webRoot}) ${why}: building it with Vite, as \`npm run build:web\` does (once; about half a minute)…`);
  const started = Date.now();
  try {
    await buildRenderer(rootDir, webRoot);
    log.info(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 'fresh';
  } catch (error) {
    log.error(`building the console failed (run \`npm run build:web\` to see why): ${error instanceof Error ? error.message : String(error)}`);
    return state;
  }
}
