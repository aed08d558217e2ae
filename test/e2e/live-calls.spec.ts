import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

test.use({ locale: 'zh-CN' });

test('live calls lists the active calls of the model and the waiting callers', async ({ page, request }) => {
  await openConsole(page, 'calls');
  await expect(page.getByTestId('calls-table')).toBeVisible();
  await expect(page.getByTestId('waiting-callers')).toBeVisible();
  // The demo PBX keeps calls coming; wait until the core has one and the page shows it.
  await expect
    .poll(async () => ((await (await request.get('/api/snapshot')).json()) as { calls: unknown[] }).calls.length, { timeout: 45_000 })
    .toBeGreaterThan(0);
  await expect(page.locator('[data-testid^="call-row-"]').first()).toBeVisible();
  const duration = page.locator('[data-testid^="call-duration-"]').first();
  await expect(duration).toHaveText(/^\d+:\d{2}/);
  await page.screenshot({ path: `${screenshotDir}/calls.png` });
});
