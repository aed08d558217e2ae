import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { amiTargetOf, startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { until } from '../../support/waits';

// Two PBXs with the same extensions (800…) and queues (630…) in one console: every id
// carries its PBX, actions reach the PBX that owns their target, the history keeps the
// two apart and a report groups by PBX.

let core: Core;
let beijing: DemoPbx;
let shanghai: DemoPbx;
const desk = { who: 'test' };

beforeAll(async () => {
  [beijing, shanghai] = await Promise.all([startDemoPbx({ agents: 6, autoStart: false }), startDemoPbx({ agents: 6, autoStart: false, seed: 2 })]);
  core = await startCore(
    { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-two-pbx-'))), http: { host: '127.0.0.1', port: 0 }, receiver: false, ami: [amiTargetOf(beijing, 'bj'), amiTargetOf(shanghai, 'sh')] },
    { log: silentLogger, serveHttp: true },
  );
  await Promise.all(core.amiBackends.map((backend) => backend.whenSynced()));
});

afterAll(async () => {
  await core?.close();
  await Promise.all([beijing?.close(), shanghai?.close()]);
});

/** Steps both still demos by 1 s `times` times, letting the core read each step's events. */
async function stepBoth(times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    beijing.step(1_000);
    shanghai.step(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a console watching two PBXs', () => {
  it('keeps the same extension and queue of each PBX apart, each labelled with its PBX', () => {
    const { model } = core;
    expect(model.extensions.get('bj:800')).toMatchObject({ id: 'bj:800', pbx: 'bj', device: 'SIP/800' });
    expect(model.extensions.get('sh:800')).toMatchObject({ id: 'sh:800', pbx: 'sh', device: 'SIP/800' });
    expect(model.extensions.has('800')).toBe(false);
    const queue = model.queues.get('sh:630');
    expect(queue).toMatchObject({ name: 'sh:630', pbx: 'sh' });
    expect(queue!.members.map((member) => member.extension)).toContain('sh:800');
    expect(queue!.members.every((member) => member.extension.startsWith('sh:') && !member.interface.includes(':'))).toBe(true);
    expect([...model.connections.values()].map((connection) => [connection.id, connection.state])).toEqual([['bj', 'connected'], ['sh', 'connected']]);
  });

  it('pauses the agent of the PBX named, and only there', async () => {
    expect(await core.actions.pause({ extension: 'sh:801', isPaused: true }, desk)).toEqual({ ok: true, value: undefined });
    const member = (queue: string, extension: string) => core.model.queues.get(queue)?.members.find((m) => m.extension === extension);
    await until(() => member('sh:630', 'sh:801')?.isPaused === true, 'sh:801 paused');
    expect(member('bj:630', 'bj:801')?.isPaused).toBe(false);
    expect(await core.actions.pause({ extension: 'sh:801', isPaused: false }, desk)).toMatchObject({ ok: true });
    await until(() => member('sh:630', 'sh:801')?.isPaused === false, 'sh:801 unpaused');
  });

  it('refuses a target without its PBX, and a supervisor of one PBX listening to an agent of the other', async () => {
    expect(await core.actions.pause({ extension: '801', isPaused: true }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const inbound = shanghai.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 1_000, talkMs: 600_000 });
    await stepBoth(3);
    await until(() => core.model.calls.get(`sh:${inbound.uniqueid}`)?.state === 'talking' || [...core.model.calls.values()].some((c) => c.agent === 'sh:800' && c.state === 'talking'), 'sh:800 talking');
    expect(await core.actions.spy({ supervisor: 'bj:805', target: 'sh:800', mode: 'listen' }, desk))
      .toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/different PBXs/) } });
    expect(await core.actions.hangup({ extension: 'sh:800' }, desk)).toEqual({ ok: true, value: undefined });
    await stepBoth(2);
    await until(() => ![...core.model.calls.values()].some((c) => c.agent === 'sh:800'), 'the sh:800 call gone');
  });

  it('writes each PBX\'s calls to the history under its ids and reports them per PBX', async () => {
    const from = Math.min(beijing.now(), shanghai.now()) - 3_600_000;
    beijing.placeInboundCall({ queue: '631', answerBy: '802', answerAfterMs: 2_000, talkMs: 5_000 });
    shanghai.placeInboundCall({ queue: '631', answerBy: '802', answerAfterMs: 2_000, talkMs: 5_000 });
    shanghai.placeInboundCall({ queue: '631', answerBy: '803', answerAfterMs: 2_000, talkMs: 5_000 });
    await stepBoth(12);
    type Row = { uniqueid: string; queue: string | null; agent: string | null };
    const calls = () => core.db.prepare("SELECT uniqueid, queue, agent FROM calls WHERE queue LIKE '%631'").all() as Row[];
    await until(() => calls().length === 3, 'three finished calls in the cache');
    expect(calls().map((row) => [row.queue, row.agent]).sort()).toEqual([['bj:631', 'bj:802'], ['sh:631', 'sh:802'], ['sh:631', 'sh:803']]);
    expect(calls().every((row) => row.uniqueid.startsWith(`${row.queue!.split(':')[0]}:`))).toBe(true);

    const to = Math.max(beijing.now(), shanghai.now()) + 3_600_000;
    const report = queueReport(core.db, { from, to, dimension: 'pbx', grain: 'all', queues: ['bj:631', 'sh:631'] });
    expect(report.rows.map((row) => [row.key, row.offered, row.answered])).toEqual([['bj', 1, 1], ['sh', 2, 2]]);
  });

  it('imports a queue_log only for a PBX it names, under that PBX\'s ids', async () => {
    const url = (query: string) => `http://127.0.0.1:${core.http!.port}/api/import?format=queue_log&name=queue_log${query}`;
    const log = ['1733500000|1733499990.5|632|NONE|ENTERQUEUE||13800138000|1', '1733500005|1733499990.5|632|Agent 801|CONNECT|5|1733500003.6|2', '1733500045|1733499990.5|632|Agent 801|COMPLETECALLER|5|40|1', ''].join('\n');
    const post = (query: string) => fetch(url(query), { method: 'POST', body: log, headers: { origin: `http://127.0.0.1:${core.http!.port}` } });
    const bare = await post('');
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toMatch(/watches several PBXs \(bj, sh\): say which one the file is from/);
    expect((await post('&pbx=gz')).status).toBe(400);

    expect((await post('&pbx=sh')).status).toBe(202);
    type Pass = { call_uniqueid: string; queue: string; agent: string | null; outcome: string };
    const passes = () => core.db.prepare("SELECT call_uniqueid, queue, agent, outcome FROM queue_calls WHERE call_uniqueid LIKE '%1733499990.5'").all() as Pass[];
    await until(() => passes().length === 1, 'the imported pass');
    expect(passes()).toEqual([{ call_uniqueid: 'sh:1733499990.5', queue: 'sh:632', agent: 'sh:801', outcome: 'answered' }]);
  });
});
