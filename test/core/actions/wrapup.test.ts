import { afterEach, describe, expect, it } from 'vitest';
import type { WrapupEnded } from '../../../electron/core/contract/methods/actions';
import type { ScreenPop } from '../../../electron/core/actions/screen-pop';
import { startRig, type Rig } from './harness';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function isPausedFor(r: Rig, extension: string, reason: string): boolean {
  const members = [...r.model.queues.values()].flatMap((q) => q.members.filter((m) => m.extension === extension));
  return members.length > 0 && members.every((m) => m.isPaused && m.pauseReason === reason);
}

function isAvailable(r: Rig, extension: string): boolean {
  return [...r.model.queues.values()].flatMap((q) => q.members.filter((m) => m.extension === extension)).every((m) => !m.isPaused);
}

/** A queue call to 800 that is answered, talks 5 s and ends; returns its call id once the model saw it end. */
async function answeredCallEnds(r: Rig): Promise<string> {
  r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000801', answerBy: '800', answerAfterMs: 2000, talkMs: 5_000 });
  let callId: string | undefined;
  await r.until(() => {
    callId ??= [...r.model.calls.values()].find((c) => c.agent === '800' && c.state === 'talking')?.id;
    return callId !== undefined && !r.model.calls.has(callId);
  }, 'the call to be answered and end');
  return callId as string;
}

