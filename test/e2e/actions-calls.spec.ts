import { test, expect, type Page } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { actOnTalkingCall, snapshotOf, waitForIdle, waitForTalkingCall } from './support/live-targets';

// Actions on the Live calls rows: blind transfer of an answered queue call (Redirect, s06).
test.use({ locale: 'zh-CN' });

const openCallMenu = (page: Page) => (call: { id: string }) => page.getByTestId(`call-menu-${call.id}`).click({ timeout: 2_000 });

test('blind transfer of a live queue call to an idle extension', async ({ page, request }) => {
  await openConsole(page, 'calls');
  const call = await actOnTalkingCall(page, request, 'transfer', openCallMenu(page), { isQueueCall: true });
  const destination = await waitForIdle(request, 'nonMember', [call.agent]);
  const dialog = page.getByTestId('action-dialog-transfer');
  await expect(dialog.getByTestId('action-transfer-blind')).toBeChecked();
  await dialog.getByTestId('action-destination').fill(destination);
  await page.screenshot({ path: `${screenshotDir}/actions-transfer.png` });
  await dialog.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: '已转接' })).toBeVisible();
  // The call leaves the agent: either it rings/answers at the destination or it has moved on.
  await expect
    .poll(async () => {
      const moved = (await snapshotOf(request)).calls.find((c) => c.id === call.id);
      return !moved || moved.agent !== call.agent || (moved.ringingAgents ?? []).includes(destination);
    })
    .toBe(true);
});

test('a call row menu offers spy, transfer and hangup for an answered call', async ({ page, request }) => {
  await openConsole(page, 'calls');
  const menu = page.getByTestId('action-menu');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await openCallMenu(page)(await waitForTalkingCall(request));
    for (const kind of ['listen', 'whisper', 'barge', 'transfer', 'hangup']) await expect(menu.getByTestId(`action-${kind}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.screenshot({ path: `${screenshotDir}/actions-call-menu.png` });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});

test('hanging up a live call names its caller, not the call id', async ({ page, request }) => {
  await openConsole(page, 'calls');
  const call = await actOnTalkingCall(page, request, 'hangup', openCallMenu(page));
  const dialog = page.getByTestId('action-dialog-hangup');
  await expect(dialog.getByTestId('action-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  const toast = page.getByTestId('toast-ok').filter({ hasText: `已挂断 ${call.callerNum} 的通话` });
  await expect(toast).toBeVisible();
  await expect(toast).not.toContainText(call.id);
});
