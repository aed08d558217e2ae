import { readFileSync } from 'node:fs';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

// The browser runs in New York; the demo core counts in Asia/Shanghai, and every time shown is the site's.
test.use({ locale: 'zh-CN', timezoneId: 'America/New_York' });
const siteZone = 'Asia/Shanghai';

interface Row {
  uniqueid: string;
  callerNum: string;
  direction: 'inbound' | 'outbound' | 'internal';
  talkSeconds: number;
  startedAt: number;
  recordingFile?: string;
  queueOutcome?: string;
}

const zhWords = JSON.parse(readFileSync('renderer/src/i18n/zh-CN.json', 'utf8')) as { history: { timeline: { queueOutcome: Record<string, string> } } };

/** history.search over HTTP, as the page does over its WebSocket. */
async function searchCalls(request: APIRequestContext, filter: Record<string, unknown> = {}): Promise<Row[]> {
  const reply = (await (await request.post('/api/invoke/history.search', { data: { filter, page: { limit: 50 } } })).json()) as { ok: boolean; result?: { rows: Row[] } };
  return reply.ok ? (reply.result?.rows ?? []) : [];
}

// A fresh demo PBX needs up to ~2 minutes for its first call with a recording when this file runs alone.
test.describe.configure({ timeout: 150_000 });

/** The demo PBX finishes calls continuously; wait until the cache has one matching `filter`. */
async function firstCall(request: APIRequestContext, filter: Record<string, unknown> = {}): Promise<Row> {
  // Kept from the poll that found it: one more search could be over this client's read allowance (429), which the poll rides out.
  let found: Row | undefined;
  await expect.poll(async () => (found = (await searchCalls(request, filter))[0]), { timeout: 130_000 }).toBeDefined();
  return found as Row;
}

const rows = (page: Page) => page.locator('[data-testid^="history-row-"]');

/** "m:ss" / "h:mm:ss" back to seconds. */
const secondsOf = (text: string) => text.trim().split(':').reduce((total, part) => total * 60 + Number(part), 0);

test('history lists finished calls, opens one with its timeline and plays its recording', async ({ page, request }) => {
  const withRecording = await firstCall(request, { hasRecording: true });
  await openConsole(page, 'history');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('history-count')).toContainText(/显示 \d+ \/ 共 \d+\+? 条/);

  await page.getByTestId('history-more-filters').click();
  await page.getByTestId('history-has-recording').selectOption('yes');
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId(`history-row-${withRecording.uniqueid}`)).toBeVisible();
  await expect(rows(page).and(page.locator('[data-recording="no"]'))).toHaveCount(0);
  const siteTime = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('zh-CN', { ...options, hourCycle: 'h23', timeZone: siteZone }).format(withRecording.startedAt);
  await expect(page.getByTestId(`history-row-${withRecording.uniqueid}`).locator('td').first())
    .toHaveText(siteTime({ month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }));

  await page.getByTestId(`history-row-${withRecording.uniqueid}`).click();
  const detail = page.getByTestId('history-detail');
  await expect(detail).toHaveAttribute('data-uniqueid', withRecording.uniqueid);
  await expect(detail.getByTestId('recording-player')).toHaveAttribute('data-file', withRecording.recordingFile ?? '');
  const timeline = detail.getByTestId('call-timeline');
  await expect(timeline.locator('li[data-kind="start"]')).toHaveCount(1);
  await expect(timeline.locator('li[data-kind="hangup"]')).toHaveCount(1);
  await expect(timeline.locator('li[data-kind="start"]')).toContainText('来电');
  await expect(timeline.locator('li[data-kind="start"] .at')).toHaveText(siteTime({ hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  // The demo records every call from its queue on: the last pass, with how it left, says what the row says.
  expect(withRecording.queueOutcome).toBeDefined();
  await expect(timeline.locator('li[data-kind="queue"]').last().getByTestId('timeline-queue-outcome'))
    .toHaveText(` · ${zhWords.history.timeline.queueOutcome[withRecording.queueOutcome ?? '']}`);
  // The hangup cause in words, its code beside them ("正常挂断（16）"), never a bare number.
  const cause = timeline.getByTestId('timeline-hangup-cause');
  await expect(cause).toHaveText(/^ · \S*[\u4e00-\u9fa5]\S*（\w+）$/);
  await page.screenshot({ path: `${screenshotDir}/history.png` });
});

test('caller number filters narrow the list by prefix and by contains; nothing matches an unknown number', async ({ page, request }) => {
  const call = await firstCall(request);
  await openConsole(page, 'history');
  const prefix = call.callerNum.slice(0, 6);
  await page.getByTestId('history-caller').fill(prefix);
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId(`history-row-${call.uniqueid}`)).toBeVisible();
  // The previous list stays on screen until the new answer replaces it: wait for the filtered one.
  const callers = () => rows(page).locator('td:nth-child(3)').allTextContents();
  await expect.poll(async () => (await callers()).every((caller) => caller.trim().startsWith(prefix))).toBe(true);

  const middle = call.callerNum.slice(3, 8);
  await page.getByTestId('history-caller').fill(middle);
  await page.locator('[data-testid="history-filters"] select').first().selectOption('contains');
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId(`history-row-${call.uniqueid}`)).toBeVisible();
  await expect.poll(async () => (await callers()).every((caller) => caller.includes(middle))).toBe(true);

  await page.getByTestId('history-caller').fill('000000000000');
  await page.getByTestId('history-search').click();
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('history-count')).toContainText('共 0 条');
});

