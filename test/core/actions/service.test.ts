import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadWrapupOptions } from '../../../electron/core/actions/action-settings';
import { startActionService } from '../../../electron/core/actions/start';
import { setSetting } from '../../../electron/core/store/settings';
import { allHandlers } from '../../../electron/core/app/handlers/all';
import type { CoreContext } from '../../../electron/core/app/context';
import { silentLogger } from '../../../electron/core/base/logger';
import { methods, type MethodName } from '../../../electron/core/contract';
import { actionsMethods } from '../../../electron/core/contract/methods/actions';
import { blacklistMethods } from '../../../electron/core/contract/methods/blacklist';
import { startRig, webkey, type Rig } from './harness';
import { settingKeys } from '../../../electron/core/base/setting-keys';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** What the dispatcher does for these methods: parse with the method's schema, then run the handler. */
async function invoke<M extends MethodName>(context: CoreContext, name: M, params: z.input<(typeof methods)[M]['request']>): Promise<unknown> {
  const parsed = methods[name].request.parse(params);
  const handler = allHandlers[name] as (request: unknown, context: CoreContext) => unknown;
  return handler(parsed, context);
}

describe('action service in "both" mode', () => {
  it('uses AMI while it is connected and the vendor API once it is not', async () => {
    rig = await startRig({ backend: 'both' });
    const r = rig;
    expect(r.service.backendKind()).toBe('ami');
    expect((await r.service.pause({ extension: '801', queue: '630', isPaused: true, reason: 'training' }, { who: 'desktop' })).ok).toBe(true);
    expect(r.tap.actions('QueuePause')).toHaveLength(1);

    r.tap.cut();
    await r.until(() => !r.amiClient.isConnected, 'the AMI actions session to drop');
    expect(r.service.backendKind()).toBe('coocenter');
    expect((await r.service.pause({ extension: '801', queue: '630', isPaused: false }, { who: 'desktop' })).ok).toBe(true);
    await r.until(() => r.model.queues.get('630')?.members.find((m) => m.extension === '801')?.isPaused === false, '801 unpaused by the vendor API');
    expect(r.tap.actions('QueuePause')).toHaveLength(1);
    // Whisper needs AMI: the vendor API says so instead of half-doing it.
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000601', answerBy: '800', answerAfterMs: 2000, talkMs: 60_000 });
    await r.until(() => [...r.model.calls.values()].some((c) => c.agent === '800' && c.state === 'talking'), '800 talking');
    expect(await r.service.spy({ supervisor: '808', target: '800', mode: 'whisper' }, { who: 'desktop' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await r.service.spy({ supervisor: '808', target: '800', mode: 'listen' }, { who: 'desktop' })).toEqual({ ok: true, value: undefined });
  });

  it('writes one audit row per action: who, what, target, params, result and the failure reason', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    await r.service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, { who: 'desktop' });
    await r.service.hangup({ extension: '800' }, { who: 'web:10.0.0.7' });
    await r.service.blacklistAdd({ number: '0612000999', note: 'abusive' }, { who: 'desktop' });
    await r.service.blacklistRemove({ number: '0612000111' }, { who: 'desktop' });
    const rows = r.audit.list();
    expect(rows.map((e) => [e.action, e.who, e.target, e.result])).toEqual([
      ['blacklist.remove', 'desktop', '0612000111', 'error'],
      ['blacklist.add', 'desktop', '0612000999', 'ok'],
      ['actions.hangup', 'web:10.0.0.7', '800', 'error'],
      ['actions.pause', 'desktop', '800', 'ok'],
    ]);
    expect(rows[0]?.message).toBe('pbx_refused: Database entry could not be deleted');
    expect(rows[2]?.message).toMatch(/^not_in_call: /);
    expect(rows[3]).toMatchObject({ params: { extension: '800', isPaused: true, reason: 'lunch' }, at: r.clock.now() });
    expect(rows[3]?.message).toBeUndefined();
  });

  it('names the caller and the agent of a call in the audit row, as they were before the hangup', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000777', answerBy: '801', answerAfterMs: 1000, talkMs: 60_000 });
    await r.until(() => [...r.model.calls.values()].some((c) => c.agent === '801' && c.state === 'talking'), '801 talking');
    const call = [...r.model.calls.values()].find((c) => c.agent === '801')!;
    // The demo names its agents as queue members ("Agent 801"), as the agent grid shows them.
    const agentName = 'Agent 801';
    expect((await r.service.hangup({ callId: call.id }, { who: 'desktop' })).ok).toBe(true);
    await r.until(() => !r.model.calls.has(call.id), 'the call to end');
    const [row] = r.audit.list();
    expect(row).toMatchObject({ action: 'actions.hangup', target: call.id, params: { callId: call.id, about: { caller: '0611000777', agent: '801', agentName } } });
    // By extension, the extension is the target already: the row adds its name and caller.
    await r.service.spy({ supervisor: '808', target: '801', mode: 'listen' }, { who: 'desktop' });
    expect(r.audit.list()[0]?.params).toMatchObject({ target: '801', about: { agentName } });
  });
});

