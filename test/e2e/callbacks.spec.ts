import { test, expect, type Page } from '@playwright/test';
import type { AuditEntry, CallbacksReply, Snapshot } from '../../electron/core/contract';
import { startBusyDemoDay, type OwnStack } from './support/own-stack';

// Missed callers to call back, on the demo PBX. A busy demo hour with few agents
// leaves callers who hung up in the queue; then the demo freezes (its clock moves
// only when the spec steps it). The wallboard's tile counts what the Calls page
// lists; a dial-back from the panel reaches the PBX. The demo answers no external
// number (its Originate only connects two extensions), so that call fails and the
// caller stays open, as it must; the supervisor's dismissal is what clears the row.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;
test.beforeAll(async () => {
  // Few agents: some callers give up.
  stack = await startBusyDemoDay(6, 7, 240);
});
test.afterAll(async () => {
  await stack?.close();
});

async function invoke<T>(page: Page, method: string, params: unknown): Promise<T> {
  const response = await page.request.post(`${stack.baseUrl}/api/invoke/${method}`, { data: params, headers: { origin: stack.baseUrl } });
  expect(response.ok(), method).toBe(true);
  return ((await response.json()) as { result: T }).result;
}

/** The core's list once it stops changing (the last events of the frozen day are written). */
async function settledCallbacks(page: Page): Promise<CallbacksReply> {
  let previous = '';
  await expect.poll(async () => {
    const reply = await invoke<CallbacksReply>(page, 'live.callbacks', {});
    const now = JSON.stringify(reply.entries);
    const settled = reply.total > 0 && now === previous;
    previous = now;
    return settled;
  }, { timeout: 20_000, intervals: [1_000] }).toBe(true);
  return invoke<CallbacksReply>(page, 'live.callbacks', {});
}

const tileValue = (page: Page) => page.getByTestId('kpi-callbacks').locator('.value');

test('the wallboard tile counts the rows of the call-back panel', async ({ page }) => {
  const reply = await settledCallbacks(page);
  expect(reply.total).toBeLessThanOrEqual(reply.limit);

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  await expect(tileValue(page)).toHaveText(String(reply.total));
  await page.screenshot({ path: 'test-results/callbacks-wallboard.png' });
  await page.goto(`${stack.baseUrl}/#/tv?queue=*`);
  await expect(tileValue(page)).toHaveText(String(reply.total));
  await page.screenshot({ path: 'test-results/callbacks-tv.png' });

  await page.goto(`${stack.baseUrl}/#/calls`);
  const rows = page.getByTestId('callback-row');
  await expect(rows).toHaveCount(reply.total);
  await expect(page.getByTestId('callbacks-panel')).toHaveAttribute('data-total', String(reply.total));
  // Each row shows the core's number, tries and queue, newest first.
  const first = reply.entries[0]!;
  await expect(rows.first()).toHaveAttribute('data-number', first.number);
  await expect(rows.first().locator('td').nth(1)).toHaveText(first.queue);
  await expect(rows.first().locator('td').nth(4)).toHaveText(String(first.tries));
  await page.screenshot({ path: 'test-results/callbacks-panel.png' });
});

test('a dial-back the callee never answers leaves the caller open; dismissing clears it, audited', async ({ page }) => {
  const before = await settledCallbacks(page);
  const number = before.entries[0]!.number;
  const snapshot = (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
  const idle = snapshot.extensions.find((extension) => extension.state === 'idle');
  expect(idle, 'an idle agent to dial from').toBeDefined();

  await page.goto(`${stack.baseUrl}/#/calls`);
  await page.getByTestId('callbacks-source').selectOption(idle!.id);
  const row = page.locator(`[data-testid="callback-row"][data-number="${number}"]`);
  const dialAt = Date.now() - 1_000;
  await row.getByTestId('callback-dial').click();
  // The action answers once the PBX says how the Originate went: its clock has to move meanwhile.
  await expect.poll(async () => {
    stack.pbx.step(500);
    return page.getByTestId('toast-ok').count();
  }, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('toast-ok').first()).toContainText(number);
  // The agent's phone rang and answered; the number itself did not: the call ends, the caller stays on the list.
  for (let i = 0; i < 20; i++) stack.pbx.step(1_000);
  await expect.poll(async () => (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json() as Snapshot).calls
    .filter((call) => call.channels.some((channel) => channel.startsWith(`SIP/${idle!.id}-`))).length, { timeout: 10_000 }).toBe(0);
  // Once the finished attempt is in the cache (an unanswered click-to-dial is the agent's session, not a customer call),
  // the list still holds the number.
  const dialled = stack.core.db.prepare("SELECT count(*) AS n FROM calls WHERE caller_num = ? AND call_class = 'supervisor' AND is_answered = 0 AND started_at >= ?");
  await expect.poll(() => (dialled.get(idle!.id, dialAt) as { n: number }).n, { timeout: 10_000 }).toBeGreaterThan(0);
  expect((await invoke<CallbacksReply>(page, 'live.callbacks', {})).entries.map((entry) => entry.number)).toContain(number);

  await row.getByTestId('callback-dismiss').click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('callback-row')).toHaveCount(before.total - 1);
  await page.goto(`${stack.baseUrl}/#/wallboard`);
  await expect(tileValue(page)).toHaveText(String(before.total - 1));
  const audit = await invoke<AuditEntry[]>(page, 'audit.list', { action: 'callbacks.dismiss' });
  expect(audit).toEqual([expect.objectContaining({ action: 'callbacks.dismiss', target: number, result: 'ok' })]);
});
