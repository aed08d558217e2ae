import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPauseReasons } from '../../../electron/core/actions/action-settings';
import type { ActionService } from '../../../electron/core/actions/service';
import { startActionService } from '../../../electron/core/actions/start';
import type { CoreContext } from '../../../electron/core/app/context';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { settingsHandlers } from '../../../electron/core/app/handlers/settings';
import { silentLogger } from '../../../electron/core/base/logger';
import { settingsMethods } from '../../../electron/core/contract/methods/settings';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { LiveModel } from '../../../electron/core/live/model';
import type { Db } from '../../../electron/core/store/database';
import { createEventLog } from '../../../electron/core/store/event-log';
import { pruneRawEvents } from '../../../electron/core/store/maintenance';
import { receiverUrls } from '../../../electron/core/vendor-api/api-conf';
import { tempDatabase } from '../store/support/temp-db';

type Name = keyof typeof settingsMethods;

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
const services: ActionService[] = [];
let pbx: DemoPbx;
const servers: Server[] = [];
const httpServers: HttpServer[] = [];

beforeAll(async () => {
  temp = tempDatabase('callboard-settings-');
  db = temp.open();
  pbx = await startDemoPbx({ agents: 3, autoStart: false, webkey: 'demo-key', api: { host: '127.0.0.1', port: 0 } });
});
afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(httpServers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(async () => {
  await pbx.close();
  temp.cleanup();
});

/** A handler's context: a fresh model and an action service without a PBX backend, unless `extra` brings its own. */
function contextOf(extra: Partial<CoreContext> = {}): CoreContext {
  const model = extra.model ?? new LiveModel();
  const actions = extra.actions ?? startActionService({ model, db, log: silentLogger, amiBackends: [] });
  if (!extra.actions) services.push(actions);
  return { db, log: silentLogger, caller: { role: 'act', who: 'test:settings' }, ...extra, model, actions };
}

/** Parse with the method's schema, as the dispatcher does, then run the handler. */
async function call<M extends Name>(name: M, params: unknown, context = contextOf()) {
  const request = settingsMethods[name].request.parse(params);
  const handler = settingsHandlers[name] as (request: unknown, context: CoreContext) => unknown;
  return (await handler(request, context)) as ReturnType<(typeof settingsHandlers)[M]> extends Promise<infer R> ? R : ReturnType<(typeof settingsHandlers)[M]>;
}

/** A port nothing listens on: bind an ephemeral one, then free it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('settings.thresholds', () => {
  it('starts empty, keeps what is set in the SQLite file, and refuses negative levels', async () => {
    expect(await call('settings.thresholds', {})).toEqual({});
    const byQueue = { '*': { waitingAmber: 1, waitingRed: 2 }, '630': { longestWaitRedSeconds: 45 } };
    expect(await call('settings.setThresholds', { byQueue })).toEqual({ ok: true, value: undefined });
    db.close();
    db = temp.open();
    expect(await call('settings.thresholds', {})).toEqual(byQueue);
    expect(() => settingsMethods['settings.setThresholds'].request.parse({ byQueue: { '*': { waitingAmber: -1 } } })).toThrow();
    expect(() => settingsMethods['settings.setThresholds'].request.parse({ byQueue: { '*': { colour: 3 } } })).toThrow();
    expect(historyStores(db).audit.list({ action: 'settings.setThresholds' })[0]).toMatchObject({ who: 'test:settings', result: 'ok' });
  });

  it('tells every open screen when they change, through the live model', async () => {
    const model = new LiveModel();
    const updates: unknown[] = [];
    model.subscribe((update) => updates.push(update));
    expect(await call('settings.setThresholds', { byQueue: { '*': { waitingAmber: 2 } } }, contextOf({ model }))).toEqual({ ok: true, value: undefined });
    expect(updates).toEqual([{ kind: 'settingsChanged', setting: 'thresholds' }]);
  });

  it('refuses amber at or above red, counting the defaults a queue inherits, and keeps what was stored', async () => {
    const stored = { '*': { waitingAmber: 1, waitingRed: 4 } };
    expect(await call('settings.setThresholds', { byQueue: stored })).toMatchObject({ ok: true });
    const model = new LiveModel();
    const updates: unknown[] = [];
    model.subscribe((update) => updates.push(update));
    // 630 lowers only red, below the amber of every queue; the built-in longest-wait amber (30 s) is above 631's red.
    const refused = await call('settings.setThresholds', { byQueue: { ...stored, '630': { waitingRed: 1 }, '631': { longestWaitRedSeconds: 20 } } }, contextOf({ model }));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'waitingAmber (1) of queue 630 must be below waitingRed (1); longestWaitAmberSeconds (30) of queue 631 must be below longestWaitRedSeconds (20)' },
    });
    expect(await call('settings.setThresholds', { byQueue: { '*': { abandonRateAmber: 120, abandonRateRed: 150 } } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await call('settings.thresholds', {})).toEqual(stored);
    expect(updates).toEqual([]);
    expect(historyStores(db).audit.list({ action: 'settings.setThresholds' })[0]).toMatchObject({ result: 'error' });
  });
});

describe('settings.retention', () => {
  it('defaults to 30 days and drives pruneRawEvents', async () => {
    expect(await call('settings.retention', {})).toEqual({ rawEventDays: 30 });
    const now = Date.parse('2026-11-25T12:00:00Z');
    const log = createEventLog(db);
    await log.append({ source: 'push', eventType: 'extensionstatus', isKnown: true, body: '{}', receivedAt: now - 10 * 86_400_000 });
    await log.append({ source: 'push', eventType: 'extensionstatus', isKnown: true, body: '{}', receivedAt: now - 86_400_000 });
    await log.close();
    expect(await pruneRawEvents(db, { now })).toBe(0);
    expect(await call('settings.setRetention', { rawEventDays: 7 })).toEqual({ ok: true, value: undefined });
    expect(await call('settings.retention', {})).toEqual({ rawEventDays: 7 });
    expect(await pruneRawEvents(db, { now })).toBe(1);
    expect(() => settingsMethods['settings.setRetention'].request.parse({ rawEventDays: 0 })).toThrow();
  });
});

describe('settings.receiverUrls', () => {
  it('lists one URL per LAN address with the receiver port, none without a receiver', async () => {
    const reply = await call('settings.receiverUrls', {}, contextOf({ config: { receiverPort: 18090, timeZone: 'Asia/Shanghai' } }));
    expect(reply).toEqual({ port: 18090, urls: receiverUrls(18090) });
    for (const url of reply.urls) expect(url).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:18090$/);
    expect(await call('settings.receiverUrls', {})).toEqual({ urls: [] });
  });

  it('offers only an address the PBX can reach: the bound one, or none when the receiver listens locally', async () => {
    const on = (receiverHost: string) => contextOf({ config: { receiverPort: 8090, receiverHost, timeZone: 'Asia/Shanghai' } });
    expect(await call('settings.receiverUrls', {}, on('0.0.0.0'))).toEqual({ port: 8090, urls: receiverUrls(8090) });
    expect(await call('settings.receiverUrls', {}, on('192.168.12.185'))).toEqual({ port: 8090, urls: ['http://192.168.12.185:8090'] });
    expect(await call('settings.receiverUrls', {}, on('127.0.0.1'))).toEqual({ port: 8090, urls: [], localOnly: { host: '127.0.0.1' } });
    expect(await call('settings.receiverUrls', {}, on('::1'))).toEqual({ port: 8090, urls: [], localOnly: { host: '::1' } });
  });
});

describe('settings.testAmi', () => {
  it('logs in to the demo PBX with the right secret', async () => {
    const reply = await call('settings.testAmi', { host: '127.0.0.1', port: pbx.amiPort, ...pbx.credentials });
    expect(reply.code).toBe('ok');
  });

  it('reports auth_failed for a wrong secret, without echoing it anywhere', async () => {
    const secret = 'wrong-secret-4711';
    const reply = await call('settings.testAmi', { host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret });
    expect(reply.code).toBe('auth_failed');
    expect(JSON.stringify(reply)).not.toContain(secret);
    const audited = historyStores(db).audit.list({ action: 'settings.testAmi' });
    expect(audited[0]).toMatchObject({ result: 'error', target: `127.0.0.1:${pbx.amiPort}` });
    expect(JSON.stringify(audited)).not.toContain(secret);
    expect(JSON.stringify(audited)).not.toContain(pbx.credentials.secret);
  });

  it('reports refused for a closed port', async () => {
    const reply = await call('settings.testAmi', { host: '127.0.0.1', port: await closedPort(), username: 'admin', secret: 'x' });
    expect(reply.code).toBe('refused');
  });

  it('reports timeout when the peer accepts but never greets', async () => {
    const accepted: Socket[] = [];
    const silent = createServer((socket) => {
      accepted.push(socket.resume());
    });
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const reply = await call('settings.testAmi', { host: '127.0.0.1', port: (silent.address() as { port: number }).port, username: 'admin', secret: 'x' });
    expect(reply.code).toBe('timeout');
    // The test leaves no half-open session behind: the client hung up after giving up.
    await expect.poll(() => accepted.length > 0 && accepted.every((socket) => socket.readableEnded || socket.destroyed)).toBe(true);
    for (const socket of accepted) socket.destroy();
  });
});

describe('settings.testVendorApi', () => {
  /** An HTTP server counting what reaches it, answering `answer`. */
  async function counting(answer: (res: ServerResponse) => void): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createHttpServer((_req, res) => {
      hits += 1;
      answer(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpServers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits: () => hits };
  }
  const configured = (baseUrl: string) => contextOf({ config: { timeZone: 'Asia/Shanghai', vendorApiBaseUrl: baseUrl } });

  it('the configured vendor API: ok, forbidden with a wrong key, refused on a closed port — by HTTP status only', async () => {
    const baseUrl = `http://127.0.0.1:${pbx.apiPort}`;
    const ok = await call('settings.testVendorApi', { baseUrl, webkey: 'demo-key', isConfirmed: true }, configured(baseUrl));
    expect(ok).toMatchObject({ code: 'ok', httpStatus: 200 });
    const wrong = await call('settings.testVendorApi', { baseUrl, webkey: 'not-the-key', isConfirmed: true }, configured(baseUrl));
    expect(wrong).toMatchObject({ code: 'forbidden', httpStatus: 401 });
    expect(JSON.stringify(wrong)).not.toContain('not-the-key');
    const closed = `http://127.0.0.1:${await closedPort()}`;
    expect((await call('settings.testVendorApi', { baseUrl: closed, webkey: 'demo-key', isConfirmed: true }, configured(closed))).code).toBe('refused');
    expect(() => settingsMethods['settings.testVendorApi'].request.parse({ baseUrl: 'ftp://pbx', isConfirmed: true })).toThrow();
    // The core fetches the URL: never without the confirmation the page asks for.
    expect(settingsMethods['settings.testVendorApi'].request.safeParse({ baseUrl }).error?.message).toMatch(/must be confirmed/);
  });

  it('SSRF: loopback, link-local and private targets that are not the configured API are refused before any request', async () => {
    const inside = await counting((res) => res.end('{"status":"success","data":[]}'));
    const port = new URL(inside.url).port;
    const elsewhere = `http://127.0.0.1:${pbx.apiPort}`;
    for (const baseUrl of [inside.url, `http://localhost:${port}`, `http://[::1]:${port}`, `http://[::ffff:127.0.0.1]:${port}`, `http://0.0.0.0:${port}`, 'http://169.254.169.254', 'http://10.1.2.3:8000', 'http://192.168.12.183:8000', 'http://[fd00::1]:8000']) {
      const result = await call('settings.testVendorApi', { baseUrl, isConfirmed: true }, configured(elsewhere));
      expect(result.code, baseUrl).toBe('blocked');
      expect(result.message, baseUrl).toMatch(/internal address/);
    }
    expect(inside.hits()).toBe(0);
    const audited = historyStores(db).audit.list({ action: 'settings.testVendorApi' });
    expect(audited[0]).toMatchObject({ result: 'error', target: 'http://[fd00::1]:8000' });
  });

  it('never returns the answer body, and does not follow a redirect inside', async () => {
    const secretBody = await counting((res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"status":"error","message":"TOP-SECRET-BODY"}'));
    const result = await call('settings.testVendorApi', { baseUrl: secretBody.url, isConfirmed: true }, configured(secretBody.url));
    expect(result).toMatchObject({ code: 'error', httpStatus: 500, message: 'HTTP 500' });
    expect(JSON.stringify(result)).not.toContain('TOP-SECRET');

    const inside = await counting((res) => res.end('inside'));
    const redirecting = await counting((res) => res.writeHead(302, { location: `${inside.url}/coocenter-api/extensions/extension-hints-status` }).end());
    const redirected = await call('settings.testVendorApi', { baseUrl: redirecting.url, isConfirmed: true }, configured(redirecting.url));
    expect(redirected).toMatchObject({ code: 'error', httpStatus: 302 });
    expect(inside.hits()).toBe(0);
  });
});

describe('settings.setPauseReasons', () => {
  it('saves the reasons where the action service loads them, keeps wrap-up, refuses duplicates', async () => {
    const reasons = [
      { code: 'lunch', labels: { 'zh-CN': '午餐', en: 'Lunch' } },
      { code: 'it-issue', labels: { 'zh-CN': '设备故障', en: 'IT issue' } },
    ];
    expect(await call('settings.setPauseReasons', { reasons })).toEqual({ ok: true, value: undefined });
    expect(loadPauseReasons(db).map((reason) => reason.code)).toEqual(['lunch', 'it-issue', 'wrap-up']);
    const duplicate = await call('settings.setPauseReasons', { reasons: [...reasons, reasons[0]] });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const onlyWrapup = await call('settings.setPauseReasons', { reasons: [{ code: 'wrap-up', labels: { 'zh-CN': '话后整理', en: 'Wrap-up' } }] });
    expect(onlyWrapup).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(loadPauseReasons(db).map((reason) => reason.code)).toEqual(['lunch', 'it-issue', 'wrap-up']);
  });

  it('hands the new list to the running action service', async () => {
    const context = contextOf();
    expect(context.actions.pauseReasons().map((reason) => reason.code)).not.toContain('break');
    await call('settings.setPauseReasons', { reasons: [{ code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } }] }, context);
    expect(context.actions.pauseReasons().map((reason) => reason.code)).toEqual(['break', 'wrap-up']);
  });

  it('tells every open screen through the live model', async () => {
    const model = new LiveModel();
    const updates: unknown[] = [];
    model.subscribe((update) => updates.push(update));
    const reasons = [{ code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } }];
    expect(await call('settings.setPauseReasons', { reasons }, contextOf({ model }))).toEqual({ ok: true, value: undefined });
    expect(updates).toEqual([{ kind: 'settingsChanged', setting: 'pauseReasons' }]);
  });
});
