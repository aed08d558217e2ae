import { test, expect, type Locator } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';
import { waitForTalkingCall } from './support/live-targets';

// English words are longer than Chinese ones: at 1440×900 nothing may clip or wrap apart.
test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
  await page.addInitScript("localStorage.setItem('callboard.locale', 'en')");
});

const box = async (locator: Locator) => (await locator.boundingBox())!;

test('English history: the filter line keeps Search beside the filters, and placeholders are whole', async ({ page }) => {
  await openConsole(page, 'history');
  const today = await box(page.getByTestId('history-range-today'));
  const search = await box(page.getByTestId('history-search'));
  expect(Math.abs(search.y - today.y)).toBeLessThan(4);
  for (const id of ['history-caller', 'history-called', 'history-agent']) {
    // The placeholder's text width against the room inside the field (page-side code, no DOM types here).
    const fits = await page.evaluate<boolean>(`(() => {
      const element = document.querySelector('[data-testid="${id}"]');
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(element).font;
      probe.textContent = element.placeholder;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      const style = getComputedStyle(element);
      return width <= element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    })()`);
    expect(fits, `${id} placeholder fits`).toBe(true);
  }
  await page.screenshot({ path: `${screenshotDir}/history-en.png` });
});

test('English report: its table fits the card, no column cut off on the right', async ({ page, request }) => {
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  await expect
    .poll(async () => {
      const reply = (await (await request.post('/api/invoke/history.report', { data: { from, to: from + 86_400_000, dimension: 'total', grain: 'day' } })).json()) as { result?: { rows: unknown[] } };
      return reply.result?.rows.length ?? 0;
    }, { timeout: 110_000 })
    .toBeGreaterThan(0);
  await openConsole(page, 'history?tab=reports');
  await page.getByTestId('report-range-today').click();
  await page.getByTestId('report-run').click();
  const table = page.getByTestId('report-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const { scroll, client } = await table.evaluate((element) => ({ scroll: element.parentElement!.scrollWidth, client: element.parentElement!.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  const run = await box(page.getByTestId('report-run'));
  const excel = await box(page.getByTestId('report-export-xlsx'));
  expect(Math.abs(excel.y - run.y)).toBeLessThan(4);
});

test('English transfer dialog: each radio label stays on one line', async ({ page, request }) => {
  const call = await waitForTalkingCall(request);
  await openConsole(page, 'calls');
  await page.getByTestId(`call-menu-${call.id}`).click();
  await page.getByTestId('action-transfer').click();
  await expect(page.getByTestId('action-dialog-transfer')).toBeVisible();
  for (const id of ['action-transfer-blind', 'action-transfer-attended']) {
    // An inline text span has one client rect per line it occupies.
    const lines = await page.evaluate<number>(`document.querySelector('[data-testid="${id}"]').parentElement.querySelector('span').getClientRects().length`);
    expect(lines, `${id} label on one line`).toBe(1);
  }
  await page.screenshot({ path: `${screenshotDir}/actions-transfer-en.png` });
  await page.keyboard.press('Escape');
});