describe('wrap-up after answered queue calls (pausetime=yes), on the virtual clock', () => {
  it('pauses with reason wrap-up for the configured time, then unpauses and reports the seconds (AMI)', async () => {
    rig = await startRig({ backend: 'ami', service: { wrapup: { isEnabled: true, seconds: 30 } } });
    const r = rig;
    const ended: WrapupEnded[] = [];
    r.service.onWrapupEnded((e) => ended.push(e));
    const callId = await answeredCallEnds(r);
    await r.until(() => isPausedFor(r, '800', 'wrap-up'), '800 in wrap-up');
    expect(r.tap.actions('QueuePause')).toEqual([expect.objectContaining({ interface: 'SIP/800', paused: 'true', reason: 'wrap-up' })]);
    expect(r.tap.actions('QueuePause')[0]?.queue).toBeUndefined();
    const [active] = r.service.activeWrapups();
    expect(active).toMatchObject({ extension: '800', callId, queue: '630' });
    const startedAt = active?.startedAt as number;

    await r.advance(startedAt + 29_000 - r.clock.now());
    expect(ended).toEqual([]);
    expect(isPausedFor(r, '800', 'wrap-up')).toBe(true);
    await r.until(() => ended.length === 1 && isAvailable(r, '800'), 'the wrap-up to end');
    expect(ended[0]).toMatchObject({ extension: '800', callId, seconds: 30, endedBy: 'timer', endedAt: startedAt + 30_000 });
    expect(r.tap.actions('QueuePause').map((m) => m.paused)).toEqual(['true', 'false']);
    expect(r.audit.list({ action: 'actions.wrapup' }).map((e) => [e.who, e.result, (e.params as { isPaused: boolean }).isPaused]))
      .toEqual([['wrap-up', 'ok', false], ['wrap-up', 'ok', true]]);
  });

  it('ends early on actions.endWrapup, with the seconds spent so far (vendor API)', async () => {
    rig = await startRig({ backend: 'coocenter', service: { wrapup: { isEnabled: true, seconds: 30 } } });
    const r = rig;
    const ended: WrapupEnded[] = [];
    r.service.onWrapupEnded((e) => ended.push(e));
    await answeredCallEnds(r);
    await r.until(() => isPausedFor(r, '800', 'Busy'), '800 paused by the box (the vendor API pauses without a reason)');
    const startedAt = r.service.activeWrapups()[0]?.startedAt as number;
    await r.advance(startedAt + 12_000 - r.clock.now());
    const result = await r.service.endWrapup({ extension: '800' }, { who: 'desktop' });
    expect(result).toMatchObject({ ok: true, value: { extension: '800', seconds: 12, endedBy: 'early' } });
    await r.until(() => isAvailable(r, '800'), '800 available');
    expect(ended).toHaveLength(1);
    await r.advance(30_000, 1_000);
    expect(ended).toHaveLength(1);
    expect(await r.service.endWrapup({ extension: '800' }, { who: 'desktop' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(r.audit.list({ action: 'actions.endWrapup' }).map((e) => e.result)).toEqual(['error', 'ok']);
  });

  it('a supervisor pause supersedes a wrap-up', async () => {
    rig = await startRig({ backend: 'ami', service: { wrapup: { isEnabled: true, seconds: 30 } } });
    const r = rig;
    const ended: WrapupEnded[] = [];
    r.service.onWrapupEnded((e) => ended.push(e));
    await answeredCallEnds(r);
    await r.until(() => isPausedFor(r, '800', 'wrap-up'), '800 in wrap-up');
    expect((await r.service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, { who: 'desktop' })).ok).toBe(true);
    expect(ended).toMatchObject([{ extension: '800', endedBy: 'superseded' }]);
    await r.advance(31_000, 1_000);
    await r.until(() => isPausedFor(r, '800', 'lunch'), '800 at lunch');
    expect(r.tap.actions('QueuePause').map((m) => m.reason ?? '-')).toEqual(['wrap-up', 'lunch']);
    expect(r.service.activeWrapups()).toEqual([]);
  });

  it('gives none to an agent paused during the call, nor to abandoned calls', async () => {
    rig = await startRig({ backend: 'ami', service: { wrapup: { isEnabled: true, seconds: 30 } } });
    const r = rig;
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000801', answerBy: '800', answerAfterMs: 2000, talkMs: 5_000 });
    await r.until(() => [...r.model.calls.values()].some((c) => c.agent === '800' && c.state === 'talking'), '800 talking');
    expect((await r.service.pause({ extension: '800', isPaused: true, reason: 'meeting' }, { who: 'desktop' })).ok).toBe(true);
    await r.until(() => r.model.calls.size === 0, 'the call to end');
    r.pbx.placeInboundCall({ queue: '631', callerNumber: '0611000802', abandonAfterMs: 4_000 });
    await r.advance(12_000);
    expect(r.model.calls.size).toBe(0);
    expect(r.service.activeWrapups()).toEqual([]);
    expect(r.tap.actions('QueuePause').map((m) => m.reason)).toEqual(['meeting']);
  });

  it('does nothing when disabled, and can be switched on at run time', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(r.service.wrapupOptions()).toEqual({ isEnabled: false, seconds: 30 });
    await answeredCallEnds(r);
    await r.advance(2_000);
    expect(r.tap.actions('QueuePause')).toEqual([]);
    expect(r.service.configureWrapup({ isEnabled: true, seconds: 10 }, { who: 'desktop' })).toEqual({ ok: true, value: undefined });
    expect(r.audit.list({ action: 'settings.setWrapup' })).toMatchObject([{ who: 'desktop', params: { isEnabled: true, seconds: 10 } }]);
  });
});

describe('screen pop', () => {
  it('gives one pop_url per ringing agent with the caller number', async () => {
    rig = await startRig({ backend: 'ami', service: { popUrl: 'http://crm.example/pop?src=callboard' } });
    const r = rig;
    const pops: ScreenPop[] = [];
    r.service.onScreenPop((pop) => pops.push(pop));
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000601', answerBy: '801', answerAfterMs: 3000, talkMs: 5000 });
    // Queue 630 rings its lowest penalty tier (800, 801) together; the call is answered by 801.
    await r.until(() => pops.length >= 2, 'the ring-all to ring two agents');
    await r.advance(10_000);
    expect(pops.map((p) => p.extension).sort()).toEqual(['800', '801']);
    expect(pops[0]).toMatchObject({ callerNum: '0611000601', url: 'http://crm.example/pop?src=callboard&caller=0611000601' });
  });
});
