import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/app/context';
import { startCore, type Core } from '../../../electron/core/app/core';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { settingsHandlers } from '../../../electron/core/app/handlers/settings';
import { readStoredConnections } from '../../../electron/core/app/stored-connections';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { settingsMethods } from '../../../electron/core/contract/methods/settings';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { LiveModel } from '../../../electron/core/live/model';
import { headlessSecretStore, secretNames } from '../../../electron/core/security/headless-secrets';
import type { SecretStore } from '../../../electron/core/security/secret-store';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { until } from '../../support/waits';

// PBX connections stored from the Settings page: kept in the cache, AMI secrets in
// the secret store (never read back, never audited), applied by the next startCore.

type Name = keyof typeof settingsMethods;
const operator = { role: 'act', who: 'test:operator' } as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-connections-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openStores(dataDir: string): { db: Db; secrets: SecretStore } {
  const db = openDatabase(join(dataDir, 'callboard.db'));
  cleanups.push(() => void db.close());
  return { db, secrets: headlessSecretStore(dataDir) };
}

async function call<M extends Name>(name: M, params: unknown, context: Partial<CoreContext> & { db: Db }) {
  const request = settingsMethods[name].request.parse(params);
  const handler = settingsHandlers[name] as (request: unknown, context: CoreContext) => unknown;
  const full = { model: new LiveModel(), log: silentLogger, caller: { role: 'act', who: 'test:connections' }, config: { timeZone: 'Asia/Shanghai', connectionsSource: 'settings' }, ...context } as CoreContext;
  return (await handler(request, full)) as ReturnType<(typeof settingsHandlers)[M]>;
}