describe('actions handlers (contract methods → service)', () => {
  it('parse the contract requests, pass Caller.who to the audit log and answer ActionResults', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    const context = { model: r.model, db: r.db, log: silentLogger, caller: { role: 'act' as const, who: 'web:10.0.0.9' }, actions: r.service };
    expect(await invoke(context, 'actions.pause', { extension: '802', isPaused: true, reason: 'meeting' })).toEqual({ ok: true, value: undefined });
    expect(r.audit.list({ who: 'web:10.0.0.9' })).toMatchObject([{ action: 'actions.pause', target: '802', result: 'ok' }]);
    expect(await invoke(context, 'actions.queueLogin', { extension: '807', queue: '630' })).toEqual({ ok: true, value: undefined });
    expect(r.tap.actions('QueueAdd')[0]).toMatchObject({ penalty: '0', membername: 'Agent 807' });
    expect(await invoke(context, 'actions.hangup', { callId: 'gone' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await invoke(context, 'settings.pauseReasons', {})).toEqual(expect.arrayContaining([
      { code: 'lunch', labels: { 'zh-CN': '午餐', en: 'Lunch' } },
      { code: 'wrap-up', labels: { 'zh-CN': '话后整理', en: 'Wrap-up' }, isSystem: true },
    ]));
    expect(await invoke(context, 'recordings.url', { file: 'q630-1.wav' })).toEqual({ ok: true, value: { url: '/api/recordings/q630-1.wav' } });
    expect(await invoke(context, 'recordings.url', { file: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await invoke(context, 'settings.setWrapup', { isEnabled: true, seconds: 45 })).toEqual({ ok: true, value: undefined });
    expect(loadWrapupOptions(r.db)).toEqual({ isEnabled: true, seconds: 45 });
    expect(await invoke(context, 'settings.wrapup', {})).toEqual({ isEnabled: true, seconds: 45 });
  });

  it('reject malformed requests at the schema and answer disconnected with no PBX backend', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(actionsMethods['actions.hangup'].request.safeParse({ extension: '800', callId: 'x' }).success).toBe(false);
    expect(actionsMethods['actions.spy'].request.safeParse({ supervisor: '808', target: '800', mode: 'shout' }).success).toBe(false);
    expect(blacklistMethods['blacklist.add'].request.safeParse({ number: '06; DROP' }).success).toBe(false);
    expect(actionsMethods['actions.transfer'].request.parse({ extension: '800', destination: '803' })).toEqual({ extension: '800', destination: '803', kind: 'blind' });
    const actions = startActionService({ model: r.model, db: r.db, log: silentLogger, amiBackends: [] });
    const bare = { model: r.model, db: r.db, log: silentLogger, caller: { role: 'act' as const, who: 'desktop' }, actions };
    expect(await invoke(bare, 'actions.pause', { extension: '800', isPaused: true })).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(await invoke(bare, 'actions.wrapups', {})).toEqual([]);
    actions.close();
    expect(Object.entries({ ...actionsMethods, ...blacklistMethods }).filter(([, spec]) => spec.role === 'read').map(([name]) => name).sort())
      .toEqual(['actions.wrapups']);
  });
});

describe('startActionService (the core\'s wiring)', () => {
  it('acts through the core\'s AmiBackend, waits for OriginateResponse, and reads its settings from the cache', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    setSetting(r.db, settingKeys.pauseReasons, [{ code: 'prayer', labels: { 'zh-CN': '祈祷', en: 'Prayer' } }]);
    setSetting(r.db, settingKeys.wrapup, { isEnabled: true, seconds: 20 });
    const service = startActionService({
      model: r.model, db: r.db, log: silentLogger, amiBackends: [{ pbx: 'pbx', backend: r.amiBackend }], scheduler: r.clock,
      vendorApi: { baseUrl: `http://127.0.0.1:${r.pbx.apiPort}`, webkey },
    });
    try {
      expect(service.backendKind()).toBe('ami');
      expect(service.pauseReasons().map((p) => p.code)).toEqual(['prayer', 'wrap-up']);
      expect(service.wrapupOptions()).toEqual({ isEnabled: true, seconds: 20 });
      const dialed = await r.settle(service.dial({ source: '802', destination: '803' }, { who: 'desktop' }));
      expect(dialed).toMatchObject({ ok: true, value: { channel: expect.stringMatching(/^SIP\/802-/) } });
      expect(await service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, { who: 'desktop' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      await r.amiBackend.stop();
      expect(service.backendKind()).toBe('coocenter');
    } finally {
      service.close();
    }
  });
});
