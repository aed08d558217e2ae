import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../../electron/core/config/config';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { freePort, until } from '../../support/waits';

// The headless core against the demo PBX over real AMI/TCP: extension states
// reach the model, and what the cache must keep across restarts.

const opened: { core?: Core; pbx?: DemoPbx }[] = [];
afterEach(async () => {
  for (const { core, pbx } of opened.splice(0)) {
    await core?.close();
    await pbx?.close();
  }
});

function configFor(pbx: DemoPbx, dataDir: string): CoreConfig {
  return {
    ...defaultConfig(dataDir),
    http: { host: '127.0.0.1', port: 0 },
    receiver: false,
    ami: [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
  };
}

describe('core with the demo PBX over AMI', () => {
  it('takes the extension snapshot, then follows live ExtensionStatus changes', async () => {
    const pbx = await startDemoPbx({ agents: 10, autoStart: false });
    const core = await startCore(configFor(pbx, mkdtempSync(join(tmpdir(), 'callboard-core-'))), { log: silentLogger, serveHttp: false });
    opened.push({ core, pbx });
    await until(() => core.model.extensions.size === 10, 'the ExtensionStateList snapshot');
    expect(core.model.connections.get('demo')?.state).toBe('connected');
    expect(core.model.extensions.get('805')?.state).toBe('idle');
    pbx.setExtensionState('805', 'RINGING');
    await until(() => core.model.extensions.get('805')?.state === 'ringing', '805 ringing');
    pbx.setExtensionState('805', 'INUSE');
    await until(() => core.model.extensions.get('805')?.state === 'inuse', '805 in use');
  });

  it('keeps finished calls, agent intervals and today\'s queue figures across a restart', async () => {
    const pbx = await startDemoPbx({ agents: 10, autoStart: false });
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-core-'));
    const first = await startCore(configFor(pbx, dataDir), { log: silentLogger, serveHttp: false });
    opened.push({ pbx });
    await until(() => first.model.queues.size === 3, 'the QueueStatus snapshot');
    const { uniqueid } = pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 3_000, talkMs: 20_000 });
    for (let i = 0; i < 40; i++) pbx.step(1_000);
    await until(() => first.model.days.get('630')?.figures.completed === 1, 'the answered call counted');
    const today = { ...first.model.days.get('630')!.figures };
    expect(today).toMatchObject({ offered: 1, answered: 1 });
    await until(() => first.db.prepare('SELECT count(*) AS n FROM calls WHERE uniqueid = ?').get(uniqueid) !== undefined &&
      (first.db.prepare('SELECT count(*) AS n FROM calls WHERE uniqueid = ?').get(uniqueid) as { n: number }).n === 1, 'the call stored');
    const talks = first.db.prepare("SELECT count(*) AS n FROM agent_intervals WHERE agent = '800' AND kind = 'talk' AND end_at IS NOT NULL").get() as { n: number };
    expect(talks.n).toBeGreaterThanOrEqual(1);
    await first.close();

    const second = await startCore(configFor(pbx, dataDir), { log: silentLogger, serveHttp: false });
    opened.push({ core: second });
    await until(() => second.model.queues.get('630') !== undefined, 'the resync after restart');
    expect(second.model.days.get('630')!.figures).toMatchObject({ offered: today.offered, answered: today.answered, talkSum: today.talkSum });
  });

  it('stores an inbound queue call with the dialled DID as called number and the agent apart, after the vendor records merge in', async () => {
    const receiverPort = await freePort();
    const pbx = await startDemoPbx({ agents: 10, autoStart: false, webkey: 'demo-key', push: { url: `http://127.0.0.1:${receiverPort}/` } });
    const core = await startCore(
      { ...configFor(pbx, mkdtempSync(join(tmpdir(), 'callboard-core-'))), receiver: { host: '127.0.0.1', port: receiverPort }, webkey: 'demo-key' },
      { log: silentLogger, serveHttp: false },
    );
    opened.push({ core, pbx });
    await until(() => core.model.queues.size === 3, 'the QueueStatus snapshot');
    const { uniqueid } = pbx.placeInboundCall({ queue: '630', answerBy: '801', answerAfterMs: 2_000, talkMs: 5_000 });
    for (let i = 0; i < 15; i++) pbx.step(1_000);
    const stored = () => core.db.prepare('SELECT source, called_num AS calledNum, agent, trunk_number AS trunkNumber FROM calls WHERE uniqueid = ?').get(uniqueid);
    // cc_cdr `called` is the answering agent: it must not replace the DID the caller dialled.
    await until(() => (stored() as { source?: string } | undefined)?.source === 'cc_cdr', 'the cc_cdr merged into the call');
    expect(stored()).toEqual({ source: 'cc_cdr', calledNum: '0201234560', agent: '801', trunkNumber: '0201234560' });
  });
});
