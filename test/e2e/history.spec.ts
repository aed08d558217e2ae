import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

test.use({ locale: 'zh-CN' });

test('history lists finished calls of today and opens a call with its timeline', async ({ page, request }) => {
  // The demo PBX finishes calls continuously; wait until the core has one in today's history.
  await expect
    .poll(
      async () => {
        const reply = (await (await request.post('/api/invoke/history.search', { data: { page: { limit: 1 } } })).json()) as { ok: boolean; result?: { rows: unknown[] } };
        return reply.ok ? (reply.result?.rows.length ?? 0) : -1;
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThan(0);
  await openConsole(page, 'history');
  const row = page.locator('[data-testid^="history-row-"]').first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('history-detail')).toBeVisible();
  await expect(page.getByTestId('call-timeline').locator('li').first()).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/history.png` });
});

test('a caller-number search narrows the history', async ({ page }) => {
  await openConsole(page, 'history');
  await page.getByTestId('history-caller').fill('000000000000');
  await page.getByTestId('history-search').click();
  await expect(page.locator('[data-testid^="history-row-"]')).toHaveCount(0);
});
