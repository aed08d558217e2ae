import { test, expect, type Page } from '@playwright/test';
import { combineFigures, type QueueFigures, type Snapshot } from '../../electron/core/contract';
import { startBusyDemoDay, stepWhile, type OwnStack } from './support/own-stack';

// One set of numbers on every screen. A demo day runs for a while, then freezes (its
// clock only moves when the spec steps it); the wallboard's tiles, its chart, the TV, the
// report for today, the heat map and the history total must all say the same offered /
// answered / abandoned as the core's day ledger. Then a click-to-dial and a listen-in,
// which must leave no missed call behind.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;
test.beforeAll(async () => {
  // Forty simulated minutes.
  stack = await startBusyDemoDay(16, 5, 240);
});
test.afterAll(async () => {
  await stack?.close();
});

async function coreDay(page: Page): Promise<QueueFigures> {
  const snapshot = (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
  return combineFigures(snapshot.days.map((day) => day.figures));
}

const numberOf = async (page: Page, testid: string) => Number((await page.getByTestId(testid).locator('.value').textContent())?.trim());

test('the frozen day reads the same on the wallboard, its chart, the TV, the report, the heat map and history', async ({ page }) => {
  // The core settles on the last events before the count is taken.
  await expect.poll(async () => (await coreDay(page)).offered, { timeout: 10_000 }).toBeGreaterThan(5);
  let previous = -1;
  await expect.poll(async () => {
    const day = await coreDay(page);
    const settled = day.offered === previous;
    previous = day.offered;
    return settled;
  }, { timeout: 10_000, intervals: [500] }).toBe(true);
  const day = await coreDay(page);
  expect(day.answered).toBeLessThanOrEqual(day.offered);

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  await expect(page.getByTestId('kpi-offered').locator('.value')).toHaveText(String(day.offered));
  expect(await numberOf(page, 'kpi-answered')).toBe(day.answered);
  expect(await numberOf(page, 'kpi-abandoned')).toBe(day.abandoned);
  const hours = (await page.getByTestId('queue-chart').getAttribute('data-hours')) ?? '';
  const sums = hours.split(' ').filter((part) => part.includes('/')).map((part) => part.split('/').map(Number)).reduce((total, [o, a, b]) => [total[0]! + o!, total[1]! + a!, total[2]! + b!], [0, 0, 0]);
  expect(sums).toEqual([day.offered, day.answered, day.abandoned]);

  await page.goto(`${stack.baseUrl}/#/tv?queue=*`);
  await expect(page.getByTestId('kpi-offered').locator('.value')).toHaveText(String(day.offered));
  expect(await numberOf(page, 'kpi-answered')).toBe(day.answered);
  expect(await numberOf(page, 'kpi-abandoned')).toBe(day.abandoned);

  await page.goto(`${stack.baseUrl}/#/history?tab=reports`);
  await page.getByTestId('report-range-today').click();
  await page.getByTestId('report-dimension').selectOption('total');
  await page.getByTestId('report-grain').selectOption('day');
  await page.getByTestId('report-run').click();
  const row = page.getByTestId('report-row').first();
  await expect(row.locator('td').nth(1)).toHaveText(String(day.offered));
  await expect(row.locator('td').nth(2)).toHaveText(String(day.answered));
  await expect(row.locator('td').nth(3)).toHaveText(String(day.abandoned));
  const heat = await page.getByTestId('heatmap-table').locator('td').allTextContents();
  expect(heat.reduce((sum, cell) => sum + (Number(cell) || 0), 0)).toBe(day.offered);

  await page.goto(`${stack.baseUrl}/#/history`);
  const totals = page.getByTestId('history-totals');
  await expect(totals).toHaveAttribute('data-offered', String(day.offered));
  await expect(totals).toHaveAttribute('data-answered', String(day.answered));
  await expect(totals).toHaveAttribute('data-abandoned', String(day.abandoned));
  await page.screenshot({ path: 'test-results/figures-agree-history.png' });
});

test('listening in and click-to-dial are sessions, never missed calls', async ({ page }) => {
  const invoke = async (method: string, params: unknown) =>
    (await (await page.request.post(`${stack.baseUrl}/api/invoke/${method}`, { data: params, headers: { origin: stack.baseUrl } })).json()) as { ok: boolean; result?: { ok: boolean } };
  const snapshot = async () => (await (await page.request.get(`${stack.baseUrl}/api/snapshot`)).json()) as Snapshot;
  const idle = (await snapshot()).extensions.filter((e) => e.state === 'idle').map((e) => e.id);
  expect(idle.length).toBeGreaterThanOrEqual(4);
  const [source, destination, supervisor] = idle as [string, string, string];
  // Actions answer once the PBX says how the Originate went: its clock has to move meanwhile.
  const stepping = <T>(action: Promise<T>) => stepWhile(stack, action);
  // Click-to-dial from the source to another agent, then listen in on it.
  expect((await stepping(invoke('actions.dial', { source, destination }))).result?.ok).toBe(true);
  for (let i = 0; i < 6; i++) stack.pbx.step(1_000);
  await expect.poll(async () => (await snapshot()).calls.some((c) => c.state === 'talking' && c.channels.some((ch) => ch.startsWith(`SIP/${source}-`)))).toBe(true);
  expect((await stepping(invoke('actions.spy', { supervisor, target: source, mode: 'listen' }))).result?.ok).toBe(true);
  for (let i = 0; i < 4; i++) stack.pbx.step(1_000);

  await page.goto(`${stack.baseUrl}/#/calls`);
  await expect(page.getByTestId('supervisor-session').filter({ hasText: '监听' })).toHaveCount(1);
  await expect(page.getByTestId('calls-table')).not.toContainText(supervisor);

  // Everything ends: the sessions and the call are history, none of them missed.
  for (let i = 0; i < 40; i++) stack.pbx.step(1_000);
  await expect.poll(async () => (await snapshot()).calls.filter((c) => c.channels.some((ch) => ch.startsWith(`SIP/${supervisor}-`))).length, { timeout: 10_000 }).toBe(0);
  await page.goto(`${stack.baseUrl}/#/history`);
  await page.getByTestId('history-outcome').selectOption('missed');
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId('history-count')).toBeVisible();
  const table = page.getByTestId('history-table');
  await expect(table).not.toContainText(supervisor);
  const sessions = stack.core.db.prepare("SELECT count(*) AS n FROM calls WHERE call_class = 'supervisor'").get() as { n: number };
  expect(sessions.n).toBeGreaterThanOrEqual(1);
});
