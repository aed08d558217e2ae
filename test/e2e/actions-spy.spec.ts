import { test, expect } from '@playwright/test';
import { screenshotDir } from './support/console-env';
import { openAgentMenu } from './support/live-targets';
import { startOwnStack, stepDemo, stepWhile, type OwnStack } from './support/own-stack';

// Listen, whisper and barge from the supervisor's own phone (ChanSpy q / qw / qB). A still demo
// PBX with one long call per mode: on the shared running demo the call picked could end between
// opening the menu and choosing the action, which then is no longer offered.
test.use({ locale: 'zh-CN' });

let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startOwnStack(10);
});
test.afterAll(async () => {
  await stack?.close();
});

const doneText = { listen: '正在监听', whisper: '正在对', barge: '已强插' } as const;
// Each mode its own agent and its own supervisor phone: a spy session keeps its phone busy.
const parties = { listen: ['800', '807'], whisper: ['801', '808'], barge: ['802', '809'] } as const;

for (const mode of ['listen', 'whisper', 'barge'] as const) {
  test(`spy ${mode} from a chosen supervisor extension`, async ({ page }) => {
    const [agent, supervisor] = parties[mode];
    stack.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000777', answerBy: agent, talkMs: 600_000 });
    await stepDemo(stack, 1_000, 5);
    await page.goto(`${stack.baseUrl}/#/agents`);
    await expect(page.getByTestId(`agent-card-${agent}`)).toHaveAttribute('data-status', 'oncall');

    await openAgentMenu(page, agent);
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
    // The PBX answers the spy call once the supervisor's phone picks up: its clock moves meanwhile.
    await stepWhile(stack, expect(page.getByTestId('toast-ok').filter({ hasText: doneText[mode] })).toBeVisible());
    expect(await page.evaluate<string | null>("localStorage.getItem('callboard.supervisorExtension')")).toBe(supervisor);

    // Remembered: the next spy dialog names the phone instead of asking again.
    await openAgentMenu(page, agent);
    await page.getByTestId('action-listen').click();
    await expect(page.getByTestId('action-dialog-listen')).toContainText(`使用您的话机 ${supervisor}`);
    await expect(page.getByTestId('action-supervisor')).toHaveCount(0);
    await page.getByTestId('action-cancel').click();
  });
}