describe('settings.connections / settings.setConnections', () => {
  it('stores targets without their secrets, keeps the secret in the store and out of the audit row', async () => {
    const dataDir = tempDataDir();
    const { db, secrets } = openStores(dataDir);
    const saved = await call('settings.setConnections', { isConfirmed: true,
      ami: [
        { host: '10.0.0.5', port: 5038, username: 'callboard', secret: 'ami-secret-1' },
        { host: '10.0.0.6', port: 5039, username: 'callboard' },
      ],
      vendorApi: { baseUrl: 'http://10.0.0.5:8000/' },
    }, { db, secrets });
    expect(saved.ok).toBe(true);

    const shown = await call('settings.connections', {}, { db, secrets });
    expect(shown).toEqual({
      ami: [
        { id: 'pbx', host: '10.0.0.5', port: 5038, username: 'callboard', isSecretSet: true },
        { id: 'pbx2', host: '10.0.0.6', port: 5039, username: 'callboard', isSecretSet: false },
      ],
      vendorApi: { baseUrl: 'http://10.0.0.5:8000', pollSeconds: 5 },
      source: 'settings',
      historySource: 'settings',
    });
    expect(JSON.stringify(shown)).not.toContain('ami-secret-1');
    expect(secrets.get(secretNames.ami('pbx'))).toBe('ami-secret-1');
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('ami-secret-1');
    const audited = historyStores(db).audit.list({ action: 'settings.setConnections' });
    expect(audited[0]).toMatchObject({ who: 'test:connections', result: 'ok' });
    expect(JSON.stringify(audited)).not.toContain('ami-secret-1');

    // Secret absent keeps it, '' clears it, a removed target loses its secret; null drops the vendor API.
    await call('settings.setConnections', { isConfirmed: true, ami: [{ id: 'pbx', host: '10.0.0.5', port: 5038, username: 'callboard2' }] }, { db, secrets });
    expect(secrets.get(secretNames.ami('pbx'))).toBe('ami-secret-1');
    // A kept secret never follows its connection to another address: it must be typed again.
    const moved = await call('settings.setConnections', { isConfirmed: true, ami: [{ id: 'pbx', host: '10.0.0.7', port: 5038, username: 'callboard' }] }, { db, secrets });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid', message: 'type the AMI secret of pbx again: its address changed from 10.0.0.5:5038 to 10.0.0.7:5038' } });
    const portMoved = await call('settings.setConnections', { isConfirmed: true, ami: [{ id: 'pbx', host: '10.0.0.5', port: 5039, username: 'callboard' }] }, { db, secrets });
    expect(portMoved.ok).toBe(false);
    expect((await call('settings.connections', {}, { db, secrets })).ami).toEqual([{ id: 'pbx', host: '10.0.0.5', port: 5038, username: 'callboard2', isSecretSet: true }]);
    await call('settings.setConnections', { isConfirmed: true, ami: [{ id: 'pbx', host: '10.0.0.7', port: 5038, username: 'callboard', secret: 'ami-secret-2' }] }, { db, secrets });
    expect(secrets.get(secretNames.ami('pbx'))).toBe('ami-secret-2');
    expect((await call('settings.connections', {}, { db, secrets })).vendorApi).toEqual({ baseUrl: 'http://10.0.0.5:8000', pollSeconds: 5 });
    await call('settings.setConnections', { isConfirmed: true, ami: [{ id: 'pbx', host: '10.0.0.7', port: 5038, username: 'callboard', secret: '' }], vendorApi: null }, { db, secrets });
    expect(secrets.get(secretNames.ami('pbx'))).toBeUndefined();
    expect(await call('settings.connections', {}, { db, secrets })).toEqual({
      ami: [{ id: 'pbx', host: '10.0.0.7', port: 5038, username: 'callboard', isSecretSet: false }],
      source: 'settings',
      historySource: 'settings',
    });
  });

  it('keeps a shared history URL in the secret store, shows it with *** and gives the password back only to the same server', async () => {
    const { db, secrets } = openStores(tempDataDir());
    const url = 'postgres://cb:db-pw-9@10.0.0.9:5432/callboard';
    await call('settings.setConnections', { isConfirmed: true, ami: [], history: { url, pbx: 'site-a' } }, { db, secrets });
    const shown = await call('settings.connections', {}, { db, secrets });
    expect(shown.history).toEqual({ url: 'postgres://***@10.0.0.9:5432/callboard', pbx: 'site-a' });
    expect(secrets.get(secretNames.history)).toBe(url);
    expect(JSON.stringify(readStoredConnections(db))).not.toContain('db-pw-9');
    // Sent back as shown: the password stays; pointed at another server with ***: refused, nothing changed.
    await call('settings.setConnections', { isConfirmed: true, ami: [], history: { url: shown.history!.url, pbx: 'site-b' } }, { db, secrets });
    expect([secrets.get(secretNames.history), readStoredConnections(db).history]).toEqual([url, { pbx: 'site-b' }]);
    const moved = await call('settings.setConnections', { isConfirmed: true, ami: [], history: { url: 'postgres://***@10.6.6.6:5432/callboard' } }, { db, secrets });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/type the user name and password again/) } });
    expect(secrets.get(secretNames.history)).toBe(url);
    // Absent keeps it; null drops it and its secret.
    await call('settings.setConnections', { isConfirmed: true, ami: [] }, { db, secrets });
    expect(secrets.get(secretNames.history)).toBe(url);
    await call('settings.setConnections', { isConfirmed: true, ami: [], history: null }, { db, secrets });
    expect([secrets.get(secretNames.history), (await call('settings.connections', {}, { db, secrets })).history]).toEqual([undefined, undefined]);
    expect(JSON.stringify(historyStores(db).audit.list({ action: 'settings.setConnections' }))).not.toContain('db-pw-9');
  });

  it('shows the vendor API URL without its credentials, and keeps them only while the origin stays', async () => {
    const { db, secrets } = openStores(tempDataDir());
    await call('settings.setConnections', { isConfirmed: true, ami: [], vendorApi: { baseUrl: 'http://api:box-pw@10.0.0.5:8000' } }, { db, secrets });
    const shown = await call('settings.connections', {}, { db, secrets });
    expect(shown.vendorApi).toEqual({ baseUrl: 'http://***@10.0.0.5:8000', pollSeconds: 5 });
    await call('settings.setConnections', { isConfirmed: true, ami: [], vendorApi: { baseUrl: shown.vendorApi!.baseUrl, pollSeconds: 10 } }, { db, secrets });
    expect(readStoredConnections(db).vendorApi).toEqual({ baseUrl: 'http://api:box-pw@10.0.0.5:8000', pollSeconds: 10 });
    const moved = await call('settings.setConnections', { isConfirmed: true, ami: [], vendorApi: { baseUrl: 'http://***@10.0.0.66:8000' } }, { db, secrets });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(readStoredConnections(db).vendorApi?.baseUrl).toBe('http://api:box-pw@10.0.0.5:8000');
    expect(JSON.stringify(historyStores(db).audit.list({ action: 'settings.setConnections' }))).not.toContain('box-pw');
  });

  it('refuses bad hosts, ports and URLs, and secrets when the core has no secret store', async () => {
    const { db } = openStores(tempDataDir());
    const parse = (params: unknown) => settingsMethods['settings.setConnections'].request.safeParse(params).success;
    expect(parse({ isConfirmed: true, ami: [{ host: 'bad host', port: 5038, username: 'u' }] })).toBe(false);
    expect(parse({ isConfirmed: true, ami: [{ host: '10.0.0.5', port: 70000, username: 'u' }] })).toBe(false);
    expect(parse({ isConfirmed: true, ami: [], vendorApi: { baseUrl: 'ftp://10.0.0.5/' } })).toBe(false);
    expect(parse({ isConfirmed: true, ami: [{ host: '10.0.0.5', port: 5038, username: 'u' }], vendorApi: { baseUrl: 'http://10.0.0.5:8000' } })).toBe(true);
    // Where secrets go is changed only with the confirmation the page asks for.
    expect(parse({ ami: [{ host: '10.0.0.5', port: 5038, username: 'u' }], vendorApi: { baseUrl: 'http://10.0.0.5:8000' } })).toBe(false);
    const refused = await call('settings.setConnections', { isConfirmed: true, ami: [{ host: '10.0.0.5', port: 5038, username: 'u', secret: 's' }] }, { db });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect((await call('settings.connections', {}, { db })).ami).toEqual([]);
  });
});

