import { test, expect, type Page } from '@playwright/test';
import type { AlertLogEntry, AlertRulesBook, AuditEntry } from '../../electron/core/contract';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { screenshotDir } from './support/console-env';

// Alerts on a still demo: callers placed in a queue ring members who never answer
// (the PBX clock stands still), so "callers waiting" holds as long as the spec wants.
// The rule is set on the Settings page; the console shows a banner (with a desktop
// notification once allowed), the TV a flashing tile; acknowledging quiets the TV,
// snoozing takes the alert away; the log and the audit keep each step.

test.use({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });

const token = 'alerts-operator';
const operator = { role: 'act' as const, who: 'test' };
let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startOwnStack(6, { token });
});
test.afterAll(async () => {
  await stack?.close();
});

async function core<T>(method: string, params: unknown): Promise<T> {
  const reply = await stack.core.dispatch(method, params, operator);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

/** Two callers wait in `queue`: its members ring and never answer while the clock stands still. */
function twoCallersIn(queue: string): void {
  stack.pbx.placeInboundCall({ queue, callerNumber: `06110${queue}1` });
  stack.pbx.placeInboundCall({ queue, callerNumber: `06110${queue}2` });
  stack.pbx.step(2_000);
}

/** A stand-in for the browser's Notification: permission asked by a click, each notification kept for the spec to read. */
async function fakeNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    class FakeNotification {
      static permission = 'default';
      static requestPermission(): Promise<string> {
        FakeNotification.permission = 'granted';
        return Promise.resolve('granted');
      }
      constructor(title: string, options: { body?: string }) {
        shown.push({ title, body: options.body ?? '' });
      }
    }
    Object.assign(globalThis, { Notification: FakeNotification, shownNotifications: shown });
  });
}

const notified = (page: Page) => page.evaluate(() => (globalThis as unknown as { shownNotifications: { body: string }[] }).shownNotifications.map((n) => n.body));

test('the Settings page edits the rules, refusing a value out of bounds', async ({ page }) => {
  await page.goto(`${stack.baseUrl}/?token=${token}#/settings`);
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  const card = page.getByTestId('settings-alert-rules');
  await card.getByTestId('alert-rule-waiting').fill('0');
  await card.getByTestId('alert-rule-longest-on').uncheck();
  await card.getByTestId('alert-rule-sl-on').uncheck();
  await card.getByTestId('alert-rule-no-agent').uncheck();
  await card.getByTestId('alert-rule-idle-on').uncheck();
  await card.getByTestId('alert-rules-save').click();
  await expect(card.getByTestId('alert-rules-problems')).toHaveText('排队人数：请输入 1 到 1000 之间的整数');
  expect((await core<AlertRulesBook>('alerts.rules', {})).defaults.waitingAtLeast).toBe(10);
  await card.getByTestId('alert-rule-waiting').fill('2');
  await card.getByTestId('alert-rules-save').click();
  await expect(card.getByTestId('alert-rules-saved')).toBeVisible();
  await card.screenshot({ path: `${screenshotDir}/alerts-settings.zh-CN.png` });
  const book = await core<AlertRulesBook>('alerts.rules', {});
  expect(book.defaults).toEqual({ waitingAtLeast: 2, longestWaitSeconds: null, serviceLevel: null, noAgent: false });
  expect(book.watchdog.idleMinutes).toBeNull();
  const [audit] = await core<AuditEntry[]>('audit.list', { action: 'alerts.setRules' });
  expect(audit).toMatchObject({ who: 'web:127.0.0.1', result: 'ok' });
});

