import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/base/logger';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { LiveModel } from '../../../electron/core/live/model';
import { createCoocenterPoller } from '../../../electron/core/vendor-api/poller';
import { createCoocenterClient, type CoocenterClient } from '../../../electron/core/vendor-api/client';
import { startReceiver, type RunningReceiver } from './receiver-harness';
import { until } from '../../support/waits';

let demo: DemoPbx | undefined;
let running: RunningReceiver | undefined;
afterEach(async () => {
  await demo?.close();
  await running?.stop();
  demo = undefined;
  running = undefined;
});

async function startBox(): Promise<{ demo: DemoPbx; client: CoocenterClient }> {
  demo = await startDemoPbx({ ami: false, api: { port: 0 }, webkey: 'asjdfjklkasdf', agents: 10, seed: 7 });
  const client = createCoocenterClient({ baseUrl: `http://127.0.0.1:${demo.apiPort}`, webkey: 'asjdfjklkasdf' });
  return { demo, client };
}

describe('coocenter client against the demo PBX vendor API (all 15 endpoints)', () => {
  it('queries #1-#4 and reads what the simulated PBX holds', async () => {
    const { demo: box, client } = await startBox();
    const hints = await client.extensionHintsStatus();
    if (!hints.ok) throw new Error(hints.error.message);
    expect(hints.value.map((h) => h.extension)).toEqual(Array.from({ length: 10 }, (_, i) => String(800 + i)));
    expect(hints.value.every((h) => h.state === 'idle')).toBe(true);
    const peers = await client.extensionStatus();
    expect(peers.ok && peers.value.every((p) => p.registration.status === 'ok')).toBe(true);
    const queues = await client.queueInfo();
    if (!queues.ok) throw new Error(queues.error.message);
    expect(Object.keys(queues.value).sort()).toEqual(['630', '631', '632']);
    expect(await client.currentCalls()).toEqual({ ok: true, value: [] });
    box.placeInboundCall({ queue: '630', callerNumber: '13800138000', answerBy: queues.value['630']![0]!.extension, answerAfterMs: 1000, talkMs: 60_000 });
    box.step(3000);
    const calls = await client.currentCalls();
    if (!calls.ok) throw new Error(calls.error.message);
    expect(calls.value.length).toBeGreaterThan(0);
    expect(calls.value.some((c) => c.callerIdNum === '13800138000')).toBe(true);
  });

  it('acts with #5-#11, #13, #14 and gets typed errors for refusals', async () => {
    const { demo: box, client } = await startBox();
    const before = await client.queueInfo();
    if (!before.ok) throw new Error(before.error.message);
    const member = before.value['630']![0]!.extension;
    expect(await client.agentPause({ queue: '630', member, paused: true })).toMatchObject({ ok: true });
    const paused = await client.queueInfo();
    expect(paused.ok && paused.value['630']!.find((m) => m.extension === member)!.isPaused).toBe(true);
    expect(await client.agentPause({ queue: '630', member, paused: false })).toMatchObject({ ok: true });
    expect(await client.agentPause({ queue: '630', member: '999', paused: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const outsider = ['800', '801', '802', '803', '804', '805', '806', '807', '808', '809'].find((e) => !before.value['632']!.some((m) => m.extension === e))!;
    expect(await client.agentLogin({ extension: outsider, queue: '632' })).toEqual({ ok: true, value: 'login extension success' });
    const joined = await client.queueInfo();
    expect(joined.ok && joined.value['632']!.some((m) => m.extension === outsider)).toBe(true);
    expect(await client.agentLogout({ extension: outsider, queue: '632' })).toEqual({ ok: true, value: 'logout extension success' });

    expect(await client.hangup({ extension: '801' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await client.clickNumber({ src: '801', dst: '802' })).toMatchObject({ ok: true });
    box.step(5000);
    expect(await client.transfer({ src: '801', dst: '803' })).toEqual({ ok: true, value: 'tansfer extension success' });
    expect(await client.extenSpy({ src: '804', dst: '801' })).toEqual({ ok: true, value: 'spy extension success' });
    expect(await client.hangup({ extension: '801' })).toEqual({ ok: true, value: 'hangup extension success' });

    const seeded = await client.blacklistIndex();
    if (!seeded.ok) throw new Error(seeded.error.message);
    expect(seeded.value).not.toContain('123123');
    expect(await client.blacklistCreate({ number: '123123' })).toEqual({ ok: true, value: 'Updated database successfully' });
    expect(await client.blacklistIndex()).toEqual({ ok: true, value: [...seeded.value, '123123'] });
    expect(await client.blacklistDelete({ number: '123123' })).toEqual({ ok: true, value: 'Key deleted successfully' });
    expect(await client.blacklistDelete({ number: '123123' })).toMatchObject({ ok: false, error: { code: 'pbx_refused' } });
    expect(await client.blacklistIndex()).toEqual({ ok: true, value: seeded.value });
  });

  it('refuses a wrong WEBKEY, and streams a recording (#15) named by a cc_cdr push', async () => {
    const { demo: box, client } = await startBox();
    const wrong = createCoocenterClient({ baseUrl: `http://127.0.0.1:${box.apiPort}`, webkey: 'other' });
    expect(await wrong.blacklistIndex()).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const files: string[] = [];
    box.onPush((push) => {
      if (push.event === 'cc_cdr' && push.filePath) files.push(String(push.filePath));
    });
    box.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 1000, talkMs: 4000 });
    box.step(20_000);
    expect(files.length).toBeGreaterThan(0);
    const recording = await client.fetchRecording(files[0]!);
    if (!recording.ok) throw new Error(recording.error.message);
    const chunks: Buffer[] = [];
    for await (const chunk of recording.value.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString()).toBe('RIFF');
    expect(await client.fetchRecording('missing.wav')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the demo PBX pushing into the receiver', () => {
  it('a scripted inbound call ends in SQLite, in the model and as a finished-call record', async () => {
    running = await startReceiver({ webkey: 'asjdfjklkasdf' });
    const r = running;
    demo = await startDemoPbx({ ami: false, push: { url: r.url }, webkey: 'asjdfjklkasdf', agents: 10, seed: 7 });
    const { uniqueid } = demo.placeInboundCall({ queue: '630', callerNumber: '13800138000', answerBy: '800', answerAfterMs: 1000, talkMs: 4000 });
    demo.step(20_000);
    const box = demo;
    await until(() => box.stats().pushesPending === 0, 'pushes delivered');
    expect(box.stats().pushesDropped).toBe(0);
    expect(r.receiver.stats.rejected + r.receiver.stats.unauthorized).toBe(0);
    expect(r.count('raw_events')).toBe(box.stats().pushesDelivered);
    expect(r.receiver.stats.byType).toMatchObject({ dialbegin: expect.any(Number), hangup: expect.any(Number), cc_cdr: 1 });
    expect(r.records.find((record) => record.source === 'cc_cdr')).toMatchObject({ uniqueid, callerNum: '13800138000', queue: '630', agent: '800', isAnswered: true });
    expect(r.model.calls.has(uniqueid)).toBe(false);
    expect(r.model.extensions.get('800')?.state).toBe('idle');
  });
});

describe('the poller against the demo PBX', () => {
  it('mirrors extensions, registrations, queue members and a live call into the model', async () => {
    const { demo: box, client } = await startBox();
    const model = new LiveModel();
    const poller = createCoocenterPoller({ client, model, log: silentLogger, target: client.apiRoot });
    box.pauseAgent('801', true, 'lunch', '630');
    box.placeInboundCall({ queue: '630', callerNumber: '13800138000', answerBy: '800', answerAfterMs: 1000, talkMs: 60_000 });
    box.step(3000);
    expect(await poller.pollOnce()).toBe(true);
    expect([...model.extensions.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(800 + i)));
    expect(model.extensions.get('800')).toMatchObject({ state: 'inuse', registration: { status: 'ok' } });
    expect(model.queues.get('630')!.members.find((m) => m.extension === '801')).toMatchObject({ interface: 'SIP/801', isPaused: true });
    expect([...model.calls.values()].some((call) => call.callerNum === '13800138000' && call.state === 'talking')).toBe(true);
    expect(model.connections.get('coocenter')).toMatchObject({ state: 'connected' });
  });
});
