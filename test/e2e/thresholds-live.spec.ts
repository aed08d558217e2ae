import { test, expect, type Page } from '@playwright/test';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { screenshotDir } from './support/console-env';

// Thresholds set on the Settings page reach a TV that is already open (a read-only
// client, as a TV on the LAN is), without a reload; a change that cannot be kept
// (amber not below red, a negative level) is said on the page, never dropped silently.

const token = 'thresholds-operator';
let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startOwnStack(10, { token });
  // One caller waits in 630: its members ring and never answer while the clock stands still.
  stack.pbx.placeInboundCall({ queue: '630' });
  stack.pbx.step(3_000);
});
test.afterAll(async () => {
  await stack?.close();
});

const stored = async () => (await stack.core.dispatch('settings.thresholds', {}, { role: 'act', who: 'test' })) as { ok: boolean; result: unknown };

async function setField(page: Page, field: string, value: string): Promise<void> {
  await page.getByTestId(`threshold-${field}`).fill(value);
  await page.getByTestId(`threshold-${field}`).blur();
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`an open TV follows a threshold change at once; impossible levels are refused with a message (${locale})`, async ({ browser }) => {
    await stack.core.dispatch('settings.setThresholds', { byQueue: {} }, { role: 'act', who: 'test' });
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const tv = await context.newPage();
    await tv.goto(`${stack.baseUrl}/#/tv?queue=630`);
    const waiting = tv.getByTestId('queue-board-630').getByTestId('kpi-waiting');
    await expect(waiting.locator('.value')).toHaveText('1');
    await expect(waiting).toHaveAttribute('data-level', 'ok');

    const settings = await context.newPage();
    await settings.goto(`${stack.baseUrl}/?token=${token}#/settings`);
    await settings.getByTestId('core-link').and(settings.locator('[data-state="open"]')).waitFor();
    await settings.getByTestId('threshold-scope').selectOption('630');
    await setField(settings, 'waitingAmber', '0');
    await expect(waiting).toHaveAttribute('data-level', 'amber');
    await setField(settings, 'waitingRed', '1');
    await expect(waiting).toHaveAttribute('data-level', 'red');
    expect(await stored()).toEqual({ ok: true, result: { '630': { waitingAmber: 0, waitingRed: 1 } } });

    // Amber at or above red (here the red of every queue, 6) is refused with a message, and nothing is sent.
    await settings.getByTestId('threshold-scope').selectOption('*');
    await setField(settings, 'waitingAmber', '7');
    const error = settings.getByTestId('threshold-error');
    await expect(error).toContainText(locale === 'zh-CN' ? '全部队列（默认值）：排队数 黄色（7）须低于排队数 红色（6）' : 'All queues (defaults): Waiting · amber (7) must be below Waiting · red (6)');
    await expect(error).toContainText(locale === 'zh-CN' ? '未保存' : 'not saved');
    await expect(settings.getByTestId('threshold-waitingAmber')).toHaveAttribute('aria-invalid', 'true');
    await settings.getByTestId('settings-thresholds').screenshot({ path: `${screenshotDir}/thresholds-refused.${locale}.png` });
    await setField(settings, 'waitingAmber', '3');
    await expect(error).toHaveCount(0);
    await setField(settings, 'longestWaitRedSeconds', '-5');
    await expect(error).toContainText(locale === 'zh-CN' ? '最长等待 红色（秒）不能为负数' : 'Longest wait · red (s) cannot be negative');
    expect(await stored()).toEqual({ ok: true, result: { '*': { waitingAmber: 3 }, '630': { waitingAmber: 0, waitingRed: 1 } } });
    // The TV still shows the last levels that were kept.
    await expect(waiting).toHaveAttribute('data-level', 'red');
    await tv.screenshot({ path: `${screenshotDir}/tv-thresholds.${locale}.png` });
    await context.close();
  });
}
