import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOwnStack, type OwnStack } from './support/own-stack';

// A core started on a damaged cache file tells the supervisor on every
// page, in their language, where the old history went; dismissing is this window's choice.

test.use({ locale: 'zh-CN' });

const garbage = Buffer.from('not a database — '.repeat(1_000));
let stack: OwnStack;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'callboard-e2e-corrupt-'));
  writeFileSync(join(dataDir, 'callboard.db'), garbage);
  stack = await startOwnStack(8, { dataDir });
});

test.afterAll(async () => {
  await stack?.close();
});

test('the recovered-database banner shows on every page with the moved-to path, and can be dismissed', async ({ page }) => {
  const movedTo = stack.core.model.snapshot().notices.find((notice) => notice.code === 'db_recovered')?.params.movedTo;
  expect(movedTo).toMatch(/callboard\.db\.corrupt-/);
  expect(readFileSync(movedTo!)).toEqual(garbage);

  await page.goto(`${stack.baseUrl}/#/wallboard`);
  const banner = page.getByTestId('notice-db_recovered');
  await expect(banner).toContainText('缓存数据库已损坏，已新建一个空的数据库');
  await expect(banner).toContainText('旧文件已移至');
  await expect(banner.getByTestId('notice-path')).toHaveText(movedTo!);
  await page.screenshot({ path: '/tmp/callboard-db-notice.png' });

  await page.goto(`${stack.baseUrl}/#/agents`);
  await expect(banner).toBeVisible();
  await page.getByTestId('notice-dismiss-db_recovered').click();
  await expect(banner).toHaveCount(0);
  // Dismissed for this window: other pages stay quiet, Settings still says where the old file is.
  await page.goto(`${stack.baseUrl}/#/calls`);
  await expect(page.getByTestId('calls-table')).toBeVisible();
  await expect(banner).toHaveCount(0);
  await page.goto(`${stack.baseUrl}/#/settings`);
  await expect(page.getByTestId('settings-notice-db_recovered')).toContainText(movedTo!);
  await expect(banner).toHaveCount(0);
  await page.getByTestId('settings-retention').screenshot({ path: '/tmp/callboard-db-notice-settings.png' });

  // Dismissing is local: the core still has the notice, and a new session sees it again.
  await page.reload();
  await expect(banner).toBeVisible();
  expect(existsSync(join(dataDir, 'callboard.db'))).toBe(true);
});
