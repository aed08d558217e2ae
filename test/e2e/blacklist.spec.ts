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

test('blacklist: adding a listed number again keeps its note; the note is edited on its own', async ({ page }) => {
  const number = `0614${String(Date.now()).slice(-6)}`;
  const typed = `${number.slice(0, 4)}-${number.slice(4, 7)} ${number.slice(7)}`;
  await openConsole(page, 'blacklist');
  await page.getByTestId('blacklist-number').fill(typed);
  await page.getByTestId('blacklist-note').fill('第一次的备注');
  await page.getByTestId('blacklist-add').click();
  const row = page.getByTestId(`blacklist-row-${number}`);
  await expect(row).toContainText('第一次的备注');

  await page.getByTestId('blacklist-number').fill(number);
  await page.getByTestId('blacklist-add').click();
  await expect(page.getByTestId('blacklist-already-listed')).toContainText(`${number} 已在黑名单中，原备注保持不变`);
  await expect(page.getByTestId('toast-error')).toContainText('已经存在');
  await expect(row).toContainText('第一次的备注');
  await expect(row).not.toContainText('added by');

  await page.getByTestId(`blacklist-edit-${number}`).click();
  const input = page.getByTestId(`blacklist-note-input-${number}`);
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('第一次的备注');
  await input.fill('改过的备注');
  await input.press('Enter');
  await expect(page.getByTestId('toast-ok').filter({ hasText: `已修改 ${number} 的备注` })).toBeVisible();
  await expect(row).toContainText('改过的备注');
  await expect(row).toContainText('web:127.0.0.1');
  await page.getByTestId(`blacklist-remove-${number}`).click();
  await page.getByTestId(`blacklist-confirm-${number}`).click();
  await expect(row).toHaveCount(0);
});
