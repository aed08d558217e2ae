import { test, expect } from '@playwright/test';
import type { Core } from '../../electron/core/app/core';
import { startOwnStack, type OwnStack } from './support/own-stack';

// A core with an operator token: a browser that does not present it (the TV on the
// LAN) gets `read` in the WebSocket hello, and the console shows no action at all.

test.use({ locale: 'zh-CN' });

let stack: OwnStack;
let core: Core;

test.beforeAll(async () => {
  stack = await startOwnStack(12, { receiver: { host: '127.0.0.1', port: 0 }, token: 'operator-secret' });
  ({ core } = stack);
});

test.afterAll(async () => {
  await stack?.close();
});

test('a read-only session shows no action controls on any page', async ({ page }) => {
  const base = `http://127.0.0.1:${core.http!.port}`;
  await page.goto(`${base}/#/agents`);
  await expect(page.getByTestId('role')).toHaveText('只读');
  await expect(page.getByTestId('agent-card-806')).toBeVisible();
  await expect(page.locator('[data-testid^="agent-menu-"]')).toHaveCount(0);
  await expect(page.getByTestId('dial-button')).toHaveCount(0);
  // Card shortcuts do nothing either.
  await page.getByTestId('agent-card-806').focus();
  await page.keyboard.press('p');
  await expect(page.locator('[data-testid^="action-dialog-"]')).toHaveCount(0);

  await page.goto(`${base}/#/calls`);
  await expect(page.getByTestId('calls-table')).toBeVisible();
  await expect(page.locator('[data-testid^="call-menu-"]')).toHaveCount(0);

  // The blacklist is the operator's too (numbers and who added them): refused, and the page says why.
  await page.goto(`${base}/#/blacklist`);
  await expect(page.getByTestId('blacklist-failure')).toContainText('只读');
  await expect(page.getByTestId('blacklist-add-form')).toHaveCount(0);
  await expect(page.locator('[data-testid^="blacklist-remove-"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/actions-readonly-blacklist.png' });

  // The audit log is an operator page: the server refuses it, and the page says why.
  await page.goto(`${base}/#/audit`);
  await expect(page.getByTestId('audit-failure')).toContainText('只读');
});

test('the same core gives a token holder the actions (the token is what differs)', async ({ request }) => {
  const base = `http://127.0.0.1:${core.http!.port}`;
  const anonymous = await request.post(`${base}/api/invoke/actions.pause`, { data: { extension: '806', isPaused: true } });
  expect(((await anonymous.json()) as { ok: boolean; error?: { code: string } }).error?.code).toBe('forbidden');
  const operator = await request.post(`${base}/api/invoke/actions.pause`, {
    data: { extension: '806', isPaused: true },
    headers: { authorization: 'Bearer operator-secret' },
  });
  expect(((await operator.json()) as { ok: boolean }).ok).toBe(true);
});
