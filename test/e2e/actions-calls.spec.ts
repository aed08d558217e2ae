import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { snapshotOf, waitForIdle, waitForTalkingCall } from './support/live-targets';

// Actions on the Live calls rows: blind transfer of an answered queue call (Redirect, s06).
test.use({ locale: 'zh-CN' });

test('blind transfer of a live queue call to an idle extension', async ({ page, request }) => {
  const call = await waitForTalkingCall(request, { isQueueCall: true });
  const destination = await waitForIdle(request, 'nonMember', [call.agent]);
  await openConsole(page, 'calls');
  await page.getByTestId(`call-menu-${call.id}`).click();
  await page.getByTestId('action-transfer').click();
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
  const call = await waitForTalkingCall(request);
  await openConsole(page, 'calls');
  await page.getByTestId(`call-menu-${call.id}`).click();
  const menu = page.getByTestId('action-menu');
  for (const kind of ['listen', 'whisper', 'barge', 'transfer', 'hangup']) await expect(menu.getByTestId(`action-${kind}`)).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/actions-call-menu.png` });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});

test('hanging up a live call names its caller, not the call id', async ({ page, request }) => {
  const call = await waitForTalkingCall(request);
  await openConsole(page, 'calls');
  await page.getByTestId(`call-menu-${call.id}`).click();
  await page.getByTestId('action-hangup').click();
  const dialog = page.getByTestId('action-dialog-hangup');
  await expect(dialog.getByTestId('action-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  const toast = page.getByTestId('toast-ok').filter({ hasText: `已挂断 ${call.callerNum} 的通话` });
  await expect(toast).toBeVisible();
  await expect(toast).not.toContainText(call.id);
});
