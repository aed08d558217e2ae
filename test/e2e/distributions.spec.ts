import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import {
  combineFigures, waitBandsOf, wallToUtc, type BreakdownReply, type DistributionReply, type MethodName, type SlTrendReply, type Snapshot, type TransfersReply,
} from '../../electron/core/contract';
import { startBusyDemoDay, type OwnStack } from './support/own-stack';
import { transferOneCall } from './support/transfer-call';

// Distributions and trends: a demo day runs, one answered queue call is transferred, then the
// demo freezes. The wallboard and the TV draw today's service level per quarter hour, and the
// Reports page shows the answer / abandon time distribution, the breakdowns per called number
// and trunk and the transfers report — every number on screen the one the contract returns.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startBusyDemoDay(16, 7, 180);
});
test.afterAll(async () => {
  await stack?.close();
});

async function invoke<R>(page: Page, method: MethodName, params: unknown): Promise<R> {
  const reply = await page.request.post(`${stack.baseUrl}/api/invoke/${method}`, { data: params, headers: { origin: stack.baseUrl } });
  const body = (await reply.json()) as { ok: boolean; result: R };
  expect(body.ok, method).toBe(true);
  return body.result;
}

const numbers = async (page: Page, scope: string, key: string) =>
  (await page.getByTestId(scope).locator(`td[data-key="${key}"]`).allTextContents()).map((text) => Number(text.trim()));

