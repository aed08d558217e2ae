import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { openAgentMenu, waitForIdle } from './support/live-targets';
import { startOwnStack } from './support/own-stack';

test.use({ locale: 'zh-CN' });

test('the audit log shows the actions just done, newest first, and filters by result', async ({ page, request }) => {
  const extension = await waitForIdle(request, 'member');
  await openConsole(page, 'agents');
  // One action that works (pause, then unpause) and one the PBX side refuses (hangup of an idle phone: not in a call).
  await openAgentMenu(page, extension);
  await page.getByTestId('action-pause').click();
  await page.getByTestId('action-dialog-pause').getByTestId('action-reason').selectOption('training');
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已暂停 ${extension}` })).toBeVisible();
  await openAgentMenu(page, extension);
  await page.getByTestId('action-unpause').click();
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已恢复 ${extension}` })).toBeVisible();
  const idle = await waitForIdle(request, 'nonMember');
  const refused = await request.post('/api/invoke/actions.hangup', { data: { extension: idle } });
  expect(((await refused.json()) as { result: { ok: boolean } }).result.ok).toBe(false);

  await page.getByTestId('nav-audit').click();
  const rows = page.locator('[data-testid^="audit-row-"]');
  await expect(rows.first()).toBeVisible();
  // Newest first: the refused hangup, then the unpause, then the pause.
  await expect(rows.nth(0)).toHaveAttribute('data-action', 'actions.hangup');
  // In words: the action, the reason and who acted localized, no method names, JSON or error codes.
  await expect(rows.nth(0)).toContainText('失败');
  await expect(rows.nth(0).getByTestId('audit-details-cell')).toContainText('该分机当前不在通话中');
  await expect(rows.nth(0).getByTestId('audit-action-cell')).toHaveText('挂断');
  await expect(rows.nth(1)).toHaveAttribute('data-action', 'actions.pause');
  await expect(rows.nth(1).getByTestId('audit-action-cell')).toHaveText('恢复');
  await expect(rows.nth(2).getByTestId('audit-action-cell')).toHaveText('暂停');
  await expect(rows.nth(2).getByTestId('audit-details-cell')).toHaveText(/^全部队列 · 原因：\S+$/);
  await expect(rows.nth(2).getByTestId('audit-target-cell')).toContainText(`${extension} Agent ${extension}`);
  await expect(rows.nth(2).getByTestId('audit-who-cell')).toHaveText('本机浏览器');
  for (const raw of ['actions.', 'isPaused', 'not_in_call', 'web:']) await expect(page.getByTestId('audit-table')).not.toContainText(raw);
  await page.screenshot({ path: `${screenshotDir}/audit.png` });

  await page.getByTestId('audit-result').selectOption('error');
  await page.getByTestId('audit-search').click();
  // One assertion over the whole list: the first row was an error before the filter too, so row by row
  // could read the old list while the filtered one replaces it.
  await expect(rows.first()).toHaveAttribute('data-result', 'error');
  await expect(page.locator('[data-testid^="audit-row-"]:not([data-result="error"])')).toHaveCount(0);

  await page.getByTestId('audit-reset').click();
  await page.getByTestId('audit-action').selectOption('actions.pause');
  await page.getByTestId('audit-search').click();
  await expect(rows.first()).toHaveAttribute('data-action', 'actions.pause');
  await expect(page.locator('[data-testid^="audit-row-"]:not([data-action="actions.pause"])')).toHaveCount(0);
});

test('the audit time range is typed the same way whatever the browser language', async ({ page }) => {
  await openConsole(page, 'audit');
  await expect(page.getByTestId('audit-from')).toHaveAttribute('placeholder', '如 2026-12-05 08:00');
  await page.getByTestId('audit-from').fill('12/05/2026');
  await expect(page.getByTestId('audit-bad-time')).toContainText('年-月-日 时:分');
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await page.getByTestId('audit-from').fill(`${day} 00:00`);
  await page.getByTestId('audit-to').fill(day);
  await expect(page.getByTestId('audit-bad-time')).toHaveCount(0);
  await page.getByTestId('audit-search').click();
  await expect(page.getByTestId('audit-failure')).toHaveCount(0);
});

test('an action done with a named operator token is logged with the operator\'s name, and found by it', async ({ page, request }) => {
  const operators = [
    { name: '张三', token: 'zhang-secret-1' },
    { name: '李四', token: 'li-secret-22' },
  ];
  const stack = await startOwnStack(4, { tokens: operators });
  try {
    for (const { token } of operators) {
      const reply = await request.post(`${stack.baseUrl}/api/invoke/settings.setThresholds`, {
        data: { byQueue: { '630': { waitingAmber: 2, waitingRed: 5 } } },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(reply.status()).toBe(200);
    }
    await page.goto(`${stack.baseUrl}/?token=${operators[0]!.token}#/audit`);
    const rows = page.locator('[data-testid^="audit-row-"]');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId('audit-who-cell')).toHaveText('李四（本机）');
    await expect(rows.nth(1).getByTestId('audit-who-cell')).toHaveText('张三（本机）');
    await expect(page.getByTestId('audit-table')).not.toContainText('secret');
    await page.getByTestId('audit-who').fill('张三');
    await page.getByTestId('audit-search').click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId('audit-who-cell')).toHaveText('张三（本机）');
    await page.screenshot({ path: `${screenshotDir}/audit-operators.png` });
  } finally {
    await stack.close();
  }
});
