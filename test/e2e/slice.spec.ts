import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/app/logger';
import { defaultConfig } from '../../electron/core/config/config';
import { startDemoPbx, type DemoPbx } from '../../electron/core/demo';
import { webkeyToken } from '../../electron/core/vendor-api/webkey';

// Issue 2's slice, deterministic: a demo PBX whose clock does not run, so the only
// changes are the ones this test makes — one through AMI, one through a push.

const webRoot = join(process.cwd(), 'out', 'web');
test.use({ locale: 'zh-CN' });

let pbx: DemoPbx;
let core: Core;

test.beforeAll(async () => {
  pbx = await startDemoPbx({ agents: 12, autoStart: false });
  const config = {
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-slice-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: { host: '127.0.0.1', port: 0 },
    webkey: 'slice-key',
    ami: [{ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
  };
  core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot });
});

test.afterAll(async () => {
  await core?.close();
  await pbx?.close();
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
