import { test, expect, type Page } from '@playwright/test';
import { combineFigures, type Snapshot } from '../../electron/core/contract';
import { idleExtensions } from './support/live-targets';
import { startBusyDemoDay, stepDemo, type OwnStack } from './support/own-stack';

// Agent performance today: a demo day runs, one answered queue call is transferred to an
// idle extension, then the demo freezes. The agent table on the Reports page must add up
// to the wallboard's answered plus the transfers received (and direct calls), and sort.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;
const snapshot = async (page: Page) => (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
const step = (ms: number, times: number) => stepDemo(stack, ms, times);

test.beforeAll(async () => {
  stack = await startBusyDemoDay(16, 5, 180);
});
test.afterAll(async () => {
  await stack?.close();
});

const columnNumbers = async (page: Page, key: string) =>
  (await page.getByTestId('agent-performance-table').locator(`td[data-key="${key}"]`).allTextContents()).map((text) => Number(text.trim()));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

test('the agent table adds up to the wallboard\'s answered plus transfers received, and sorts', async ({ page }) => {
  test.setTimeout(120_000);
  // A queue call in conversation goes to an idle extension (Redirect, as s06 (a)).
  let callId = '';
  let destination = '';
  await expect.poll(async () => {
    const now = await snapshot(page);
    const call = now.calls.filter((c) => c.state === 'talking' && c.queue !== undefined && c.agent).sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0];
    if (!call) await step(1_000, 5);
    callId = call?.id ?? '';
    destination = idleExtensions(now, 'nonMember', [call?.agent ?? ''])[0] ?? idleExtensions(now, 'any', [call?.agent ?? ''])[0] ?? '';
    return callId !== '' && destination !== '';
  }, { timeout: 20_000 }).toBe(true);
  const transfer = page.request.post(`${stack.baseUrl}/api/invoke/actions.transfer`, { data: { callId, destination, kind: 'blind' }, headers: { origin: stack.baseUrl } });
  let isDone = false;
  void transfer.finally(() => (isDone = true));
  for (let i = 0; i < 40 && !isDone; i++) await step(250, 1);
  expect(((await (await transfer).json()) as { result?: { ok: boolean } }).result?.ok).toBe(true);
  // The caller talks with the destination until the call ends; then the day freezes.
  const transferred = () => stack.core.db.prepare('SELECT transfer_to FROM calls WHERE uniqueid = ?').get(callId) as { transfer_to: string | null } | undefined;
  await expect.poll(async () => {
    await step(10_000, 3);
    return transferred()?.transfer_to ?? null;
  }, { timeout: 30_000 }).toBe(destination);
  let previous = -1;
  await expect.poll(async () => {
    const day = combineFigures((await snapshot(page)).days.map((d) => d.figures));
    const settled = day.answered === previous;
    previous = day.answered;
    return settled;
  }, { timeout: 10_000, intervals: [500] }).toBe(true);

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  const answeredText = (await page.getByTestId('kpi-answered').locator('.value').textContent())?.trim();
  const answered = Number(answeredText);
  expect(answered).toBeGreaterThan(0);
  // The optional panel: off by default, on with its toggle, the busiest agents first.
  await expect(page.getByTestId('top-agents')).toHaveCount(0);
  await page.getByTestId('toggle-top-agents').check();
  const top = page.getByTestId('top-agents-table');
  await expect(top.locator('tbody tr')).toHaveCount(5);
  const topTaken = Number(await top.locator('td[data-key="callsTaken"]').first().textContent());
  await page.screenshot({ path: 'test-results/agent-performance-wallboard.png' });
  // The TV shows the same panel when its address asks for it.
  await page.goto(`${stack.baseUrl}/#/tv?queue=*&agents=top`);
  await expect(page.getByTestId('top-agents-table').locator('td[data-key="callsTaken"]').first()).toHaveText(String(topTaken));
  await expect(page.getByTestId('top-agents-table').locator('tbody tr')).toHaveCount(5);
  await page.screenshot({ path: 'test-results/agent-performance-tv.png' });

  await page.goto(`${stack.baseUrl}/#/history?tab=reports`);
  await page.getByTestId('report-range-today').click();
  await page.getByTestId('report-run').click();
  const table = page.getByTestId('agent-performance-table');
  await expect(table.locator(`tr[data-agent="${destination}"]`)).toBeVisible();
  const taken = await columnNumbers(page, 'callsTaken');
  const received = await columnNumbers(page, 'transfersReceived');
  const direct = await columnNumbers(page, 'direct');
  const queue = await columnNumbers(page, 'queueAnswered');
  expect(sum(received)).toBeGreaterThanOrEqual(1);
  expect(Number(await table.locator(`tr[data-agent="${destination}"] td[data-key="transfersReceived"]`).textContent())).toBeGreaterThanOrEqual(1);
  expect(sum(queue)).toBe(answered);
  expect(sum(taken)).toBe(answered + sum(received) + sum(direct));
  // The top agents on the wallboard are this table's, busiest first.
  expect(topTaken).toBe(Math.max(...taken));

  // Sorting: by calls taken, biggest first, then the other way; by agent back in extension order.
  await page.getByTestId('agent-sort-callsTaken').click();
  await expect(table).toHaveAttribute('data-sort', 'callsTaken:desc');
  const descending = await columnNumbers(page, 'callsTaken');
  expect(descending).toEqual([...taken].sort((a, b) => b - a));
  await page.getByTestId('agent-sort-callsTaken').click();
  await expect(table).toHaveAttribute('data-sort', 'callsTaken:asc');
  expect(await columnNumbers(page, 'callsTaken')).toEqual([...taken].sort((a, b) => a - b));
  await page.getByTestId('agent-sort-agent').click();
  const agents = await table.locator('td[data-key="agent"]').allTextContents();
  expect(agents).toEqual([...agents].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
  await expect(table.locator('th[aria-sort]').filter({ hasText: '占用率' })).toHaveAttribute('title', /处理时长/);
  await page.getByTestId('agent-performance').screenshot({ path: 'test-results/agent-performance-table.png' });
});
