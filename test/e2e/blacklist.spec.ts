import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

test.use({ locale: 'zh-CN' });

test('blacklist: add a number with a note, find it, remove it after confirming', async ({ page }) => {
  // A number unique to this run, so a reused PBX state cannot satisfy the test.
  const number = `0613${String(Date.now()).slice(-6)}`;
  await openConsole(page, 'blacklist');
  await expect(page.getByTestId('blacklist-table')).toBeVisible();
  await page.getByTestId('blacklist-number').fill(number);
  await page.getByTestId('blacklist-note').fill('骚扰电话 e2e');
  await page.getByTestId('blacklist-add').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已将 ${number} 加入黑名单` })).toBeVisible();
  const row = page.getByTestId(`blacklist-row-${number}`);
  await expect(row).toContainText('骚扰电话 e2e');
  await expect(row).toContainText('web:127.0.0.1');
  await expect(page.getByTestId('blacklist-number')).toHaveValue('');

  await page.getByTestId('blacklist-search').fill('骚扰电话');
  await expect(row).toBeVisible();
  await expect(page.getByTestId('blacklist-count')).toContainText(/^1 \//);
  await page.screenshot({ path: `${screenshotDir}/blacklist.png` });
  await page.getByTestId('blacklist-search').fill('');

  await page.getByTestId(`blacklist-remove-${number}`).click();
  await expect(row).toContainText(`确定移除 ${number}？`);
  await page.getByTestId(`blacklist-confirm-${number}`).click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已将 ${number} 移出黑名单` })).toBeVisible();
  await expect(row).toHaveCount(0);
});

test('blacklist: an invalid number cannot be submitted', async ({ page }) => {
  await openConsole(page, 'blacklist');
  await page.getByTestId('blacklist-number').fill('abc');
  await expect(page.getByTestId('blacklist-add')).toBeDisabled();
  await expect(page.getByTestId('blacklist-add-form')).toContainText('号码只能包含数字');
});
