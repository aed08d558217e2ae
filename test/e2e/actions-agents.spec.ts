import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { actOnTalkingCall, openAgentMenu, snapshotOf, waitForIdle, waitForTalkingCall } from './support/live-targets';

// Supervisor actions from the agent grid, through the real UI, against the demo PBX.
test.use({ locale: 'zh-CN' });

test('queue login with a penalty, then logout after confirming', async ({ page, request }) => {
  const snapshot = await snapshotOf(request);
  const queueNames = snapshot.queues.map((q) => q.name);
  const extension = await waitForIdle(request, 'member');
  const joined = snapshot.queues.filter((q) => q.members.some((m) => m.extension === extension)).map((q) => q.name);
  const queue = queueNames.find((name) => !joined.includes(name));
  test.skip(!queue, 'the agent is already in every queue');
  await openConsole(page, 'agents');
  await openAgentMenu(page, extension);
  await page.getByTestId('action-queueLogin').click();
  const login = page.getByTestId('action-dialog-queueLogin');
  await login.getByTestId('action-queue').selectOption(queue as string);
  await login.getByTestId('action-penalty').fill('2');
  await login.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `${extension} 已签入队列` })).toBeVisible();
  await expect
    .poll(async () => (await snapshotOf(request)).queues.find((q) => q.name === queue)?.members.find((m) => m.extension === extension)?.penalty)
    .toBe(2);
  await expect(page.getByTestId(`agent-card-${extension}`).locator('.queue', { hasText: queue as string })).toBeVisible();

  await openAgentMenu(page, extension);
  await page.getByTestId('action-queueLogout').click();
  const logout = page.getByTestId('action-dialog-queueLogout');
  await logout.getByTestId('action-queue').selectOption(queue as string);
  // Destructive: the dialog states the consequence and the button names the act.
  await expect(logout.getByTestId('action-confirm-text')).toContainText('确定要将');
  await expect(logout.getByTestId('action-submit')).toHaveText('确认签出');
  await logout.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `${extension} 已签出队列` })).toBeVisible();
  await expect
    .poll(async () => (await snapshotOf(request)).queues.find((q) => q.name === queue)?.members.some((m) => m.extension === extension))
    .toBe(false);
});

test('hangup asks for confirmation and ends the agent call', async ({ page, request }) => {
  await openConsole(page, 'agents');
  const call = await actOnTalkingCall(page, request, 'hangup', (c) => openAgentMenu(page, c.agent));
  const dialog = page.getByTestId('action-dialog-hangup');
  await expect(dialog).toHaveAttribute('role', 'alertdialog');
  await expect(dialog.getByTestId('action-confirm-text')).toContainText('确定要挂断');
  await page.screenshot({ path: `${screenshotDir}/actions-hangup-confirm.png` });
  // Nothing to type: the dialog starts on its button, so Enter confirms.
  await expect(dialog.getByTestId('action-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已挂断 ${call.agent} 的通话` })).toBeVisible();
  await expect.poll(async () => (await snapshotOf(request)).calls.some((c) => c.id === call.id)).toBe(false);
});

test('click-to-dial rings the source phone, then the number', async ({ page, request }) => {
  const source = await waitForIdle(request, 'nonMember');
  const destination = await waitForIdle(request, 'any', [source]);
  await openConsole(page, 'agents');
  await page.getByTestId('dial-button').click();
  const dialog = page.getByTestId('action-dialog-dialAny');
  await dialog.getByTestId('action-source').fill(source);
  // Typed the way people write numbers: the separators go before the PBX sees it.
  await dialog.getByTestId('action-number').fill(` ${destination.slice(0, 1)}-${destination.slice(1)} `);
  await expect(dialog.getByTestId('action-submit')).toBeEnabled();
  await page.screenshot({ path: `${screenshotDir}/actions-dial.png` });
  const dialledAt = Date.now();
  await dialog.getByTestId('action-number').press('Enter');
  await expect(page.getByTestId('toast-ok').filter({ hasText: `正在呼叫 ${source} → ${destination}` })).toBeVisible();
  // The source phone's call: live while it lasts, then in the history (the live demo may have made the number busy, which ends it at once).
  const isLive = async () => (await snapshotOf(request)).calls.some((c) => c.callerNum === source || c.channels.some((ch) => ch.includes(`/${source}-`)));
  const isRecorded = async () => {
    const reply = await request.post('/api/invoke/history.search', { data: { filter: { callerNum: source, from: dialledAt - 1_000 }, page: { limit: 5 } } });
    return ((await reply.json()) as { result?: { rows: unknown[] } }).result?.rows.length ?? 0;
  };
  await expect.poll(async () => (await isLive()) || (await isRecorded()) > 0).toBe(true);
});

test('a refused action explains itself in the user language and keeps the dialog open', async ({ page, request }) => {
  // Dialling from a phone that is already in a call: the PBX answers OriginateResponse Failure.
  const call = await waitForTalkingCall(request);
  const destination = await waitForIdle(request, 'nonMember');
  await openConsole(page, 'agents');
  await page.getByTestId('dial-button').click();
  const dialog = page.getByTestId('action-dialog-dialAny');
  await dialog.getByTestId('action-source').fill(call.agent);
  await dialog.getByTestId('action-number').fill(destination);
  await dialog.getByTestId('action-submit').click();
  await expect(dialog.getByTestId('action-failure')).toContainText('PBX 拒绝了此操作');
  await expect(page.getByTestId('toast-error')).toContainText('失败');
  await page.screenshot({ path: `${screenshotDir}/actions-failure.png` });
  await dialog.getByTestId('action-cancel').click();
  await expect(dialog).toBeHidden();
});

test('keyboard: P on a focused card opens pause, Escape closes, ? shows the shortcuts', async ({ page, request }) => {
  const extension = await waitForIdle(request, 'member');
  await openConsole(page, 'agents');
  await page.getByTestId('agent-search').fill(extension);
  await page.getByTestId(`agent-card-${extension}`).focus();
  await page.keyboard.press('p');
  await expect(page.getByTestId('action-dialog-pause')).toBeVisible();
  await expect(page.getByTestId('action-dialog-pause').getByTestId('action-submit')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-dialog-pause')).toBeHidden();
  await page.getByTestId(`agent-card-${extension}`).focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('键盘快捷键');
  await page.screenshot({ path: `${screenshotDir}/actions-shortcuts.png` });
  await page.getByTestId('shortcut-help-close').click();
  await expect(page.getByTestId('shortcut-help')).toBeHidden();
});
