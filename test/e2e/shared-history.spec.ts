import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startCore, type Core } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/base/logger';
import { defaultConfig } from '../../electron/core/config/config';
import { startPostgres, type PostgresCluster } from '../support/postgres';
import { screenshotDir } from './support/console-env';
import { startOwnStack, stepDemo, type OwnStack } from './support/own-stack';

// Several cores on one PostgreSQL history, seen in a browser: a core watching the PBX records the
// calls, an analyst's core with no PBX at all shows them on its review page and reports, and its
// audit page lists what was done at the other one.
test.use({ locale: 'zh-CN' });

let cluster: PostgresCluster | undefined;
let skipReason = '';
let site: OwnStack;
let analyst: Core;

test.beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    skipReason = started.skip;
    return;
  }
  cluster = started.cluster;
  const url = cluster.databaseUrl('e2e_shared');
  site = await startOwnStack(6, { history: url, historyPbx: 'site' });
  analyst = await startCore(
    { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-e2e-analyst-'))), http: { host: '127.0.0.1', port: 0 }, receiver: false, history: url, historyPbx: 'site' },
    { log: silentLogger, serveHttp: true, webRoot: join(process.cwd(), 'out', 'web'), historySync: { everyMs: 500 } },
  );
});
test.afterAll(async () => {
  await analyst?.close();
  await site?.close();
  cluster?.stop();
});

test("the analyst's core, with no PBX, shows the calls the site's core recorded, and its acts", async ({ page }) => {
  test.skip(!cluster, `PostgreSQL: ${skipReason}`);
  const { uniqueid } = site.pbx.placeInboundCall({ queue: '630', answerBy: '801', answerAfterMs: 3_000, talkMs: 20_000 });
  await stepDemo(site, 1_000, 30);
  const recorded = () => site.core.db.prepare('SELECT uniqueid FROM calls WHERE uniqueid = ?').get(uniqueid);
  await expect.poll(recorded).toBeDefined();
  const paused = site.core.dispatch('actions.pause', { extension: '802', isPaused: true, reason: 'lunch' }, { role: 'act', who: 'operator:wang@10.0.0.7' });
  await stepDemo(site, 200, 5);
  expect(await paused).toMatchObject({ ok: true });

  const base = `http://127.0.0.1:${analyst.http!.port}`;
  await page.goto(`${base}/#/history`);
  const row = page.getByTestId(`history-row-${uniqueid}`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText('801');
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-total', '1');
  await page.screenshot({ path: `${screenshotDir}/shared-history-analyst.png` });
  // The same call, field by field, as the site's core recorded it.
  const search = (core: Core) => core.dispatch('history.search', { filter: {}, page: { limit: 10 } }, { role: 'act', who: 'test' });
  expect(await search(analyst)).toEqual(await search(site.core));

  // The audit page reads the cache once when opened: wait for the analyst's round to pull the act (the site sends every 2 s).
  const pulled = () => analyst.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'actions.pause' AND console IS NOT NULL").get();
  await expect.poll(pulled, { timeout: 15_000 }).toEqual({ n: 1 });
  await page.goto(`${base}/#/audit`);
  const act = page.locator('[data-action="actions.pause"]');
  await expect(act).toHaveCount(1, { timeout: 15_000 });
  await expect(act.getByTestId('audit-who-cell')).toContainText('wang');
  await expect(act.getByTestId('audit-console')).toContainText('另一台控制台');
});
