import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

// Tall enough that the picture holds every chart of the page.
test.use({ locale: 'zh-CN', viewport: { width: 1440, height: 2100 } });

test('the reports tab draws its charts with a table under each, and exports the report it shows', async ({ page, request }) => {
  // The report counts queue calls; wait until the demo has finished one today (first ones take a while on a fresh cache).
  test.setTimeout(150_000);
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  await expect
    .poll(
      async () => {
        const data = { from, to: from + 86_400_000, dimension: 'total', grain: 'day' };
        const reply = (await (await request.post('/api/invoke/history.report', { data })).json()) as { result?: { rows: { offered: number }[] } };
        return reply.result?.rows[0]?.offered ?? 0;
      },
      { timeout: 110_000 },
    )
    .toBeGreaterThan(0);
  await openConsole(page, 'history?tab=reports');
  await expect(page.getByTestId('reports-view')).toBeVisible();

  // Today, all queues together, per day: exactly one bucket however many calls arrive meanwhile.
  await page.getByTestId('report-range-today').click();
  await page.getByTestId('report-dimension').selectOption('total');
  await page.getByTestId('report-grain').selectOption('day');
  await page.getByTestId('report-run').click();
  const tableRows = page.getByTestId('report-table').locator('tbody tr');
  await expect(tableRows).toHaveCount(1);
  await expect(tableRows.first().locator('td').nth(1)).toHaveText(/^[1-9]\d*$/);
  for (const chart of ['volume', 'service', 'agents', 'heatmap']) {
    await expect(page.getByTestId(`report-chart-${chart}`)).toHaveAttribute('_echarts_instance_', /.+/);
    await expect(page.getByTestId(`report-chart-${chart}`).locator('canvas').first()).toBeVisible();
  }
  await expect(page.getByTestId('agent-state-table').locator('tbody tr').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^话务报表-.*\.csv$/);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]?.split(',').slice(0, 5)).toEqual(['时段', '队列/坐席', '呼入量', '接听量', '放弃量']);
  expect(lines.length - 1).toBe(await tableRows.count());

  // Per queue, the table lists one row per queue with calls; the chart shows the same queues.
  await page.getByTestId('report-dimension').selectOption('queue');
  await page.getByTestId('report-run').click();
  await expect(page.getByTestId('report-table').locator('thead th').nth(1)).toHaveText('按队列');
  await expect(tableRows.first()).toBeVisible();
  await page.waitForTimeout(300); // let the canvases paint before the picture
  await page.screenshot({ path: `${screenshotDir}/reports.png` });
});
