import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

// The demo records its queue calls as real WAV files in <data dir>/recordings, where its core reads them.
test.use({ locale: 'zh-CN' });
test.describe.configure({ timeout: 150_000 });

interface Row {
  uniqueid: string;
  recordingFile?: string;
}

async function recordedCalls(request: APIRequestContext): Promise<Row[]> {
  const reply = (await (await request.post('/api/invoke/history.search', { data: { filter: { hasRecording: true }, page: { limit: 50 } } })).json()) as { ok: boolean; result?: { rows: Row[] } };
  return reply.ok ? (reply.result?.rows ?? []) : [];
}

async function someRecordedCall(request: APIRequestContext, pick: (rows: Row[]) => Row | undefined): Promise<Row> {
  // Kept from the poll that found it: one more search could be over this client's read allowance (429), which the poll rides out.
  let found: Row | undefined;
  await expect.poll(async () => (found = pick(await recordedCalls(request))), { timeout: 130_000 }).toBeDefined();
  return found as Row;
}

async function openCall(page: Page, call: Row): Promise<void> {
  await openConsole(page, 'history');
  await page.getByTestId('history-more-filters').click();
  await page.getByTestId('history-has-recording').selectOption('yes');
  await page.getByTestId('history-search').click();
  await page.getByTestId(`history-row-${call.uniqueid}`).click();
  await expect(page.getByTestId('history-detail')).toHaveAttribute('data-uniqueid', call.uniqueid);
}

test('a recorded call plays: the audio position advances', async ({ page, request }) => {
  const call = await someRecordedCall(request, (rows) => rows[0]);
  await openCall(page, call);
  const player = page.getByTestId('recording-player');
  await player.getByTestId('recording-play').click();
  const audio = player.getByTestId('recording-audio');
  await expect.poll(() => audio.evaluate((element) => (element as unknown as { currentTime: number }).currentTime), { timeout: 20_000 }).toBeGreaterThan(1);
  expect(await audio.evaluate((element) => (element as unknown as { duration: number }).duration)).toBeGreaterThan(1);
  await expect(player.getByTestId('recording-seek')).toBeEnabled();
  await expect(page.getByTestId('recording-failure')).toHaveCount(0);
  await page.screenshot({ path: `${screenshotDir}/recording-playing.png` });
});

test("a recording gone from the server shows the server's reason, not 'cannot play'", async ({ page, request }) => {
  const call = await someRecordedCall(request, (rows) => rows.at(-1));
  const dataDir = process.env.CALLBOARD_E2E_DATA_DIR;
  if (!dataDir) throw new Error('CALLBOARD_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  rmSync(join(dataDir, 'recordings', call.recordingFile!.split('/').pop()!), { force: true });
  await openCall(page, call);
  const player = page.getByTestId('recording-player');
  // The element may fail on its own while preloading metadata, before play is pressed.
  await player.getByTestId('recording-play').click({ timeout: 2000 }).catch(() => undefined);
  const failure = player.getByTestId('recording-failure');
  await expect(failure).toContainText('服务器上没有这通电话的录音文件');
  await expect(failure).toHaveAttribute('data-code', 'not_found');
  await expect(player.getByTestId('recording-failure-detail')).toContainText('not found');
  // No download link that would fail the same way, and not the browser's "cannot play".
  await expect(player.getByTestId('recording-download')).toHaveCount(0);
  await expect(player).not.toContainText('浏览器无法播放');
  await page.screenshot({ path: `${screenshotDir}/recording-missing.png` });
});