describe('startCore with stored connections', () => {
  it('connects over AMI to the stored target when flags give no PBX', async () => {
    const pbx: DemoPbx = await startDemoPbx({ agents: 5, autoStart: false });
    cleanups.push(() => pbx.close());
    const dataDir = tempDataDir();
    const secrets = headlessSecretStore(dataDir);
    const db = openDatabase(join(dataDir, 'callboard.db'));
    const saved = await call('settings.setConnections', { isConfirmed: true,
      ami: [{ host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
    }, { db, secrets });
    expect(saved.ok).toBe(true);
    db.close();

    const config = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const };
    const core: Core = await startCore(config, { log: silentLogger, serveHttp: false, secrets });
    cleanups.push(() => core.close());
    await until(() => core.model.connections.get('pbx')?.state === 'connected', 'the stored AMI target connected');
    expect(core.config.ami.map((target) => target.host)).toEqual(['127.0.0.1']);
    expect(await core.dispatch('settings.connections', {}, operator)).toMatchObject({ ok: true, result: { source: 'settings', ami: [{ id: 'pbx', isSecretSet: true }] } });
  });

  it('ignores the stored connections while flags configure a PBX', async () => {
    const dataDir = tempDataDir();
    const secrets = headlessSecretStore(dataDir);
    const db = openDatabase(join(dataDir, 'callboard.db'));
    await call('settings.setConnections', { isConfirmed: true, ami: [{ host: '127.0.0.1', port: 1, username: 'u' }] }, { db, secrets });
    db.close();
    const config = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, vendorApi: { baseUrl: 'http://127.0.0.1:1', pollSeconds: 60 } };
    const core = await startCore(config, { log: silentLogger, serveHttp: false, secrets });
    cleanups.push(() => core.close());
    expect(core.config.ami).toEqual([]);
    expect(await core.dispatch('settings.connections', {}, operator)).toMatchObject({ ok: true, result: { source: 'flags', ami: [{ id: 'pbx' }] } });
  });
});