test('a column header sorts the calls on the core, longest talk first', async ({ page, request }) => {
  await expect.poll(async () => (await searchCalls(request)).length, { timeout: 50_000 }).toBeGreaterThan(1);
  await openConsole(page, 'history');
  await expect(rows(page).nth(1)).toBeVisible();
  await page.getByTestId('history-sort-talkSeconds').click();
  await expect(page.getByTestId('history-sort-talkSeconds')).toHaveAttribute('aria-sort', 'descending');
  // The header turns at once; the sorted page follows when the core (a read worker) answers.
  const isLongestFirst = async () => {
    const talk = (await rows(page).locator('td:nth-child(8)').allTextContents()).map(secondsOf);
    return talk.length > 1 && talk.every((seconds, index) => index === 0 || talk[index - 1]! >= seconds);
  };
  await expect.poll(isLongestFirst).toBe(true);
  // By keyboard too: the header is a button Tab reaches, Enter sorts.
  await page.getByTestId('history-sort-button-talkSeconds').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-sort-talkSeconds')).toHaveAttribute('aria-sort', 'ascending');
});

test('the searched list downloads as a CSV with zh-CN headers and the same calls as the table', async ({ page, request }) => {
  const call = await firstCall(request);
  await openConsole(page, 'history');
  // A full caller number: the demo numbers its callers from a sequence, so the set stays put while we download.
  await page.getByTestId('history-caller').fill(call.callerNum);
  await page.getByTestId('history-search').click();
  await expect(page.getByTestId(`history-row-${call.uniqueid}`)).toBeVisible();
  const shown = (await rows(page).evaluateAll((list) => list.map((row) => row.getAttribute('data-testid')?.replace('history-row-', '')))).sort();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^通话记录-\d{8}-\d{4}\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  const header = lines[0]?.split(',') ?? [];
  expect(header.slice(0, 6)).toEqual(['通话 ID', '开始时间', '接听时间', '结束时间', '方向', '主叫号码']);
  expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(shown);
  // Values as the page words them, the raw codes in their own columns.
  const first = lines[1]?.split(',') ?? [];
  expect(first[header.indexOf('方向')]).toBe({ inbound: '呼入', outbound: '呼出', internal: '内部' }[call.direction]);
  expect(first[header.indexOf('方向（代码）')]).toBe(call.direction);
});
