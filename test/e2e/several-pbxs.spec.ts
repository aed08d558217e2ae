import { test, expect } from '@playwright/test';
import { screenshotDir } from './support/console-env';
import { openAgentMenu } from './support/live-targets';
import { startTwoPbxStack, type TwoPbxStack } from './support/own-stack';

// Several PBXs in one console: two still demo PBXs, 'bj' and 'sh', each with its own 800…805 and
// queues 630…; the core qualifies their ids (bj:800, sh:800) and the screen shows 800 with a PBX tag.
test.use({ locale: 'zh-CN' });

let stack: TwoPbxStack;
test.beforeAll(async () => {
  stack = await startTwoPbxStack(6);
});
test.afterAll(async () => {
  await stack?.close();
});

const pausedIn = (extension: string) =>
  stack.core.model.snapshot().queues.flatMap((q) => q.members).filter((m) => m.extension === extension).map((m) => m.isPaused);

test('both 800s are shown tagged; choosing PBX sh keeps its agents only, and a pause reaches sh:801 alone', async ({ page }) => {
  await page.goto(`${stack.baseUrl}/#/agents`);
  for (const pbx of ['bj', 'sh']) {
    const card = page.getByTestId(`agent-card-${pbx}:800`);
    await expect(card.locator('.ext')).toHaveText(`800${pbx}`);
    await expect(card.getByTestId('pbx-tag')).toHaveText(pbx);
    await expect(card.locator('.queue').first()).not.toContainText(':');
  }
  await page.screenshot({ path: `${screenshotDir}/several-pbxs-agents.png` });

  const select = page.getByTestId('pbx-filter');
  await expect(select.locator('option')).toHaveText(['全部 PBX', 'bj', 'sh']);
  await select.selectOption('sh');
  await expect(page.locator('[data-agent^="bj:"]')).toHaveCount(0);
  await expect(page.locator('[data-agent^="sh:"]')).toHaveCount(6);

  await openAgentMenu(page, 'sh:801');
  await page.getByTestId('action-pause').click();
  const dialog = page.getByTestId('action-dialog-pause');
  await expect(dialog.locator('.subject')).toContainText('801 · sh');
  await dialog.getByTestId('action-reason').selectOption('lunch');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('agent-card-sh:801')).toHaveAttribute('data-status', 'paused');
  await expect.poll(() => pausedIn('sh:801')).toContain(true);
  expect(pausedIn('sh:801').every(Boolean)).toBe(true);
  expect(pausedIn('bj:801').length).toBeGreaterThan(0);
  expect(pausedIn('bj:801').some(Boolean)).toBe(false);

  // Kept across a reload.
  await page.getByTestId('agent-search').fill('');
  await page.reload();
  await expect(page.getByTestId('pbx-filter')).toHaveValue('sh');
  await expect(page.getByTestId('agent-card-sh:800')).toBeVisible();
  await expect(page.locator('[data-agent^="bj:"]')).toHaveCount(0);
  await page.getByTestId('pbx-filter').selectOption('');
  await expect(page.locator('[data-agent^="bj:"]')).toHaveCount(6);
});

test('the wallboard tags each queue with its PBX and follows the PBX chosen; the TV takes ?pbx=', async ({ page }) => {
  // A caller waiting at sh's 630, none at bj's.
  stack.pbxs.sh.placeInboundCall({ queue: '630', callerNumber: '0611000777' });
  for (let i = 0; i < 5; i++) {
    stack.pbxs.sh.step(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await page.goto(`${stack.baseUrl}/#/wallboard`);
  const overview = page.getByTestId('queue-overview');
  await expect(overview.getByTestId('queue-row-bj:630').locator('.qname')).toHaveText('630bj');
  await expect(overview.getByTestId('queue-row-sh:630').locator('.qname')).toHaveText('630sh');
  await expect(page.getByTestId('queue-tab-sh:630')).toContainText('630sh');
  await page.screenshot({ path: `${screenshotDir}/several-pbxs-wallboard.png`, fullPage: true });

  await page.getByTestId('pbx-filter').selectOption('bj');
  await expect(overview.getByTestId('queue-row-sh:630')).toHaveCount(0);
  await expect(overview.getByTestId('queue-row-bj:630')).toBeVisible();
  await expect(page.getByTestId('queue-tab-all')).toContainText('bj');
  await page.screenshot({ path: `${screenshotDir}/several-pbxs-wallboard-bj.png`, fullPage: true });
  await page.getByTestId('pbx-filter').selectOption('');

  // Live calls: the waiting caller under sh's 630, its call row tagged sh.
  await page.goto(`${stack.baseUrl}/#/calls`);
  await expect(page.getByTestId('waiting-callers').locator('.queue-name')).toHaveText(['630sh']);
  await expect(page.getByTestId('calls-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('calls-table').getByTestId('pbx-tag')).toHaveText('sh');
  await page.screenshot({ path: `${screenshotDir}/several-pbxs-calls.png` });

  await page.goto(`${stack.baseUrl}/#/tv?pbx=sh&queue=sh:630`);
  await expect(page.getByTestId('tv-title')).toContainText('630');
  await expect(page.getByTestId('tv-title').getByTestId('pbx-tag')).toHaveText('sh');
  await page.screenshot({ path: `${screenshotDir}/several-pbxs-tv.png` });
});

test('reports can group by PBX', async ({ page }) => {
  await page.goto(`${stack.baseUrl}/#/history?tab=reports`);
  const dimension = page.getByTestId('report-dimension');
  await expect(dimension.locator('option')).toHaveText(['汇总', '按队列', '按坐席', '按 PBX']);
  await dimension.selectOption('pbx');
  await page.getByTestId('report-run').click();
  await expect(page.locator('[role="alert"].error')).toHaveCount(0);
});
