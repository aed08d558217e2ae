import { test, expect, type Locator, type Page } from '@playwright/test';
import { startDemoPbx, type DemoPbx } from '../../electron/core/demo';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { screenshotDir } from './support/console-env';

// During a PBX outage the live pages keep what was last known, dimmed and
// labelled with its time, and their timers stand still; when the PBX is back
// they come alive again by themselves.

test.use({ locale: 'zh-CN' });

let stack: OwnStack;
let restarted: DemoPbx | undefined;
test.beforeAll(async () => {
  stack = await startOwnStack(8);
  // A caller waits in 630 (its members ring and never answer while the demo clock stands still): the longest-wait timer runs.
  stack.pbx.placeInboundCall({ queue: '630' });
  stack.pbx.step(3_000);
});
test.afterAll(async () => {
  await stack?.close();
  await restarted?.close();
});

const text = async (locator: Locator) => (await locator.textContent())?.trim() ?? '';

/** A timer that moves: its text differs from a reading taken before. */
async function expectTicking(timer: Locator): Promise<void> {
  const before = await text(timer);
  await expect.poll(() => text(timer), { timeout: 10_000 }).not.toBe(before);
}

/** Two readings two seconds apart (a live timer steps every second) are the same. */
async function expectFrozen(page: Page, timer: Locator): Promise<void> {
  const before = await text(timer);
  await page.waitForTimeout(2_200);
  expect(await text(timer)).toBe(before);
}

test('a PBX outage dims the live pages, says when the data was last known and stops their timers; the PBX back, they are live again', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const wallboard = await context.newPage();
  await wallboard.goto(`${stack.baseUrl}/#/wallboard`);
  const agents = await context.newPage();
  await agents.goto(`${stack.baseUrl}/#/agents`);
  const board = wallboard.getByTestId('queue-board-*');
  const longestWait = board.getByTestId('kpi-longest-wait').locator('.value');
  const grid = agents.getByTestId('agent-grid');
  const agentTime = agents.getByTestId('agent-time-800');

  await expect(board).toHaveAttribute('data-stale', 'false');
  await expect(grid).toHaveAttribute('data-stale', 'false');
  await expect(wallboard.getByTestId('stale-note')).toHaveCount(0);
  await expectTicking(longestWait);
  await expectTicking(agentTime);

  const { amiPort, credentials } = stack.pbx;
  await stack.pbx.close();

  await expect(wallboard.getByTestId('banner-pbx')).toBeVisible({ timeout: 15_000 });
  for (const [page, data] of [[wallboard, board], [agents, grid]] as const) {
    await expect(data).toHaveAttribute('data-stale', 'true');
    await expect(data).toHaveCSS('opacity', '0.55');
    await expect(page.getByTestId('stale-note')).toHaveText(/最后更新于 \d{2}:\d{2}:\d{2}$/);
  }
  // The moment shown is when the PBX link dropped, in the PBX's zone (the demo's: Asia/Shanghai).
  const since = Number(await wallboard.getByTestId('stale-note').getAttribute('data-since'));
  const expected = new Date(since).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  await expect(wallboard.getByTestId('stale-note')).toHaveText(`最后更新于 ${expected}`);
  expect(Date.now() - since).toBeLessThan(60_000);
  await expectFrozen(wallboard, longestWait);
  await expectFrozen(agents, agentTime);
  await wallboard.screenshot({ path: `${screenshotDir}/stale-wallboard-zh-CN.png` });

  const tv = await context.newPage();
  await tv.goto(`${stack.baseUrl}/#/tv?queue=630`);
  await expect(tv.getByTestId('stale-note')).toBeVisible();
  await expect(tv.getByTestId('queue-board-630')).toHaveAttribute('data-stale', 'true');
  await tv.setViewportSize({ width: 1920, height: 1080 });
  await tv.screenshot({ path: `${screenshotDir}/stale-tv-zh-CN.png` });

  // The same PBX back on the same address: the core's reconnect loop finds it, the pages follow without a reload.
  restarted = await startDemoPbx({ agents: 8, autoStart: false, ami: { port: amiPort, username: credentials.username, secret: credentials.secret } });
  for (const page of [wallboard, agents, tv]) await expect(page.getByTestId('stale-note')).toHaveCount(0, { timeout: 45_000 });
  await expect(board).toHaveAttribute('data-stale', 'false');
  await expect(grid).toHaveAttribute('data-stale', 'false');
  await expect(wallboard.getByTestId('banner-pbx')).toHaveCount(0);
  await expect(grid).toHaveCSS('opacity', '1');
  await expectTicking(agentTime);
  await context.close();
});
