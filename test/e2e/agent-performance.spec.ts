import { test, expect, type Page } from '@playwright/test';
import { startBusyDemoDay, type OwnStack } from './support/own-stack';
import { transferOneCall } from './support/transfer-call';

// Agent performance today: a demo day runs, one answered queue call is transferred to an
// idle extension, then the demo freezes. The agent table on the Reports page must add up
// to the wallboard's answered plus the transfers received (and direct calls), and sort.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;

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
  // A queue call in conversation goes to an idle extension; the caller talks with it until the call ends, then the day freezes.
  const { destination } = await transferOneCall(stack, page.request);

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  // The day's figures follow the first snapshot in their own update: wait for them rather than read the tile's first state.
  const answeredNow = async () => Number((await page.getByTestId('kpi-answered').locator('.value').textContent())?.trim());
  await expect.poll(answeredNow).toBeGreaterThan(0);
  const answered = await answeredNow();
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
