// Another site's page in the supervisor's browser against the console on loopback
// (no token: loopback may act). Each request below is what a browser sends for that
// attack, over real HTTP to a real core; none may change a setting or read the cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/base/logger';
import { defaultConfig } from '../../electron/core/config/config';
import type { ServerFrame } from '../../electron/core/contract';

let core: Core | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(publicHosts: string[] = []): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-cross-origin-'));
  const webRoot = mkdtempSync(join(tmpdir(), 'callboard-cross-origin-web-'));
  dirs.push(dataDir, webRoot);
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>console</title>');
  const config = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, publicHosts };
  core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot });
  return core.http!.port;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request with exactly these headers (fetch would not let a test set Host or Origin). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hostile = JSON.stringify({ byQueue: { '*': { waitingRed: 999 } } });
const thresholds = () => core!.dispatch('settings.thresholds', {}, { role: 'act', who: 'test' });

describe('a page on another site cannot drive the console', () => {
  it('a cross-site HTML form post (urlencoded and text/plain) is refused and changes nothing', async () => {
    const port = await start();
    const host = `127.0.0.1:${port}`;
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const answer = await send(port, 'POST', '/api/invoke/settings.setThresholds', { host, origin: 'http://evil.example', 'content-type': contentType, 'sec-fetch-site': 'cross-site' }, hostile);
      expect([403, 415], contentType).toContain(answer.status);
    }
    // A privacy-stripped form post says Origin: null.
    expect((await send(port, 'POST', '/api/invoke/settings.setThresholds', { host, origin: 'null', 'content-type': 'application/json' }, hostile)).status).toBe(403);
    expect(await thresholds()).toEqual({ ok: true, result: {} });
  });

  it('a no-cors text/plain fetch is refused, even with the Origin header stripped', async () => {
    const port = await start();
    const host = `127.0.0.1:${port}`;
    const noCors = { host, 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-mode': 'no-cors' };
    expect((await send(port, 'POST', '/api/invoke/settings.setThresholds', { ...noCors, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, hostile)).status).toBe(403);
    expect((await send(port, 'POST', '/api/invoke/settings.setThresholds', noCors, hostile)).status).toBe(415);
    // A history upload keeps its own content type, so it needs Origin (or a token header).
    const upload = '{"event":"cc_cdr","uuid":"forged.1","startTime":"2026-01-01 10:00:00","endTime":"2026-01-01 10:01:00"}\n';
    expect((await send(port, 'POST', '/api/import?format=jsonl', { host, 'content-type': 'text/plain' }, upload)).status).toBe(403);
    expect((await send(port, 'POST', '/api/import?format=jsonl', { host, origin: 'http://evil.example', 'content-type': 'text/plain' }, upload)).status).toBe(403);
    expect(await thresholds()).toEqual({ ok: true, result: {} });
    expect(core!.db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 0 });
  });

  it('the console itself (own Origin) and a script (JSON, no Origin) still act', async () => {
    const port = await start();
    const host = `127.0.0.1:${port}`;
    const own = await send(port, 'POST', '/api/invoke/settings.setThresholds', { host, origin: `http://${host}`, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, hostile);
    expect(own.status).toBe(200);
    const script = await send(port, 'POST', '/api/invoke/settings.thresholds', { host, 'content-type': 'application/json' }, '{}');
    expect(JSON.parse(script.body)).toEqual({ ok: true, result: { '*': { waitingRed: 999 } } });
  });

  it('a WebSocket opened by another origin is refused before it gets a hello', async () => {
    const port = await start();
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('message', () => reject(new Error('a foreign origin got a frame')));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(403);
    const own = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { origin: `http://127.0.0.1:${port}` });
    const hello = await new Promise<ServerFrame>((resolve) => own.once('message', (data) => resolve(JSON.parse(String(data)) as ServerFrame)));
    expect(hello).toEqual({ t: 'hello', role: 'act' });
    own.close();
  });

  it('DNS rebinding: a Host the console does not serve is refused for every route, the upgrade too', async () => {
    const port = await start(['callboard.office.lan']);
    const rebound = `evil.example:${port}`;
    // To the browser the attacker's page and these requests are "same origin".
    const sameOrigin = { host: rebound, origin: `http://${rebound}`, 'sec-fetch-site': 'same-origin' };
    expect((await send(port, 'GET', '/api/snapshot', sameOrigin)).status).toBe(421);
    expect((await send(port, 'GET', '/api/export/calls.csv', sameOrigin)).status).toBe(421);
    expect((await send(port, 'GET', '/', { host: rebound })).status).toBe(421);
    expect((await send(port, 'POST', '/api/invoke/settings.setThresholds', { ...sameOrigin, 'content-type': 'application/json' }, hostile)).status).toBe(421);
    const upgrade = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { host: rebound }, origin: `http://${rebound}` });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(upgrade).toBe(421);
    expect(await thresholds()).toEqual({ ok: true, result: {} });
    // Names it does serve: loopback, IP literals, the configured public name.
    for (const served of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `192.168.12.5:${port}`, `callboard.office.lan:${port}`, `CALLBOARD.office.lan.:${port}`]) {
      expect((await send(port, 'GET', '/api/snapshot', { host: served })).status, served).toBe(200);
    }
  });

  it('the UI cannot be framed, and /api is not embedded by other sites', async () => {
    const port = await start();
    const host = `127.0.0.1:${port}`;
    const page = await send(port, 'GET', '/', { host });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    // <img>/<audio> of an export or recording from another site (or another port of this host).
    for (const site of ['cross-site', 'same-site']) {
      expect((await send(port, 'GET', '/api/export/calls.csv', { host, 'sec-fetch-site': site })).status, site).toBe(403);
    }
  });
});
