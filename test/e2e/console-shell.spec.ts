import { test, expect } from '@playwright/test';
import { openConsole } from './support/console-env';

test.use({ locale: 'zh-CN' });

test('the console links to the core and shows the PBX connections in the status bar', async ({ page }) => {
  await openConsole(page, 'wallboard');
  await expect(page.getByTestId('core-link')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('[data-testid^="pbx-link-"]').first()).toBeVisible();
  await expect(page.locator('[data-testid^="pbx-link-"][data-state="connected"]').first()).toBeVisible();
  await expect(page.getByTestId('banner-core')).toHaveCount(0);
});

test('every page of the side navigation opens', async ({ page }) => {
  await openConsole(page, 'wallboard');
  for (const name of ['agents', 'calls', 'history', 'blacklist', 'audit', 'settings', 'boards', 'wallboard']) {
    await page.getByTestId(`nav-${name}`).click();
    await expect(page.getByTestId(`${name}-view`)).toBeVisible();
  }
});

test('labels follow the system locale (zh-CN) and switch to English', async ({ page }) => {
  await openConsole(page, 'agents');
  await expect(page.getByTestId('nav-agents')).toContainText('坐席');
  await page.getByTestId('locale-select').selectOption('en');
  await expect(page.getByTestId('nav-agents')).toContainText('Agents');
  // The choice is remembered across reloads.
  await page.reload();
  await expect(page.getByTestId('nav-agents')).toContainText('Agents');
});

test('losing the core shows the core banner, distinct from a PBX problem, and recovers by itself', async ({ page }) => {
  // Route the page's WebSocket through Playwright so the test can cut it like a network outage.
  let isCoreReachable = true;
  const open: { close: () => Promise<void> }[] = [];
  await page.routeWebSocket(/\/api\/ws$/, (ws) => {
    if (!isCoreReachable) {
      void ws.close({ code: 1011, reason: 'test outage' });
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  await openConsole(page, 'wallboard');
  // Cut only once the live model is on screen: there is something to be stale.
  await expect(page.locator('[data-testid^="queue-board-"]').first()).toBeVisible();
  isCoreReachable = false;
  for (const ws of open.splice(0)) await ws.close();
  await expect(page.getByTestId('banner-core')).toBeVisible();
  await expect(page.getByTestId('banner-pbx')).toHaveCount(0);
  await expect(page.getByTestId('core-link')).toHaveAttribute('data-state', /closed|connecting/);
  // What is on screen is what was last known when the link dropped: dimmed and said so.
  await expect(page.getByTestId('stale-note')).toHaveText(/最后更新于 \d{2}:\d{2}:\d{2}/);
  await expect(page.locator('[data-testid^="queue-board-"]')).toHaveAttribute('data-stale', 'true');
  isCoreReachable = true;
  await expect(page.getByTestId('core-link')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(page.getByTestId('banner-core')).toHaveCount(0);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  await expect(page.locator('[data-testid^="queue-board-"]')).toHaveAttribute('data-stale', 'false');
});
