import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import type { CoreContext } from '../../../electron/core/app/context';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { settingsHandlers } from '../../../electron/core/app/handlers/settings';
import { silentLogger } from '../../../electron/core/base/logger';
import { gatewayConfigFromSettings, readGatewaySettings } from '../../../electron/core/app/start-gateway';
import { defaultConfig } from '../../../electron/core/config/config';
import { settingsMethods } from '../../../electron/core/contract/methods/settings';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { LiveModel } from '../../../electron/core/live/model';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';
import { tempDatabase } from '../store/support/temp-db';
import { freePort } from '../../support/waits';

// The vendor API gateway configured from the Settings page: stored in
// the cache, the WEBKEY never read back, api.conf importable, applied at start.

type Name = keyof typeof settingsMethods;

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
beforeAll(() => {
  temp = tempDatabase('callboard-gateway-settings-');
  db = temp.open();
});
afterAll(() => temp.cleanup());

const contextOf = (on: Db) => ({ model: new LiveModel(), db: on, log: silentLogger, caller: { role: 'act', who: 'test:gateway' } }) as CoreContext;

async function call<M extends Name>(name: M, params: unknown) {
  const request = settingsMethods[name].request.parse(params);
  const handler = settingsHandlers[name] as (request: unknown, context: CoreContext) => unknown;
  return (await handler(request, contextOf(db))) as ReturnType<(typeof settingsHandlers)[M]>;
}

const form = {
  isConfirmed: true,
  isEnabled: true, bindHost: '127.0.0.1', bindPort: 8123, url: 'http://10.0.0.5:8090/', webkey: 'form-secret-key',
  mac: '68:69:2e:03:8b:3e', pauseTime: true, wrapupSeconds: 20,
};

describe('settings.gateway / settings.setGateway', () => {
  it('starts disabled, stores the form, reads it back without the WEBKEY, and keeps the key when none is sent', async () => {
    expect(await call('settings.gateway', {})).toMatchObject({ isEnabled: false, bindPort: 8000, isWebkeySet: false });
    const saved = await call('settings.setGateway', form);
    const { webkey: _webkey, isConfirmed: _isConfirmed, ...shown } = form;
    expect(saved).toEqual({ ok: true, value: { ...shown, isWebkeySet: true } });
    const read = await call('settings.gateway', {});
    expect(read).toEqual({ ...shown, isWebkeySet: true });
    expect(JSON.stringify(read)).not.toContain('form-secret-key');

    // No webkey = keep; the URL left out = API only.
    const { url: _url, webkey: _key, ...withoutUrl } = form;
    await call('settings.setGateway', { ...withoutUrl, bindPort: 8124 });
    expect(readGatewaySettings(db)).toMatchObject({ bindPort: 8124, webkey: 'form-secret-key' });
    expect(readGatewaySettings(db).url).toBeUndefined();
    // An empty webkey clears it (the box then checks nothing).
    await call('settings.setGateway', { ...withoutUrl, webkey: '' });
    expect(await call('settings.gateway', {})).toMatchObject({ isWebkeySet: false });

    const audited = historyStores(db).audit.list({ action: 'settings.setGateway' });
    expect(audited).toHaveLength(3);
    expect(audited[0]).toMatchObject({ who: 'test:gateway', result: 'ok', target: 'gateway' });
    expect(JSON.stringify(audited)).not.toContain('form-secret-key');
  });

  it('imports an api.conf text over the stored settings and refuses malformed fields', async () => {
    await call('settings.setGateway', form);
    const text = '[general]\nBINDPORT=8200\nURL=http://192.168.1.20:8090/\nWEBKEY=conf-key\n;mac=00:00\n[enable]\npausetime=no\n';
    const imported = await call('settings.setGateway', { apiConfText: text, isConfirmed: true });
    expect(imported).toMatchObject({ ok: true, value: { isEnabled: true, bindHost: '127.0.0.1', bindPort: 8200, url: 'http://192.168.1.20:8090/', mac: '', pauseTime: false, isWebkeySet: true } });
    expect(readGatewaySettings(db).webkey).toBe('conf-key');
    expect(historyStores(db).audit.list({ action: 'settings.setGateway' })[0]).toMatchObject({ target: 'api.conf import' });
    expect(JSON.stringify(historyStores(db).audit.list({ action: 'settings.setGateway' }))).not.toContain('conf-key');

    const config = gatewayConfigFromSettings(db, defaultConfig(temp.dir));
    expect(config).toMatchObject({ bindPort: 8200, webkey: 'conf-key', url: 'http://192.168.1.20:8090/', timeZone: 'Asia/Shanghai' });

    expect(() => settingsMethods['settings.setGateway'].request.parse({ ...form, bindPort: 70_000 })).toThrow();
    expect(() => settingsMethods['settings.setGateway'].request.parse({ ...form, url: 'ftp://x/' })).toThrow();
    expect(() => settingsMethods['settings.setGateway'].request.parse({ ...form, apiConfText: text })).toThrow();
    // It opens a listener: never without the confirmation the Settings page asks for.
    const { isConfirmed: _confirmed, ...unconfirmed } = form;
    expect(settingsMethods['settings.setGateway'].request.safeParse(unconfirmed).error?.message).toMatch(/must be confirmed/);
    expect(settingsMethods['settings.setGateway'].request.safeParse({ apiConfText: text, isConfirmed: false }).success).toBe(false);
  });

  it('shows URLs without their credentials, and puts the stored ones back only for the same origin', async () => {
    await call('settings.setGateway', { ...form, url: 'http://push:pw-123@10.0.0.5:8090/events', popUrl: 'http://crm:pop-pw@10.0.0.9/pop' });
    const shown = await call('settings.gateway', {});
    expect(shown).toMatchObject({ url: 'http://***@10.0.0.5:8090/events', popUrl: 'http://***@10.0.0.9/pop' });
    expect(JSON.stringify(shown)).not.toMatch(/pw-123|pop-pw/);
    // The form sends back what it showed: the credentials stay.
    await call('settings.setGateway', { ...form, url: shown.url, popUrl: shown.popUrl });
    expect(readGatewaySettings(db)).toMatchObject({ url: 'http://push:pw-123@10.0.0.5:8090/events', popUrl: 'http://crm:pop-pw@10.0.0.9/pop' });
    // The same *** pointed elsewhere: the stored credentials do not follow it.
    const moved = await call('settings.setGateway', { ...form, url: 'http://***@attacker.example:8090/events' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/type the user name and password again/) } });
    expect(readGatewaySettings(db).url).toBe('http://push:pw-123@10.0.0.5:8090/events');
    expect(JSON.stringify(historyStores(db).audit.list({ action: 'settings.setGateway' }))).not.toMatch(/pw-123|pop-pw/);
  });
});

