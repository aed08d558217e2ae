import { test, expect } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOwnStack, type OwnStack } from './support/own-stack';

// Scheduled reports from the Settings page, on a spec's own still demo: a supervisor
// creates a daily schedule writing Excel and PDF into a folder, presses "run now", and
// sees the files the core wrote listed under the schedule — and they are in the folder.

test.use({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });

let stack: OwnStack;
let folder: string;

test.beforeAll(async () => {
  // The machine's owner allows this folder in the config file; the page picks one inside it.
  const root = mkdtempSync(join(tmpdir(), 'callboard-e2e-reports-'));
  stack = await startOwnStack(8, { reports: { folders: [root] } });
  folder = join(root, '报表', 'daily');
});
test.afterAll(async () => {
  await stack?.close();
  rmSync(join(folder, '..', '..'), { recursive: true, force: true });
});

test('create a schedule, run it now, see its files listed', async ({ page }) => {
  await page.goto(`${stack.baseUrl}/#/settings`);
  const card = page.getByTestId('settings-schedules');
  await expect(card).toContainText('定时报表');
  await expect(card).toContainText('还没有定时报表');

  await card.getByTestId('schedule-add').click();
  const form = card.getByTestId('schedule-form');
  await form.getByTestId('schedule-name').fill('每日报表');
  await form.getByTestId('schedule-time').fill('07:30');
  await form.getByTestId('schedule-queues').fill('630, 631');
  await form.getByTestId('schedule-folder').fill(folder);
  await form.getByTestId('schedule-save').click();

  const item = card.getByTestId('schedule-每日报表');
  await expect(item).toContainText('每天 07:30');
  await expect(item).toContainText('630, 631');
  await expect(item).toContainText('尚未运行');
  await expect(form).toHaveCount(0);

  await item.getByTestId('schedule-run-now').click();
  await expect(item.getByTestId('schedule-last-status')).toHaveText('完成', { timeout: 30_000 });
  const files = item.getByTestId('schedule-files').locator('code');
  await expect(files).toHaveCount(2);
  const names = await files.allTextContents();
  expect(names[0]).toMatch(/^每日报表-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(names[1]).toMatch(/^每日报表-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(readdirSync(folder).sort()).toEqual([...names].sort());
  await card.screenshot({ path: test.info().outputPath('scheduled-reports.zh-CN.png') });

  // A relative folder is refused by the core, and the page says why.
  await card.getByTestId('schedule-add').click();
  await form.getByTestId('schedule-name').fill('bad');
  await form.getByTestId('schedule-folder').fill('reports');
  await form.getByTestId('schedule-save').click();
  await expect(card.getByTestId('schedule-message')).toContainText('未保存');
  await expect(form).toBeVisible();

  // Both languages.
  await page.getByTestId('settings-locale').selectOption('en');
  await expect(item).toContainText('Daily at 07:30');
  await expect(item.getByTestId('schedule-last-status')).toHaveText('done');
  await card.screenshot({ path: test.info().outputPath('scheduled-reports.en.png') });
});
