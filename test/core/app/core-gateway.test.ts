import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';
import { freePort, until } from '../../support/waits';

// The gateway inside the app (`callboard serve --gateway api.conf`) pushing into
// the same app's receiver: the loopback self-test, end to end.

let core: Core | undefined;
let pbx: DemoPbx | undefined;
afterEach(async () => {
  await core?.close();
  await pbx?.close();
  core = pbx = undefined;
});

describe('core with --gateway', () => {
  it('serves the vendor API over AMI and pushes a finished queue call into its own receiver', async () => {
    pbx = await startDemoPbx({ agents: 6, autoStart: false });
    const [apiPort, receiverPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'callboard-gw-'));
    const apiConf = join(dir, 'api.conf');
    writeFileSync(apiConf, `[general]\nBINDPORT=${apiPort}\nURL=http://127.0.0.1:${receiverPort}/\nWEBKEY=loopkey\nmac=68:69:2e:03:8b:3e\n[enable]\npausetime=no\n`);
    core = await startCore(
      {
        ...defaultConfig(join(dir, 'data')),
        http: { host: '127.0.0.1', port: 0 },
        receiver: { host: '127.0.0.1', port: receiverPort },
        webkey: 'loopkey',
        gatewayApiConf: apiConf,
        ami: [{ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
      },
      { log: silentLogger, serveHttp: false },
    );
    await core.amiBackends[0]!.whenSynced();

    const hints = await fetch(`http://127.0.0.1:${apiPort}/coocenter-api/extensions/extension-hints-status`, {
      headers: { authorization: webkeyToken('loopkey', Date.now()) },
    });
    expect(hints.status).toBe(200);
    const body = (await hints.json()) as { extension: string; status: string }[];
    expect(body.map((h) => h.extension)).toContain('801');
    expect((await fetch(`http://127.0.0.1:${apiPort}/coocenter-api/extensions/extension-hints-status`)).status).toBe(401);

    const { uniqueid } = pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 2_000, talkMs: 5_000 });
    for (let i = 0; i < 15; i++) pbx.step(1_000);
    const ccCdr = () =>
      core!.db.prepare("SELECT body FROM raw_events WHERE event_type = 'cc_cdr' AND source = 'push'").all() as { body: string }[];
    await until(() => ccCdr().some((row) => row.body.includes(uniqueid)), 'the gateway cc_cdr in the receiver');
    const record = JSON.parse(ccCdr().find((row) => row.body.includes(uniqueid))!.body) as Record<string, unknown>;
    expect(record).toMatchObject({ queueCode: '630', agentCode: '800', cdrState: 'bridged' });
    expect(core.model.connections.get('gateway-push')?.target).toBe(`http://127.0.0.1:${receiverPort}/`);
  });
});
