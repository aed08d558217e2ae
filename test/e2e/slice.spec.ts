import { test, expect } from '@playwright/test';
import type { Core } from '../../electron/core/app/core';
import type { DemoPbx } from '../../electron/core/demo';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { webkeyToken } from '../../electron/core/vendor-api/webkey';

// The first slice, deterministic: a demo PBX whose clock does not run, so the only
// changes are the ones this test makes — one through AMI, one through a push.

test.use({ locale: 'zh-CN' });

let stack: OwnStack;
let pbx: DemoPbx;
let core: Core;

test.beforeAll(async () => {
  stack = await startOwnStack(12, { receiver: { host: '127.0.0.1', port: 0 }, webkey: 'slice-key' });
  ({ pbx, core } = stack);
});

test.afterAll(async () => {
  await stack?.close();
});

test('an AMI ExtensionStatus change and a pushed extensionstatus both reach the agent grid', async ({ page, request }) => {
  await page.goto(`http://127.0.0.1:${core.http!.port}/#/agents`);
  const state = page.getByTestId('agent-state-806');
  await expect(state).toHaveText('空闲');

  pbx.setExtensionState('806', 'RINGING');
  await expect(page.getByTestId('agent-card-806')).toHaveAttribute('data-status', 'ringing');
  await expect(state).toHaveText('振铃');

  const response = await request.post(`http://127.0.0.1:${core.receiverPort}/`, {
    data: { event: 'extensionstatus', exten: '806', status: 4, statustext: 'Unavailable' },
    headers: { authorization: webkeyToken('slice-key', Date.now()) },
  });
  expect(response.status()).toBe(200);
  await expect(page.getByTestId('agent-card-806')).toHaveAttribute('data-status', 'offline');
  await expect(state).toHaveText('离线');
});
