import { test, expect } from '@playwright/test';
import type { Core } from '../../electron/core/app/core';
import type { DemoPbx } from '../../electron/core/demo';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { openAgentMenu } from './support/live-targets';

// Wrap-up (api.conf pausetime=yes) through the real UI, deterministic: a demo PBX
// whose clock only moves when the test steps it, one scripted queue call to 800.

test.use({ locale: 'zh-CN' });

let stack: OwnStack;
let pbx: DemoPbx;
let core: Core;

test.beforeAll(async () => {
  stack = await startOwnStack(8);
  ({ pbx, core } = stack);
});

test.afterAll(async () => {
  await stack?.close();
});

test('after an answered queue call the agent is in wrap-up, and the supervisor ends it early', async ({ page }) => {
  expect(core.actions.configureWrapup({ isEnabled: true, seconds: 120 }, { who: 'test' })).toMatchObject({ ok: true });
  await page.goto(`http://127.0.0.1:${core.http!.port}/#/agents`);
  await expect(page.getByTestId('agent-card-800')).toHaveAttribute('data-status', 'available');

  pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 2_000, talkMs: 5_000 });
  for (let i = 0; i < 12; i++) pbx.step(1_000);
  const card = page.getByTestId('agent-card-800');
  await expect(card).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('agent-reason-800')).toHaveText('话后整理');

  await openAgentMenu(page, '800');
  await page.getByTestId('action-endWrapup').click();
  await page.getByTestId('action-dialog-endWrapup').getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: '已结束 800 的话后整理' })).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'available');
  const audit = core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'actions.endWrapup' AND result = 'ok'").get() as { n: number };
  expect(audit.n).toBe(1);
});
