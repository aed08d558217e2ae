import { test, expect } from '@playwright/test';
import { screenshotDir } from './support/console-env';
import { openAgentMenu } from './support/live-targets';
import { startOwnStack, type OwnStack } from './support/own-stack';

// Pause and unpause through the agent grid, on a demo PBX whose clock is still:
// on the shared busy demo an idle agent could be rung between pick and pause.
test.use({ locale: 'zh-CN' });

let stack: OwnStack;

test.beforeAll(async () => {
  stack = await startOwnStack(8);
});

test.afterAll(async () => {
  await stack?.close();
});

test('pause with a reason shows 暂停 and the reason on the card; unpause clears it', async ({ page }) => {
  const extension = '801';
  await page.goto(`${stack.baseUrl}/#/agents`);
  const card = page.getByTestId(`agent-card-${extension}`);
  await expect(card).toHaveAttribute('data-status', 'available');

  await openAgentMenu(page, extension);
  await page.getByTestId('action-pause').click();
  const dialog = page.getByTestId('action-dialog-pause');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('action-reason').selectOption('lunch');
  await dialog.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已暂停 ${extension}` })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId(`agent-state-${extension}`)).toHaveText('暂停');
  await expect(page.getByTestId(`agent-reason-${extension}`)).toHaveText('午餐');
  await page.screenshot({ path: `${screenshotDir}/actions-paused.png` });

  await openAgentMenu(page, extension);
  await page.getByTestId('action-unpause').click();
  await page.getByTestId('action-dialog-unpause').getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已恢复 ${extension}` })).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'available');
  const members = stack.core.model.snapshot().queues.flatMap((q) => q.members).filter((m) => m.extension === extension);
  expect(members.length).toBeGreaterThan(0);
  expect(members.every((m) => !m.isPaused)).toBe(true);
});
