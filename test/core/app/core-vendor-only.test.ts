import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { freePort, until } from '../../support/waits';

// Callboard with only the vendor box's address and WEBKEY —
// live state from polling and pushes, history from cc_cdr, actions over the vendor API.

let core: Core | undefined;
let pbx: DemoPbx | undefined;
afterEach(async () => {
  await core?.close();
  await pbx?.close();
  core = pbx = undefined;
});

describe('core with only the vendor box', () => {
  it('shows live state, keeps history and acts through the vendor API', async () => {
    const receiverPort = await freePort();
    pbx = await startDemoPbx({ agents: 6, autoStart: false, ami: false, api: { port: 0 }, webkey: 'boxkey', push: { url: `http://127.0.0.1:${receiverPort}/` } });
    core = await startCore(
      {
        ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-vendor-'))),
        http: { host: '127.0.0.1', port: 0 },
        receiver: { host: '127.0.0.1', port: receiverPort },
        webkey: 'boxkey',
        vendorApi: { baseUrl: `http://127.0.0.1:${pbx.apiPort}`, pollSeconds: 1 },
      },
      { log: silentLogger, serveHttp: false },
    );
    await until(() => core!.model.connections.get('coocenter')?.state === 'connected', 'the first poll');
    expect(core.model.extensions.get('803')?.state).toBe('idle');

    const paused = await core.actions.pause({ extension: '803', isPaused: true }, { who: 'test' });
    expect(paused).toMatchObject({ ok: true });
    expect(core.actions.backendKind()).toBe('coocenter');
    const isPausedSomewhere = () => [...core!.model.queues.values()].some((q) => q.members.some((m) => m.extension === '803' && m.isPaused));
    await until(isPausedSomewhere, 'the pause seen by the next poll');

    const { uniqueid } = pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 2_000, talkMs: 4_000 });
    for (let i = 0; i < 12; i++) pbx.step(1_000);
    const stored = () => core!.db.prepare('SELECT source, queue, agent FROM calls WHERE uniqueid = ?').get(uniqueid) as { source: string; queue: string; agent: string } | undefined;
    // The box pushes a cdr per agent leg and the cc_cdr; whichever lands first, the merged row ends as the cc_cdr's.
    await until(() => stored()?.source === 'cc_cdr', 'the cc_cdr in the history');
    expect(stored()).toEqual({ source: 'cc_cdr', queue: '630', agent: '800' });
  });
});