describe('core with gateway settings and no --gateway flag', () => {
  let core: Core | undefined;
  let pbx: DemoPbx | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await core?.close();
    await pbx?.close();
    core = pbx = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function startWithStored(isEnabled: boolean): Promise<number> {
    pbx = await startDemoPbx({ agents: 3, autoStart: false });
    const apiPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'callboard-gw-settings-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const config = {
      ...defaultConfig(dataDir),
      http: { host: '127.0.0.1', port: 0 },
      ami: [{ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
    };
    // Saved by the page of an earlier run, through the same handler.
    mkdirSync(dataDir, { recursive: true });
    const earlier = openDatabase(join(dataDir, 'callboard.db'));
    const request = settingsMethods['settings.setGateway'].request.parse({ ...form, isEnabled, bindPort: apiPort, webkey: 'stored-key' });
    (settingsHandlers['settings.setGateway'] as (request: unknown, context: CoreContext) => unknown)(request, contextOf(earlier));
    earlier.close();
    core = await startCore(config, { log: silentLogger, serveHttp: false });
    await core.amiBackends[0]!.whenSynced();
    return apiPort;
  }

  it('serves /coocenter-api/ on the stored port with the stored WEBKEY', async () => {
    const apiPort = await startWithStored(true);
    const url = `http://127.0.0.1:${apiPort}/coocenter-api/extensions/extension-hints-status`;
    const hints = await fetch(url, { headers: { authorization: webkeyToken('stored-key', Date.now()) } });
    expect(hints.status).toBe(200);
    expect(((await hints.json()) as { extension: string }[]).length).toBeGreaterThan(0);
    expect((await fetch(url)).status).toBe(401);
  });

  it('starts no gateway when the stored settings leave it off', async () => {
    const apiPort = await startWithStored(false);
    await expect(fetch(`http://127.0.0.1:${apiPort}/coocenter-api/extensions/extension-hints-status`)).rejects.toThrow();
  });
});
