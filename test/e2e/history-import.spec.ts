import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

// The demo core keeps PBX local times in Asia/Shanghai; the browser shares the zone so "today" agrees.
test.use({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

/** Shanghai wall time "YYYY-MM-DD HH:mm:ss", the form cc_cdr rows carry (coocenter-api.md, 通话日志2). */
const shanghaiWall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

test('a cc_cdr JSON-lines file imported through the dialog shows its progress to the end and its calls become searchable', async ({ page }) => {
  const stamp = Date.now();
  const caller = `1390${String(stamp).slice(-7)}`;
  const count = 1_200;
  // Inside today's Shanghai date, which the history page searches by default (a run just after midnight too).
  const shanghaiMidnight = Math.floor((stamp + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
  const startedAt = Math.max(stamp - 90_000, shanghaiMidnight + 1_000);
  const lines = Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      event: 'cc_cdr', uuid: `${Math.floor(stamp / 1000)}.${900_000 + index}`, caller: index === 0 ? caller : `1380000${String(index).padStart(4, '0')}`, called: '600',
      queueCode: '600', agentCode: '8001', callType: 'incoming', cdrState: 'queue', hangupSide: 'caller', hangupCause: 'NORMAL_CLEARING',
      startTime: shanghaiWall(startedAt), endTime: shanghaiWall(startedAt + 60_000), duration: '60', queueTime: '5', ringTime: '3', talkingTime: '52',
      holdTime: 0, pauseTime: 0, score: '0', filePath: '', missCause: '',
    }),
  );
  lines.splice(7, 0, '{"event":"cc_cdr", "uuid": broken');

  await openConsole(page, 'history');
  await page.getByTestId('history-import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: `e2e-${stamp}.jsonl`, mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(dialog.getByTestId('import-format')).toHaveValue('jsonl');
  await dialog.getByTestId('import-start').click();

  const progress = dialog.getByTestId('import-progress');
  // 1,200 rows through the core's import on a shared 2-core machine: more than the usual 10 s may pass.
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 40_000 });
  await expect(progress).toHaveAttribute('data-percent', '100');
  const result = dialog.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-rows', String(count));
  await expect(result).toHaveAttribute('data-errors', '1');
  await expect(result).toContainText('第 8 行');
  await page.screenshot({ path: `${screenshotDir}/history-import.png` });
  await dialog.getByTestId('import-close').click();
  await expect(dialog).toHaveCount(0);

  await page.getByTestId('history-caller').fill(caller);
  await page.getByTestId('history-search').click();
  const row = page.getByTestId(`history-row-${Math.floor(stamp / 1000)}.900000`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(caller);
});
