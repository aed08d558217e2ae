import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOwnStack, type OwnStack } from './support/own-stack';

// The attacks of SECURITY.md "Only the console's own pages drive it", run by Chromium
// itself: a page of another site (evil.test, resolved to this machine) in the
// supervisor's browser while the console runs on loopback without a token (loopback
// may act). Whatever the browser lets that page send, the console changes nothing.

let stack: OwnStack;
let evil: Server;
let evilPort = 0;
const hostile = JSON.stringify({ byQueue: { '*': { waitingRed: 999 } } });

// The config's launch options, plus a name for the other site.
test.use({
  locale: 'zh-CN',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--host-resolver-rules=MAP evil.test 127.0.0.1'],
  },
});

/** The other site's page: on load it tries all three against the console, then says what it saw. */
function attackPage(core: string): string {
  return `<!doctype html><title>cheap flights</title><iframe name="sink"></iframe><script>
  (async () => {
    const hostile = ${JSON.stringify(hostile)};
    const invoke = 'http://${core}/api/invoke/settings.setThresholds';
    // 1. A no-cors text/plain fetch: the browser sends it, the page cannot read the answer.
    await fetch(invoke, { method: 'POST', mode: 'no-cors', body: hostile }).catch(() => undefined);
    // 2. An HTML form, text/plain so that its body is the JSON, into a hidden frame.
    const form = document.createElement('form');
    Object.assign(form, { action: invoke, method: 'POST', enctype: 'text/plain', target: 'sink' });
    const field = document.createElement('input');
    field.name = hostile.slice(0, -1) + ',"x":"';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    form.submit();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 3. The WebSocket: the browser sends this page's Origin; no hello may come back.
    window.socketOutcome = await new Promise((resolve) => {
      const ws = new WebSocket('ws://${core}/api/ws');
      ws.onmessage = (event) => resolve('message ' + String(event.data).slice(0, 40));
      ws.onerror = () => resolve('error');
      ws.onclose = () => resolve('closed');
      ws.onopen = () => ws.send(JSON.stringify({ t: 'invoke', id: 1, method: 'settings.setThresholds', params: JSON.parse(hostile) }));
    });
  })();
</script>`;
}

test.beforeAll(async () => {
  stack = await startOwnStack(4);
  const core = `127.0.0.1:${stack.core.http!.port}`;
  evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage(core)));
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilPort = (evil.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
  await stack?.close();
});

const thresholds = () => stack.core.dispatch('settings.thresholds', {}, { role: 'act', who: 'test' });

test('another site cannot post, fetch no-cors, open the WebSocket or rebind its name onto the console', async ({ page }) => {
  const core = `127.0.0.1:${stack.core.http!.port}`;
  await page.goto(`http://evil.test:${evilPort}/`);
  await page.waitForFunction('window.socketOutcome !== undefined');
  const outcome = { socket: String(await page.evaluate('window.socketOutcome')) };
  expect(outcome.socket).not.toMatch(/^message/);

  // 4. Rebinding: evil.test now resolves to the console's port; to the browser it is evil.test's own origin.
  const rebound = await page.goto(`http://evil.test:${stack.core.http!.port}/api/snapshot`);
  expect(rebound?.status()).toBe(421);
  const page2 = await page.goto(`http://evil.test:${stack.core.http!.port}/`);
  expect(page2?.status()).toBe(421);

  expect(await thresholds()).toEqual({ ok: true, result: {} });
  // The console itself, from its own origin, still works in the same browser.
  await page.goto(`http://${core}/#/settings`);
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
  await expect(page.getByTestId('role')).toHaveText('可操作');
});
