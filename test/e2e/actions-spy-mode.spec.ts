import { test, expect, type Page } from '@playwright/test';
import type { Snapshot } from '../../electron/core/contract';
import { startOwnStack, stepWhile, type OwnStack } from './support/own-stack';

// A running listen session becomes whisper in place (the PBX refuses a second ChanSpy from the
// same phone), then stops; it never leaves a missed call. The demo's clock only moves when stepped.
test.use({ locale: 'zh-CN' });

let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startOwnStack(10);
});
test.afterAll(async () => {
  await stack?.close();
});

const supervisor = '809';
const agent = '800';

async function snapshot(page: Page): Promise<Snapshot> {
  return (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
}

const stepping = <T>(action: Promise<T>) => stepWhile(stack, action);

test('listen, switch to whisper on the running session, stop it: no missed call is left', async ({ page }) => {
  stack.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000888', answerBy: agent, talkMs: 600_000 });
  await expect.poll(async () => {
    stack.pbx.step(1_000);
    return (await snapshot(page)).calls.some((c) => c.agent === agent && c.state === 'talking');
  }).toBe(true);
  const listen = await stepping(page.request.post(`${stack.baseUrl}/api/invoke/actions.spy`, {
    data: { supervisor, target: agent, mode: 'listen' }, headers: { origin: stack.baseUrl },
  }));
  expect(((await listen.json()) as { result?: { ok: boolean } }).result?.ok).toBe(true);
  stack.pbx.step(1_000);

  await page.goto(`${stack.baseUrl}/#/calls`);
  const session = page.getByTestId('supervisor-session');
  await expect(session).toHaveCount(1);
  await expect(session).toHaveAttribute('data-kind', 'listen');
  const sessionId = (await session.getAttribute('data-call-id'))!;
  await expect(page.getByTestId(`session-mode-listen-${sessionId}`)).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId(`session-mode-whisper-${sessionId}`).click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已切换为对 ${agent} 耳语` })).toBeVisible();
  await expect(session).toHaveAttribute('data-kind', 'whisper');
  await expect(session).toContainText('耳语');
  await expect(page.getByTestId(`session-mode-whisper-${sessionId}`)).toHaveAttribute('aria-pressed', 'true');
  // The same session, not a second one.
  await expect(session).toHaveAttribute('data-call-id', sessionId);
  await page.screenshot({ path: 'test-results/spy-mode-whisper.png' });

  await page.getByTestId(`session-stop-${sessionId}`).click();
  await page.getByTestId('action-dialog-hangup').getByTestId('action-submit').click();
  await expect(session).toHaveCount(0);
  // The call listened to goes on.
  expect((await snapshot(page)).calls.some((c) => c.agent === agent && c.state === 'talking')).toBe(true);

  // In history the session is a session: no missed call names the supervisor's phone.
  await expect.poll(() => (stack.core.db.prepare("SELECT count(*) AS n FROM calls WHERE call_class = 'supervisor'").get() as { n: number }).n).toBe(1);
  await page.goto(`${stack.baseUrl}/#/history`);
  await page.getByTestId('history-outcome').selectOption('missed');
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId('history-count')).toBeVisible();
  await expect(page.getByTestId('history-table')).not.toContainText(supervisor);
  const audit = stack.core.db.prepare("SELECT result FROM audit_log WHERE action = 'actions.spyMode'").all() as Array<{ result: string }>;
  expect(audit).toEqual([{ result: 'ok' }]);
});
