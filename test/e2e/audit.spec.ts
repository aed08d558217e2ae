import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { openAgentMenu, waitForIdle } from './support/live-targets';

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
  await expect(rows.nth(0)).toContainText('失败');
  await expect(rows.nth(0)).toContainText('not_in_call');
  await expect(rows.nth(1)).toHaveAttribute('data-action', 'actions.pause');
  await expect(rows.nth(1)).toContainText('isPaused=false');
  await expect(rows.nth(2)).toContainText('reason=training');
  await expect(rows.nth(2)).toContainText(extension);
  await expect(rows.nth(2)).toContainText('web:127.0.0.1');
  await page.screenshot({ path: `${screenshotDir}/audit.png` });

  await page.getByTestId('audit-result').selectOption('error');
  await page.getByTestId('audit-search').click();
  await expect(rows.first()).toHaveAttribute('data-result', 'error');
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-result', 'error');

  await page.getByTestId('audit-reset').click();
  await page.getByTestId('audit-action').selectOption('actions.pause');
  await page.getByTestId('audit-search').click();
  await expect(rows.first()).toHaveAttribute('data-action', 'actions.pause');
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-action', 'actions.pause');
});
