import { test, expect, type APIRequestContext } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

test.use({ locale: 'zh-CN' });

interface SnapshotQueue {
  name: string;
}

async function invoke<T>(request: APIRequestContext, method: string, params: unknown): Promise<T> {
  const reply = (await (await request.post(`/api/invoke/${method}`, { data: params })).json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.result;
}

// The thresholds live in the core's database, shared by every spec of the run: leave them as found.
test.afterEach(async ({ request }) => {
  await invoke(request, 'settings.setThresholds', { byQueue: {} });
});

test('thresholds are kept by the core across a reload and turn the wallboard tiles amber', async ({ page, request }) => {
  const { queues } = (await (await request.get('/api/snapshot')).json()) as { queues: SnapshotQueue[] };
  test.skip(queues.length === 0, 'the demo PBX reported no queues');
  const queue = queues[0]?.name as string;
  await openConsole(page, 'settings');

  // Defaults of every queue: amber from 0 waiting callers, red only from 999.
  await page.getByTestId('threshold-waitingAmber').fill('0');
  await page.getByTestId('threshold-waitingAmber').blur();
  await page.getByTestId('threshold-waitingRed').fill('999');
  await page.getByTestId('threshold-waitingRed').blur();
  // One queue overrides red down to 1 (above the amber it inherits).
  await page.getByTestId('threshold-scope').selectOption(queue);
  await page.getByTestId('threshold-waitingRed').fill('1');
  await page.getByTestId('threshold-waitingRed').blur();
  await expect.poll(() => invoke(request, 'settings.thresholds', {})).toEqual({ '*': { waitingAmber: 0, waitingRed: 999 }, [queue]: { waitingRed: 1 } });

  // A fresh page (no local cache) reads them back from the core.
  await page.evaluate("localStorage.removeItem('callboard.thresholds')");
  await page.reload();
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  await expect(page.getByTestId('threshold-waitingAmber')).toHaveValue('0');
  await expect(page.getByTestId('threshold-waitingRed')).toHaveValue('999');
  await page.getByTestId('threshold-scope').selectOption(queue);
  await expect(page.getByTestId('threshold-waitingRed')).toHaveValue('1');

  // Red for the one queue is thresholds-live.spec.ts's, where the callers waiting are known.
  await page.goto('/#/wallboard');
  await expect(page.getByTestId('queue-board-*').getByTestId('kpi-waiting')).toHaveAttribute('data-level', 'amber');
});

test('settings show the receiver URL for api.conf, the PBX links without secrets, and test an AMI login', async ({ page, request }) => {
  const receiver = await invoke<{ port?: number; urls: string[]; localOnly?: { host: string } }>(request, 'settings.receiverUrls', {});
  expect(receiver.port).toBe(Number(new URL(process.env.CALLBOARD_RECEIVER_URL ?? 'http://x:18090/').port));
  await openConsole(page, 'settings');
  // The e2e demo's receiver listens on 127.0.0.1: no LAN address would reach it, and the page says so instead of offering one.
  expect(receiver).toMatchObject({ urls: [], localOnly: { host: '127.0.0.1' } });
  await expect(page.getByTestId('settings-receiver-url')).toHaveCount(0);
  await expect(page.getByTestId('settings-receiver-local')).toContainText(`事件接收只在本机监听（127.0.0.1:${receiver.port}）`);
  await expect(page.getByTestId('settings-receiver-local')).toContainText(`--receiver 0.0.0.0:${receiver.port}`);
  const connections = page.getByTestId('settings-connections');
  await expect(connections.locator('[data-testid^="settings-connection-"]').first()).toContainText('已连接');

  // A login against a port nothing listens on: refused, reported in words.
  await page.getByTestId('test-ami-host').fill('127.0.0.1');
  await page.getByTestId('test-ami-port').fill('1');
  await page.getByTestId('test-ami-secret').fill('not-a-real-secret');
  await page.getByTestId('test-ami').click();
  await expect(page.getByTestId('test-ami-result')).toHaveAttribute('data-code', 'refused');
  await expect(page.getByTestId('test-ami-result')).toContainText('无法连接');
  await expect(page.getByTestId('settings-view')).not.toContainText('not-a-real-secret');

  // The PBX API test makes the core fetch a URL: it asks first, and an internal address that is
  // not the configured PBX API is refused without a request (this demo core has none configured).
  await page.getByTestId('test-vendor-url').fill('http://127.0.0.1:1');
  await page.getByTestId('test-vendor').click();
  const confirm = page.getByTestId('test-vendor-confirm');
  await expect(confirm).toContainText('http://127.0.0.1:1');
  await page.screenshot({ path: `${screenshotDir}/settings-vendor-confirm.png` });
  await confirm.getByTestId('test-vendor-confirm-confirm').click();
  await expect(page.getByTestId('test-vendor-result')).toHaveAttribute('data-code', 'blocked');
  await expect(page.getByTestId('test-vendor-result')).toContainText('内部地址');
  await expect(page.getByTestId('settings-pause-reasons').locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/settings.png`, fullPage: true });
});

test('gateway settings are kept by the core across a reload, the WEBKEY is never shown, and api.conf imports', async ({ page, request }) => {
  await openConsole(page, 'settings');
  const card = page.getByTestId('settings-gateway');
  await card.getByTestId('gateway-bind-host').fill('127.0.0.1');
  await card.getByTestId('gateway-bind-port').fill('18555');
  await card.getByTestId('gateway-url').fill('http://127.0.0.1:18090/');
  await card.getByTestId('gateway-webkey').fill('e2e-gateway-key');
  await card.getByTestId('gateway-mac').fill('68:69:2e:03:8b:3e');
  await card.getByTestId('gateway-enabled').check();
  await card.getByTestId('gateway-save').click();
  // It opens a listener: the page says where, and that the WEBKEY guards it, before anything is saved.
  const confirm = card.getByTestId('gateway-confirm');
  await expect(confirm).toContainText('127.0.0.1:18555');
  await expect(confirm).toContainText('WEBKEY');
  await expect(confirm).toContainText('http://127.0.0.1:18090/');
  await page.screenshot({ path: `${screenshotDir}/settings-gateway-confirm.png` });
  await confirm.getByTestId('gateway-confirm-cancel').click();
  expect(await invoke<Record<string, unknown>>(request, 'settings.gateway', {})).not.toMatchObject({ bindPort: 18555 });
  await card.getByTestId('gateway-save').click();
  await confirm.getByTestId('gateway-confirm-confirm').click();
  await expect(card.getByTestId('gateway-message')).toContainText('重启 Callboard 后生效');

  await page.reload();
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  await expect(card.getByTestId('gateway-bind-port')).toHaveValue('18555');
  await expect(card.getByTestId('gateway-url')).toHaveValue('http://127.0.0.1:18090/');
  await expect(card.getByTestId('gateway-mac')).toHaveValue('68:69:2e:03:8b:3e');
  await expect(card.getByTestId('gateway-webkey')).toHaveValue('');
  await expect(card.getByTestId('gateway-webkey')).toHaveAttribute('placeholder', /已设置/);
  // This core runs no gateway: the delivery state says so instead of inventing one.
  await expect(card.getByTestId('gateway-delivery-none')).toBeVisible();

  await card.getByTestId('gateway-import-text').fill('[general]\nBINDPORT=18556\nURL=http://127.0.0.1:18091/\nWEBKEY=imported-key\n');
  await card.getByTestId('gateway-import').click();
  await confirm.getByTestId('gateway-confirm-confirm').click();
  await expect(card.getByTestId('gateway-bind-port')).toHaveValue('18556');
  await expect(card.getByTestId('gateway-url')).toHaveValue('http://127.0.0.1:18091/');
  const stored = await invoke<Record<string, unknown>>(request, 'settings.gateway', {});
  expect(stored).toMatchObject({ isEnabled: true, bindPort: 18556, isWebkeySet: true });
  expect(JSON.stringify(stored)).not.toContain('imported-key');
  await expect(page.getByTestId('settings-view')).not.toContainText('imported-key');
  // Leave the core as found for the other specs.
  await invoke(request, 'settings.setGateway', { ...stored, isWebkeySet: undefined, isEnabled: false, webkey: '', isConfirmed: true });
});

test('stored PBX connections are kept by the core across a reload, the AMI secret shown only as set', async ({ page, request }) => {
  await openConsole(page, 'settings');
  const form = page.getByTestId('stored-connections');
  // `callboard demo` gives its AMI target itself: the form says the command line is in force.
  await expect(form.getByTestId('stored-connections-flags')).toBeVisible();
  await form.getByTestId('stored-ami-add').click();
  const row = form.getByTestId('stored-ami-0');
  await row.getByTestId('stored-ami-name').fill('bj');
  await row.getByTestId('stored-ami-host').fill('10.20.30.40');
  await row.getByTestId('stored-ami-port').fill('5039');
  await row.getByTestId('stored-ami-username').fill('callboard');
  await row.getByTestId('stored-ami-secret').fill('e2e-ami-secret');
  await form.getByTestId('stored-vendor-url').fill('http://10.20.30.40:8000');
  await form.getByTestId('stored-connections-save').click();
  // Where the secret goes, said before it goes.
  const confirm = page.getByTestId('stored-connections-confirm');
  await expect(confirm).toContainText('10.20.30.40:5039');
  await confirm.getByTestId('stored-connections-confirm-confirm').click();
  await expect(form.getByTestId('stored-connections-message')).toContainText('重启 Callboard 后生效');

  await page.reload();
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  await expect(row.getByTestId('stored-ami-name')).toHaveText('bj');
  await expect(row.getByTestId('stored-ami-host')).toHaveValue('10.20.30.40');
  await expect(row.getByTestId('stored-ami-port')).toHaveValue('5039');
  await expect(row.getByTestId('stored-ami-secret')).toHaveValue('');
  await expect(row.getByTestId('stored-ami-secret-set')).toContainText('已设置');
  await expect(form.getByTestId('stored-vendor-url')).toHaveValue('http://10.20.30.40:8000');
  await expect(page.getByTestId('settings-view')).not.toContainText('e2e-ami-secret');
  const stored = await invoke<Record<string, unknown>>(request, 'settings.connections', {});
  expect(stored).toMatchObject({ source: 'flags', ami: [{ id: 'bj', host: '10.20.30.40', isSecretSet: true }] });
  expect(JSON.stringify(stored)).not.toContain('e2e-ami-secret');

  // Pointed at another address, the stored secret does not follow: the form asks for it again.
  await row.getByTestId('stored-ami-host').fill('10.20.30.99');
  await expect(row.getByTestId('stored-ami-secret-again')).toBeVisible();
  await expect(form.getByTestId('stored-connections-save')).toBeDisabled();
  await page.screenshot({ path: `${screenshotDir}/settings-secret-again.png` });
  await row.getByTestId('stored-ami-secret').fill('e2e-ami-secret-2');
  await expect(form.getByTestId('stored-connections-save')).toBeEnabled();

  // Leave the core as found for the other specs.
  await invoke(request, 'settings.setConnections', { ami: [], vendorApi: null, isConfirmed: true });
});