test('SL per quarter hour on the wallboard and the TV, distributions, breakdowns and transfers in the reports', async ({ page }) => {
  test.setTimeout(180_000);
  const { from: transferFrom, destination } = await transferOneCall(stack, page.request);

  // The demo is still but the core's clock runs: a caller still waiting counts against the service
  // level once past T (20 s). Once every waiting caller is past it, the figures no longer move.
  await expect.poll(async () => {
    const snapshot = (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
    return snapshot.queues.flatMap((q) => q.callers).every((caller) => Date.now() - caller.joinedAt > 22_000);
  }, { timeout: 40_000, intervals: [1_000] }).toBe(true);

  // Today's quarters, as the core folds them: they add up to the day on the wallboard.
  const trend = await invoke<SlTrendReply>(page, 'live.slTrend', {});
  expect(trend.quarters.length).toBeGreaterThan(0);
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: trend.timeZone });
  const quartersText = trend.quarters.map((q) => `${clock.format(q.at)} ${q.answeredWithinSl}/${q.slBase}`).join(' ');

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  await expect(page.getByTestId('sl-trend-chart')).toHaveAttribute('data-quarters', quartersText);
  await expect(page.getByTestId('sl-trend')).toContainText('每 15 分钟服务水平');
  const offered = Number(await page.getByTestId('kpi-offered').locator('.value').textContent());
  const answered = Number(await page.getByTestId('kpi-answered').locator('.value').textContent());
  expect(trend.quarters.reduce((sum, q) => sum + q.offered, 0)).toBe(offered);
  expect(trend.quarters.reduce((sum, q) => sum + q.answered, 0)).toBe(answered);
  const snapshot = (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
  expect(trend.quarters.reduce((sum, q) => sum + q.answeredWithinSl, 0)).toBe(combineFigures(snapshot.days.map((d) => d.figures)).answeredWithinSl);
  await page.getByTestId('sl-trend').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/distributions-wallboard.png', fullPage: true });

  // One queue on the wallboard: that queue's quarters.
  const queue = (await invoke<DistributionReply>(page, 'history.distributions', { from: 0, to: Date.now() + 86_400_000 })).queues[0]!.queue;
  const queueTrend = await invoke<SlTrendReply>(page, 'live.slTrend', { queue });
  await page.getByTestId(`queue-row-${queue}`).click();
  await expect(page.getByTestId('sl-trend-chart')).toHaveAttribute('data-quarters', queueTrend.quarters.map((q) => `${clock.format(q.at)} ${q.answeredWithinSl}/${q.slBase}`).join(' '));

  await page.goto(`${stack.baseUrl}/#/tv?queue=*`);
  await expect(page.getByTestId('sl-trend-chart')).toHaveAttribute('data-quarters', quartersText);
  await page.screenshot({ path: 'test-results/distributions-tv.png' });

  // The reports of today: the same period the page asks for (today, widened to whole hours).
  const from = wallToUtc(Date.parse(`${trend.day}T00:00:00Z`), trend.timeZone);
  const period = { from, to: from + 86_400_000 };
  const distributions = await invoke<DistributionReply>(page, 'history.distributions', period);
  const did = await invoke<BreakdownReply>(page, 'history.breakdown', { ...period, by: 'did' });
  const trunk = await invoke<BreakdownReply>(page, 'history.breakdown', { ...period, by: 'trunk' });
  const transfers = await invoke<TransfersReply>(page, 'history.transfers', period);
  expect(distributions.total.answered).toBe(answered);

  await page.goto(`${stack.baseUrl}/#/history?tab=reports`);
  await page.getByTestId('report-range-today').click();
  await page.getByTestId('report-run').click();
  const bands = waitBandsOf(distributions.total);
  await expect(page.getByTestId('distribution-row')).toHaveCount(bands.length);
  await expect.poll(() => numbers(page, 'distribution-table', 'answered')).toEqual(bands.map((band) => band.answered));
  expect(await numbers(page, 'distribution-table', 'abandoned')).toEqual(bands.map((band) => band.abandoned));
  const within = await page.getByTestId('distribution-table').locator('td[data-key="answeredWithin"]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-count'))));
  expect(within).toEqual(bands.map((band) => band.answeredWithin));
  // The bands add up to the wallboard's answered.
  expect((await numbers(page, 'distribution-table', 'answered')).reduce((sum, n) => sum + n, 0)).toBe(answered);
  await page.getByTestId('wait-distribution').screenshot({ path: 'test-results/distributions-waits.png' });

  // Per called number: every DID the demo's queues have, the rows adding up to the day.
  await expect(page.getByTestId('breakdown-table')).toHaveAttribute('data-by', 'did');
  expect(did.rows.length).toBeGreaterThan(0);
  await expect(page.getByTestId('breakdown-row')).toHaveCount(did.rows.length);
  expect(await numbers(page, 'breakdown-table', 'offered')).toEqual(did.rows.map((row) => row.offered));
  expect(await numbers(page, 'breakdown-table', 'calls')).toEqual(did.rows.map((row) => row.calls));
  expect(did.rows.reduce((sum, row) => sum + row.offered, 0)).toBe(offered);
  // Per trunk: the AMI trunk device the calls came in on.
  await page.getByTestId('breakdown-by-trunk').click();
  await expect(page.getByTestId('breakdown-table')).toHaveAttribute('data-by', 'trunk');
  await expect(page.getByTestId('breakdown-row')).toHaveCount(trunk.rows.length);
  expect(await numbers(page, 'breakdown-table', 'offered')).toEqual(trunk.rows.map((row) => row.offered));
  expect(trunk.rows.some((row) => row.key.includes('/'))).toBe(true);
  expect(trunk.rows.reduce((sum, row) => sum + row.offered, 0)).toBe(offered);

  // The transfer made above, from the answering agent to the destination, with the talk after it.
  const made = transfers.rows.find((row) => row.from === transferFrom && row.to === destination);
  expect(made, `${transferFrom} → ${destination}`).toBeDefined();
  expect(['blind', 'redirect']).toContain(made!.kind);
  const row = page.locator(`tr[data-testid="transfer-row"][data-from="${transferFrom}"][data-to="${destination}"]`);
  await expect(row.locator('td[data-key="transfers"]')).toHaveText(String(made!.transfers));
  await expect(row.locator('td[data-key="talkAfter"]')).toHaveAttribute('data-seconds', String(made!.talkAfterSeconds));
  await expect(page.getByTestId('transfer-row')).toHaveCount(transfers.rows.length);
  await page.getByTestId('breakdown').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/distributions-reports.png', fullPage: true });

  // The bands as a file: the total's and each queue's, as on screen.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('waits-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^应答放弃时长分布-\d{8}-\d{4}\.csv$/);
  const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1 + bands.length * (1 + distributions.queues.length));
  expect(lines.slice(1, 1 + bands.length).map((line) => Number(line.split(',')[2]))).toEqual(bands.map((band) => band.answered));
});

test('in English: the tables and the chart title read in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(`${stack.baseUrl}/#/history?tab=reports`);
    await page.getByTestId('report-range-today').click();
    await page.getByTestId('report-run').click();
    await expect(page.getByTestId('wait-distribution')).toContainText('Answer and abandon times');
    await expect(page.getByTestId('distribution-row').first()).toContainText('≤ 10 s');
    await expect(page.getByTestId('breakdown')).toContainText('Called number (DID)');
    await expect(page.getByTestId('transfers')).toContainText('Talk after');
    await page.getByTestId('wait-distribution').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/distributions-reports-en.png' });
    await page.goto(`${stack.baseUrl}/#/wallboard`);
    await expect(page.getByTestId('sl-trend')).toContainText('Service level per quarter hour today');
  } finally {
    await context.close();
  }
});
