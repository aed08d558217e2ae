import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { openAgentMenu, waitForIdle, waitForTalkingCall } from './support/live-targets';

// Listen, whisper and barge from the supervisor's own phone (ChanSpy q / qw / qB).
// Each mode uses a fresh idle supervisor phone: the previous spy call keeps the last one busy.
test.use({ locale: 'zh-CN' });

const doneText = { listen: '正在监听', whisper: '正在对', barge: '已强插' } as const;

for (const mode of ['listen', 'whisper', 'barge'] as const) {
  test(`spy ${mode} from a chosen supervisor extension`, async ({ page, request }) => {
    const call = await waitForTalkingCall(request);
    const supervisor = await waitForIdle(request, 'nonMember', [call.agent]);
    await openConsole(page, 'agents');
    await openAgentMenu(page, call.agent);
    await page.getByTestId(`action-${mode}`).click();
    const dialog = page.getByTestId(`action-dialog-${mode}`);
    // First use in this browser: the dialog asks for the supervisor's phone and remembers it.
    await dialog.getByTestId('action-supervisor').fill(supervisor);
    if (mode === 'barge') {
      await expect(dialog).toHaveAttribute('role', 'alertdialog');
      await expect(dialog.getByTestId('action-confirm-text')).toContainText('确定要强插');
      await expect(dialog.getByTestId('action-submit')).toHaveText('确认强插');
      await page.screenshot({ path: `${screenshotDir}/actions-barge-confirm.png` });
    }
    await dialog.getByTestId('action-submit').click();
    await expect(page.getByTestId('toast-ok').filter({ hasText: doneText[mode] })).toBeVisible();
    expect(await page.evaluate<string | null>("localStorage.getItem('callboard.supervisorExtension')")).toBe(supervisor);

    // Remembered: the next spy dialog names the phone instead of asking again.
    await openAgentMenu(page, call.agent);
    await page.getByTestId('action-listen').click();
    await expect(page.getByTestId('action-dialog-listen')).toContainText(`使用您的话机 ${supervisor}`);
    await expect(page.getByTestId('action-supervisor')).toHaveCount(0);
    await page.getByTestId('action-cancel').click();
  });
}
