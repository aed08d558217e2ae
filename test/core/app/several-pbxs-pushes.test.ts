import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { attributePushes } from '../../../electron/core/app/push-attribution';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../../electron/core/config/config';
import { amiTargetOf, startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { openDatabase } from '../../../electron/core/store/database';
import { until } from '../../support/waits';

// Pushes in a console of two PBXs: a push names no PBX, so it is known by its sender,
// the address of one PBX's AMI host. Each PBX here listens on its own loopback address
// (127.0.0.2 and 127.0.0.3) and the pushes are sent from those addresses.

let core: Core | undefined;
let config: CoreConfig;
const pbxs: DemoPbx[] = [];

beforeAll(async () => {
  const [bj, sh] = await Promise.all([
    startDemoPbx({ agents: 4, autoStart: false, ami: { host: '127.0.0.2', port: 0 } }),
    startDemoPbx({ agents: 4, autoStart: false, seed: 2, ami: { host: '127.0.0.3', port: 0 } }),
  ]);
  pbxs.push(bj!, sh!);
  config = {
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-two-pbx-push-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: { host: '127.0.0.1', port: 0 },
    ami: [amiTargetOf(bj!, 'bj', '127.0.0.2'), amiTargetOf(sh!, 'sh', '127.0.0.3')],
  };
  core = await startCore(config, { log: silentLogger, serveHttp: false });
  await Promise.all(core.amiBackends.map((backend) => backend.whenSynced()));
});

afterAll(async () => {
  await core?.close();
  await Promise.all(pbxs.map((pbx) => pbx.close()));
});

/** POSTs a push to the core's receiver from the local address `from`. */
function push(from: string, body: object): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: core!.receiverPort, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const ccCdr = (uuid: string) => ({
  event: 'cc_cdr', uuid, caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: '801', callType: 'in',
  cdrState: 'bridged', startTime: '2026-11-25 10:00:00', endTime: '2026-11-25 10:00:50', duration: 50, queueTime: 5, talkingTime: 40,
});
const callRow = (uniqueid: string) => core!.db.prepare('SELECT uniqueid, queue, agent FROM calls WHERE uniqueid = ?').get(uniqueid);

describe('pushes to a console of two PBXs', () => {
  it('files a finished call under the PBX that pushed it', async () => {
    expect((await push('127.0.0.3', ccCdr('push.1'))).status).toBe(200);
    await until(() => callRow('sh:push.1') !== undefined, 'the pushed call in the cache');
    expect(callRow('sh:push.1')).toEqual({ uniqueid: 'sh:push.1', queue: 'sh:630', agent: 'sh:801' });
    expect(callRow('push.1')).toBeUndefined();
  });

  it('changes the extension of the PBX that pushed, not its namesake on the other', async () => {
    expect((await push('127.0.0.2', { event: 'extensionstatus', exten: '802', status: 1 })).status).toBe(200);
    await until(() => core!.model.extensions.get('bj:802')?.state === 'inuse', 'bj:802 in use');
    expect(core!.model.extensions.get('sh:802')?.state).toBe('idle');
    expect(core!.model.extensions.has('802')).toBe(false);
  });

  it('refuses, before storing, a push from an address that is none of its PBXs', async () => {
    const rawBefore = core!.db.prepare('SELECT COUNT(*) AS n FROM raw_events').get();
    const refused = await push('127.0.0.1', ccCdr('push.2'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toMatch(/address 127\.0\.0\.1 is none of the PBXs this console watches/);
    expect(core!.db.prepare('SELECT COUNT(*) AS n FROM raw_events').get()).toEqual(rawBefore);
  });

  it('rebuilds an acknowledged push a crash left without its call under the PBX that sent it', async () => {
    await core!.close();
    core = undefined;
    const db = openDatabase(join(config.dataDir, 'callboard.db'));
    db.prepare("INSERT INTO raw_events (source, event_type, is_known, remote, body, received_at) VALUES ('push', 'cc_cdr', 1, '127.0.0.2', ?, ?)")
      .run(JSON.stringify(ccCdr('crash.1')), Date.now());
    db.close();
    core = await startCore(config, { log: silentLogger, serveHttp: false });
    expect(callRow('bj:crash.1')).toEqual({ uniqueid: 'bj:crash.1', queue: 'bj:630', agent: 'bj:801' });
  });
});

describe('attributePushes', () => {
  it('knows a PBX by each address of its host, and nobody by an address two PBXs share', async () => {
    const hosts: Record<string, string[]> = { 'bj.lan': ['10.0.0.5', '::ffff:10.0.0.6'], 'sh.lan': ['10.0.1.5'], 'shared.lan': ['10.0.1.5'] };
    const target = (id: string, host: string) => ({ id, host, port: 5038, username: 'u', secret: 's' });
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const attribution = await attributePushes([target('bj', 'bj.lan'), target('sh', 'sh.lan'), target('gz', 'shared.lan'), target('sz', 'gone.lan')], log,
      async (host) => hosts[host] ?? Promise.reject(new Error('ENOTFOUND')));
    expect(['10.0.0.5', '::ffff:10.0.0.5', '10.0.0.6', '10.0.1.5', '10.9.9.9'].map((remote) => attribution.pbxOf(remote))).toEqual(['bj', 'bj', 'bj', undefined, undefined]);
    expect(warnings).toEqual([
      expect.stringMatching(/pushes of PBX sz will be refused: its host gone\.lan does not resolve/),
      expect.stringMatching(/pushes from 10\.0\.1\.5 will be refused: PBXs sh, gz all have that address/),
    ]);
  });
});
