import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import type { Caller } from '../../../electron/core/contract';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { ActionResult, WaitingCallerDetail } from '../../../electron/core/contract';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { openCallbacks } from '../../../electron/core/store/callbacks';
import { freePort, until } from '../../support/waits';
import { startRig, type Rig } from './harness';

// Waiting callers a supervisor acts on, through the whole stack: the demo PBX over AMI/TCP
// (and its pushes to the receiver), the core's live model, the contract's dispatcher,
// the action service's Redirect, the audit log, and the call as the cache stores it.

const operator: Caller = { role: 'act', who: 'operator:test@127.0.0.1' };
let opened: { core?: Core; pbx?: DemoPbx; rig?: Rig } = {};
afterEach(async () => {
  await opened.core?.close();
  await opened.pbx?.close();
  await opened.rig?.close();
  opened = {};
});

async function startStack(): Promise<{ core: Core; pbx: DemoPbx }> {
  const receiverPort = await freePort();
  const pbx = await startDemoPbx({ agents: 10, autoStart: false, push: { url: `http://127.0.0.1:${receiverPort}/` } });
  const core = await startCore({
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-waiting-'))),
    http: { host: '127.0.0.1', port: 0 },
    receiver: { host: '127.0.0.1', port: receiverPort },
    ami: [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
  }, { log: silentLogger, serveHttp: false });
  opened = { core, pbx };
  await until(() => core.model.queues.size === 3, 'the QueueStatus snapshot');
  return { core, pbx };
}

/** Lets the demo's clock run `ms` in small steps, so the core reads each event as it comes. */
async function run(pbx: DemoPbx, ms: number): Promise<void> {
  for (let done = 0; done < ms; done += 250) {
    pbx.step(250);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const waitingIn = (core: Core, queue: string, callId: string) => core.model.queues.get(queue)?.callers.some((c) => c.callId === callId) === true;

describe('waiting callers on AMI', () => {
  it('shows the IVR path and the calls of today, moves the caller to another queue, then picks it up to an agent', async () => {
    const { core, pbx } = await startStack();
    // The number called once already and was answered by 800.
    const earlier = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000777', answerBy: '800', answerAfterMs: 2_000, talkMs: 4_000 });
    await run(pbx, 12_000);
    await until(() => core.db.prepare('SELECT 1 FROM calls WHERE uniqueid = ?').get(earlier.uniqueid) !== undefined, 'the first call stored');

    // Nobody answers this one: it waits in 630 while the queue rings its members.
    const { uniqueid: callId } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000777', talkMs: 30_000 });
    await run(pbx, 4_000);
    await until(() => waitingIn(core, '630', callId), 'the caller waiting in 630');

    // The IVR step arrives as a push and is group-committed: ask again (within the read allowance) until it is there.
    let detail: ActionResult<WaitingCallerDetail> | undefined;
    for (let i = 0; i < 40 && !(detail?.ok && detail.value.ivrSteps.length > 0); i++) {
      const reply = await core.dispatch('waiting.detail', { callId }, operator);
      if (reply.ok) detail = reply.result as ActionResult<WaitingCallerDetail>;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (!detail?.ok) throw new Error('no detail');
    expect(detail.value.callerNum).toBe('0611000777');
    expect(detail.value.ivrSteps).toEqual([expect.objectContaining({ uniqueid: callId, ivrId: '610', ivrName: 'main', dtmf: '1' })]);
    expect(detail.value.previousCalls).toEqual([expect.objectContaining({ uniqueid: earlier.uniqueid, queue: '630', agent: '800', isAnswered: true, queueOutcome: 'answered' })]);
    expect(detail.value.actionsBlocked).toBeUndefined();

    // Bad input is refused before anything reaches the PBX.
    expect(await core.dispatch('waiting.move', { callId, queue: '631;Hangup' }, operator)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.dispatch('waiting.move', { callId, queue: '630' }, operator)).toMatchObject({ ok: true, result: { ok: false, error: { code: 'invalid' } } });

    expect(await core.dispatch('waiting.move', { callId, queue: '631' }, operator)).toEqual({ ok: true, result: { ok: true } });
    await run(pbx, 1_000);
    await until(() => waitingIn(core, '631', callId) && !waitingIn(core, '630', callId), 'the caller moved from 630 to 631');
    expect(core.model.calls.get(callId)?.queue).toBe('631');

    // 809 is in no queue and idle: its phone rings, answers and talks with the caller.
    expect(await core.dispatch('waiting.pickUp', { callId, agent: '809' }, operator)).toEqual({ ok: true, result: { ok: true } });
    await run(pbx, 3_000);
    await until(() => core.model.calls.get(callId)?.state === 'talking' && core.model.calls.get(callId)?.agent === '809', '809 talking with the caller');
    expect(waitingIn(core, '631', callId)).toBe(false);

    await run(pbx, 31_000);
    const stored = () => core.db.prepare('SELECT queue, agent, is_answered AS isAnswered FROM calls WHERE uniqueid = ?').get(callId) as Record<string, unknown> | undefined;
    await until(() => stored()?.agent === '809', 'the picked-up call stored');
    expect(stored()).toEqual({ queue: '631', agent: '809', isAnswered: 1 });
    // Each queue pass ends as Asterisk's queue_log tells it: the Redirect interrupts the wait (ABANDON).
    const passes = core.db.prepare('SELECT queue, outcome FROM queue_calls WHERE call_uniqueid = ? ORDER BY seq').all(callId);
    expect(passes).toEqual([{ queue: '630', outcome: 'abandoned' }, { queue: '631', outcome: 'abandoned' }]);
    // Served by an agent after all: not a caller to call back.
    expect(openCallbacks(core.db, core.model.now()).entries.map((entry) => entry.number)).not.toContain('0611000777');

    const audit = core.db.prepare("SELECT action, who, target, params, result FROM audit_log WHERE action LIKE 'waiting.%' ORDER BY id").all() as Record<string, unknown>[];
    expect(audit.map((row) => [row.action, row.who, row.target, row.result])).toEqual([
      ['waiting.move', operator.who, callId, 'error'],
      ['waiting.move', operator.who, callId, 'ok'],
      ['waiting.pickUp', operator.who, callId, 'ok'],
    ]);
    expect(JSON.parse(String(audit[1]?.params))).toMatchObject({ callId, queue: '631', from: '630', about: { caller: '0611000777' } });
    expect(JSON.parse(String(audit[2]?.params))).toMatchObject({ callId, agent: '809', from: '631' });
  });

  it('refuses an agent already in another call, and a caller no longer waiting', async () => {
    const { core, pbx } = await startStack();
    pbx.placeInboundCall({ queue: '630', callerNumber: '0611000801', answerBy: '800', answerAfterMs: 1_000, talkMs: 60_000 });
    const { uniqueid: callId } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000802', talkMs: 30_000 });
    await run(pbx, 5_000);
    await until(() => waitingIn(core, '630', callId) && [...core.model.calls.values()].some((c) => c.agent === '800' && c.state === 'talking'), '800 talking, the caller waiting');
    expect(await core.actions.pickUpWaiting({ callId, agent: '800' }, { who: 'test' })).toMatchObject({ ok: false, error: { code: 'invalid', message: 'extension 800 is in another call' } });
    expect(await core.actions.pickUpWaiting({ callId: 'no-such-call', agent: '809' }, { who: 'test' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(waitingIn(core, '630', callId)).toBe(true);
  });
});

describe('waiting callers on the vendor API', () => {
  it('says the vendor API cannot move a waiting caller and leaves the caller where it is', async () => {
    const rig = await startRig({ backend: 'coocenter' });
    opened = { rig };
    const { uniqueid: callId } = rig.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000901', talkMs: 30_000 });
    await rig.until(() => rig.model.queues.get('630')?.callers.some((c) => c.callId === callId) === true, 'the caller waiting');
    expect(rig.service.waitingActionsBlock()).toBe('unsupported');
    const refused = await rig.service.moveWaiting({ callId, queue: '631' }, { who: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringContaining('needs the AMI backend') } });
    expect(await rig.service.pickUpWaiting({ callId, agent: '809' }, { who: 'test' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    await rig.advance(2_000);
    expect(rig.model.queues.get('630')?.callers.some((c) => c.callId === callId)).toBe(true);
    expect(rig.audit.list().map((e) => [e.action, e.result])).toEqual([['waiting.pickUp', 'error'], ['waiting.move', 'error']]);
    // Other actions still go through the vendor API over HTTP: it is up, only Redirect is missing.
    expect(await rig.service.pause({ extension: '801', queue: '630', isPaused: true }, { who: 'test' })).toEqual({ ok: true, value: undefined });
  });

  it('runs on AMI in "both" mode while AMI is connected', async () => {
    const rig = await startRig({ backend: 'both' });
    opened = { rig };
    const { uniqueid: callId } = rig.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000902', talkMs: 30_000 });
    await rig.until(() => rig.model.queues.get('630')?.callers.some((c) => c.callId === callId) === true, 'the caller waiting');
    expect(rig.service.waitingActionsBlock()).toBeUndefined();
    expect(await rig.service.moveWaiting({ callId, queue: '632' }, { who: 'test' })).toEqual({ ok: true, value: undefined });
    expect(rig.tap.actions('Redirect')).toEqual([expect.objectContaining({ channel: expect.stringMatching(/^SIP\/carrier-/), context: 'internal', exten: '632', priority: '1' })]);
    await rig.until(() => rig.model.queues.get('632')?.callers.some((c) => c.callId === callId) === true, 'the caller in 632');
    // The Live calls row's blind transfer of a queued call moves the caller's own channel too.
    expect(await rig.service.transfer({ callId, destination: '809', kind: 'blind' }, { who: 'test' })).toEqual({ ok: true, value: undefined });
    expect(rig.tap.actions('Redirect')[1]).toMatchObject({ channel: expect.stringMatching(/^SIP\/carrier-/), exten: '809' });
    await rig.until(() => rig.model.calls.get(callId)?.agent === '809', '809 talking with the caller');
  });
});