test('waiting callers raise an alert on the console and the TV; acknowledge quiets the TV, snooze takes it away', async ({ browser }) => {
  const consoleContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await consoleContext.newPage();
  await fakeNotifications(page);
  const tvContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const tv = await tvContext.newPage();

  twoCallersIn('631');
  await expect.poll(() => JSON.stringify([...stack.core.model.alerts.values()])).toContain('631');
  await page.goto(`${stack.baseUrl}/?token=${token}#/wallboard`);
  const banner = page.getByTestId('alert-banner');
  await expect(banner.getByTestId('alert-row')).toHaveCount(1);
  await expect(banner).toContainText('队列 631：2 位来电在等待');

  // Desktop notifications are asked for by a click; the next alert becomes one.
  await banner.getByTestId('alert-allow-notifications').click();
  await expect(banner.getByTestId('alert-allow-notifications')).toHaveCount(0);
  twoCallersIn('630');
  await expect(banner.getByTestId('alert-row')).toHaveCount(2);
  await expect.poll(() => notified(page)).toEqual(['队列 630：2 位来电在等待（告警线 2）']);
  await page.screenshot({ path: `${screenshotDir}/alerts-console.zh-CN.png` });

  await tv.goto(`${stack.baseUrl}/#/tv?queue=630`);
  const tile = tv.getByTestId('tv-alert-tile');
  await expect(tile).toContainText('2');
  await expect(tv.getByTestId('tv-alert-banner')).toContainText('队列 630');
  // TV is read-only: no buttons.
  await expect(tv.getByTestId('tv-alerts').locator('button')).toHaveCount(0);
  await tv.screenshot({ path: `${screenshotDir}/alerts-tv.zh-CN.png` });

  // Mute and fold are remembered by this browser; folded, the header still counts the alerts.
  await banner.getByTestId('alert-mute').click();
  await banner.getByTestId('alert-collapse').click();
  await page.reload();
  await expect(page.getByTestId('alert-mute')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('alert-row')).toHaveCount(0);
  await expect(page.getByTestId('alert-banner')).toContainText('告警（2）');
  await page.getByTestId('alert-collapse').click();

  // Acknowledge 630: it stays on the console, quiet; the TV counts one.
  const row630 = page.getByTestId('alert-row').filter({ hasText: '630' });
  await row630.getByTestId('alert-acknowledge').click();
  await expect(row630).toHaveAttribute('data-acknowledged', 'true');
  await expect(tile).toContainText('1');
  await expect(tv.getByTestId('tv-alert-banner')).not.toContainText('队列 630');

  // Snooze 631 for 15 minutes: gone everywhere; the TV has nothing loud left.
  await page.getByTestId('alert-row').filter({ hasText: '631' }).getByTestId('alert-snooze').click();
  await expect(page.getByTestId('alert-row')).toHaveCount(1);
  await expect(tv.getByTestId('tv-alerts')).toHaveCount(0);

  const log = await core<AlertLogEntry[]>('alerts.log', {});
  expect(log.map((e) => `${e.event}:${e.queue}`)).toEqual(['snoozed:631', 'acknowledged:630', 'raised:630', 'raised:631']);
  expect(log[0]!.until! - log[0]!.at).toBe(15 * 60_000);
  const audited = await core<AuditEntry[]>('audit.list', { result: 'ok' });
  expect(audited.filter((e) => e.action.startsWith('alerts.')).map((e) => e.action)).toEqual(['alerts.snooze', 'alerts.acknowledge', 'alerts.setRules']);
  await consoleContext.close();
  await tvContext.close();
});

test('in English: the console banner and the TV say the same alert in their words', async ({ browser }) => {
  twoCallersIn('632');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  await context.addInitScript("localStorage.setItem('callboard.locale', 'en')");
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/?token=${token}#/agents`);
  const row = page.getByTestId('alert-row').filter({ hasText: '632' });
  await expect(row).toContainText('Queue 632: 2 callers waiting (alert at 2)');
  await expect(row.getByTestId('alert-acknowledge')).toHaveText('Acknowledge');
  // 630, acknowledged in the test before, names who did it as the audit log does.
  await expect(page.getByTestId('alert-row').filter({ hasText: '630' })).toContainText('acknowledged by Browser on this machine');
  await page.getByTestId('alert-banner').screenshot({ path: `${screenshotDir}/alerts-console.en.png` });
  const tv = await context.newPage();
  await tv.goto(`${stack.baseUrl}/#/tv?queue=632`);
  await expect(tv.getByTestId('tv-alert-tile')).toContainText('ALERTS');
  await expect(tv.getByTestId('tv-alert-banner')).toContainText('Queue 632: 2 callers waiting');
  await tv.screenshot({ path: `${screenshotDir}/alerts-tv.en.png` });
  await context.close();
});
