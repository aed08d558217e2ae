// `npm run screenshots`: every page of the console, in zh-CN and English, TV
// included, as the README shows them (docs/screenshots/<page>.<locale>.png).
// It runs the demo (its own PBX and core, fresh cache), lets calls happen,
// then photographs each page at 1440×900 in the Chromium scripts/chromium.ts finds.
// With Debian's `pngquant` installed the pictures are stored with a 256-colour
// palette (a third of the size); without it as Chromium writes them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startCore } from '../electron/core/app/core';
import { silentLogger, consoleLogger } from '../electron/core/base/logger';
import { defaultConfig } from '../electron/core/config/config';
import { startDemoPbxFor } from '../electron/core/demo';
import { ensureRendererBuilt } from '../electron/renderer-build';
import { chromiumOrExit } from './chromium';

const rootDir = join(import.meta.dirname, '..');
const webRoot = join(rootDir, 'out', 'web');
const outDir = join(rootDir, 'docs', 'screenshots');
const locales = ['zh-CN', 'en'] as const;
/** How many finished calls the history and report pictures should show. */
const wantedCalls = 12;

interface Shot {
  name: string;
  route: string;
  /** Make the page show what it is for before the picture. */
  prepare?(page: Page): Promise<void>;
}

const shots: Shot[] = [
  { name: 'wallboard', route: 'wallboard' },
  { name: 'agents', route: 'agents' },
  { name: 'calls', route: 'calls' },
  {
    name: 'history',
    route: 'history',
    prepare: async (page) => {
      await page.locator('[data-testid^="history-row-"]').first().click();
      await page.getByTestId('history-detail').waitFor();
    },
  },
  {
    name: 'reports',
    route: 'history?tab=reports',
    prepare: async (page) => {
      await page.getByTestId('report-range-today').click();
      await page.getByTestId('report-run').click();
      await page.getByTestId('report-table').locator('tbody tr').first().waitFor();
    },
  },
  { name: 'blacklist', route: 'blacklist' },
  { name: 'audit', route: 'audit', prepare: (page) => page.getByTestId('audit-table').locator('tbody tr').first().waitFor() },
  { name: 'settings', route: 'settings' },
  { name: 'tv', route: 'tv' },
];

const log = consoleLogger('screenshots');

/** pngquant in place; false when it is not installed or leaves the picture as it was. */
function shrink(file: string): boolean {
  const run = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-95', '--strip', '--output', file, '--', file]);
  return run.status === 0;
}
await ensureRendererBuilt(rootDir, webRoot, log);
const dataDir = mkdtempSync(join(tmpdir(), 'callboard-screenshots-'));
const base = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: { host: '127.0.0.1', port: 0 } };
// Real time: sped up, the demo's talk times outrun the agents' login time and occupancy reads over 100 %.
const { pbx, config } = await startDemoPbxFor(base, { agents: 40, speed: 1, seed: 3 });
const core = await startCore(config, { log: silentLogger, webRoot, serveHttp: true });
const url = `http://127.0.0.1:${core.http!.port}`;
const browser = await chromium.launch(chromiumOrExit());
try {
  await core.amiBackends[0]!.whenSynced();
  await core.dispatch('blacklist.add', { number: '13800138000', note: '多次骚扰 / repeated nuisance calls' }, { role: 'act', who: 'desktop' });
  await core.dispatch('blacklist.add', { number: '02188886666', note: '推销 / telemarketing' }, { role: 'act', who: 'desktop' });
  log.info(`waiting for ${wantedCalls} finished calls in the demo's cache…`);
  for (let calls = 0; calls < wantedCalls; ) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const reply = await core.dispatch('history.search', { filter: {}, page: { limit: 1, totalCap: 1000 } }, { role: 'act', who: 'screenshots' });
    if (!reply.ok) throw new Error(`history.search: ${reply.error.code}: ${reply.error.message}`);
    calls = (reply.result as { total: number }).total;
  }
  mkdirSync(outDir, { recursive: true });
  for (const locale of locales) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
    await context.addInitScript(`localStorage.setItem('callboard.locale', '${locale}')`);
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(`${url}/#/${shot.route}`);
      await page.waitForLoadState('networkidle');
      await shot.prepare?.(page);
      await page.waitForTimeout(600); // let the charts finish their entry animation
      const file = join(outDir, `${shot.name}.${locale}.png`);
      await page.screenshot({ path: file });
      log.info(`${file}${shrink(file) ? ' (palette)' : ''}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await core.close();
  await pbx.close();
  rmSync(dataDir, { recursive: true, force: true });
}
