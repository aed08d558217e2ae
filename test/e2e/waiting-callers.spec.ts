import { mkdtempSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startCore } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/base/logger';
import { defaultConfig } from '../../electron/core/config/config';
import { startDemoPbx } from '../../electron/core/demo';
import { freePort } from '../support/waits';
import { startOwnStack, stepDemo, type OwnStack } from './support/own-stack';

// A caller waiting in a queue, opened from the Live calls page: its IVR path (the demo's ivr push)
// and its earlier call today, then moved to another queue and picked up to an agent, each confirmed
// first. The demo's clock only moves when stepped, so nobody answers the caller behind our back.
test.use({ locale: 'zh-CN' });

let stack: OwnStack;
test.beforeAll(async () => {
  // The IVR steps come as vendor pushes: this stack's demo pushes to this core's receiver.
  const receiverPort = await freePort();
  stack = await startOwnStack(10, { receiver: { host: '127.0.0.1', port: receiverPort } }, { push: { url: `http://127.0.0.1:${receiverPort}/` } });
});
test.afterAll(async () => {
  await stack?.close();
});

const number = '0611000777';
const isStored = (uniqueid: string) => stack.core.db.prepare('SELECT 1 FROM calls WHERE uniqueid = ?').get(uniqueid) !== undefined;

test('open a waiting caller, see its IVR path and earlier call, move it to 631, pick it up to 809', async ({ page }) => {
  const earlier = stack.pbx.placeInboundCall({ queue: '630', callerNumber: number, answerBy: '800', answerAfterMs: 2_000, talkMs: 4_000 });
  await stepDemo(stack, 500, 24);
  await expect.poll(() => isStored(earlier.uniqueid)).toBe(true);
  const { uniqueid: callId } = stack.pbx.placeInboundCall({ queue: '630', callerNumber: number, talkMs: 60_000 });
  await stepDemo(stack, 500, 8);

  await page.goto(`${stack.baseUrl}/#/calls`);
  const row = page.getByTestId(`waiting-caller-${callId}`);
  await expect(row).toBeVisible();
  await row.click();
  const panel = page.getByTestId('waiting-caller-panel');
  await expect(panel.getByRole('heading', { name: number })).toBeVisible();
  await expect(panel.getByTestId('waiting-caller-status')).toContainText('在队列 630 排队');
  await expect(panel.getByTestId('ivr-step')).toHaveCount(1);
  await expect(panel.getByTestId('ivr-step')).toContainText('main (610)');
  await expect(panel.getByTestId('ivr-step')).toContainText('按键 1');
  const previous = panel.getByTestId('previous-call');
  await expect(previous).toHaveCount(1);
  await expect(previous).toHaveAttribute('data-end', 'answered');
  await expect(previous).toContainText('800');
  await expect(panel.getByTestId('waiting-actions-blocked')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/waiting-caller-panel.png' });
  // Escape closes the panel (the keyboard is in it once opened); the row opens it again.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await row.click();
  await expect(panel.getByTestId('ivr-step')).toHaveCount(1);

  // Move to 631: confirmed first, then the caller leaves 630 and waits in 631.
  await panel.getByTestId('waiting-move-queue').selectOption('631');
  await panel.getByTestId('waiting-move').click();
  const moveDialog = page.getByTestId('action-dialog-waitingMove');
  await expect(moveDialog.getByTestId('action-confirm-text')).toContainText('队列 631');
  await moveDialog.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: '已转移' })).toBeVisible();
  await stepDemo(stack, 250, 4);
  await expect(panel.getByTestId('waiting-caller-status')).toContainText('在队列 631 排队');
  await expect(page.getByTestId('waiting-callers').locator('.queue-group').filter({ hasText: '631' }).getByTestId(`waiting-caller-${callId}`)).toBeVisible();

  // Pick up to 809 (in no queue, idle): its phone rings and answers like a direct call.
  await panel.getByTestId('waiting-pickup-agent').selectOption('809');
  await panel.getByTestId('waiting-pickup').click();
  const pickDialog = page.getByTestId('action-dialog-waitingPickUp');
  await expect(pickDialog.getByTestId('action-confirm-text')).toContainText('809');
  await page.screenshot({ path: 'test-results/waiting-caller-confirm.png' });
  await pickDialog.getByTestId('action-submit').click();
  await expect(page.getByTestId('toast-ok').filter({ hasText: '已转接' })).toBeVisible();
  await stepDemo(stack, 250, 12);
  await expect(panel.getByTestId('waiting-caller-status')).toContainText('809');
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId(`call-row-${callId}`)).toContainText('809');
  await page.screenshot({ path: 'test-results/waiting-caller-picked-up.png' });

  const audit = stack.core.db.prepare("SELECT action, result FROM audit_log WHERE action LIKE 'waiting.%' ORDER BY id").all();
  expect(audit).toEqual([{ action: 'waiting.move', result: 'ok' }, { action: 'waiting.pickUp', result: 'ok' }]);
});

/** A TCP relay in front of the demo's AMI that can be cut for good: the PBX link goes away, the vendor API stays. */
async function amiRelay(target: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

test('with AMI gone and only the vendor API left to act through, pick-up and move are disabled and say why', async ({ page }) => {
  const receiverPort = await freePort();
  const pbx = await startDemoPbx({ agents: 10, autoStart: false, api: { port: 0 }, push: { url: `http://127.0.0.1:${receiverPort}/` } });
  const relay = await amiRelay(pbx.amiPort);
  const core = await startCore({
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-e2e-waiting-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: { host: '127.0.0.1', port: receiverPort },
    ami: [{ id: 'pbx', host: '127.0.0.1', port: relay.port, username: pbx.credentials.username, secret: pbx.credentials.secret }],
    vendorApi: { baseUrl: `http://127.0.0.1:${pbx.apiPort}`, pollSeconds: 5 },
  }, { log: silentLogger, serveHttp: true, webRoot: join(process.cwd(), 'out', 'web') });
  try {
    await core.amiBackends[0]!.whenSynced();
    const { uniqueid: callId } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000778', talkMs: 60_000 });
    for (let i = 0; i < 8; i++) {
      pbx.step(500);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await page.goto(`http://127.0.0.1:${core.http!.port}/#/calls`);
    await page.getByTestId(`waiting-caller-${callId}`).click();
    const panel = page.getByTestId('waiting-caller-panel');
    await expect(panel.getByTestId('waiting-pickup')).toBeEnabled();
    await expect(panel.getByTestId('waiting-actions-blocked')).toHaveCount(0);

    await relay.cut();
    // The console keeps the last known queue; actions would go to the vendor API, which cannot move a waiting caller.
    await expect(panel.getByTestId('waiting-actions-blocked')).toContainText('AMI');
    await expect(panel.getByTestId('waiting-pickup')).toBeDisabled();
    await expect(panel.getByTestId('waiting-move')).toBeDisabled();
    await page.screenshot({ path: 'test-results/waiting-caller-vendor.png' });
  } finally {
    await core.close();
    await pbx.close();
  }
});
