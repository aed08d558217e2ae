import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoocenterActions } from '../../../electron/core/actions/coocenter-actions';
import { createActionService } from '../../../electron/core/actions/service';
import { createCoocenterClient } from '../../../electron/core/vendor-api/client';
import { startRig, webkey, type Rig } from './harness';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const desk = { who: 'web:192.168.1.20' };

function pausedIn(r: Rig, extension: string): string[] {
  return [...r.model.queues.values()].filter((q) => q.members.some((m) => m.extension === extension && m.isPaused)).map((q) => q.name);
}

async function talkingCall(r: Rig, agent: string, talkMs = 120_000): Promise<string> {
  r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000602', answerBy: agent, answerAfterMs: 2000, talkMs });
  await r.until(() => [...r.model.calls.values()].some((c) => c.agent === agent && c.state === 'talking'), 'the call to be answered');
  return [...r.model.calls.values()].find((c) => c.agent === agent)?.id as string;
}

/** A port nothing listens on: the vendor box is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('vendor API actions against the demo PBX over HTTP', () => {
  it('pauses every queue of a member one request at a time, or one queue; unpauses', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    expect(await r.service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => pausedIn(r, '800').length === 2, '800 paused in 630 and 632');
    expect(pausedIn(r, '800')).toEqual(['630', '632']);
    expect((await r.service.pause({ extension: '800', queue: '632', isPaused: false }, desk)).ok).toBe(true);
    await r.until(() => pausedIn(r, '800').length === 1, '800 unpaused in 632');
    expect(pausedIn(r, '800')).toEqual(['630']);
    expect(await r.service.pause({ extension: '899', isPaused: true }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(r.tap.actions()).toEqual([]);
  });

  it('logs in and out; penalties and repeated logins are refused with reasons', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    expect(await r.service.queueLogin({ extension: '806', queue: '630', penalty: 2 }, desk)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect((await r.service.queueLogin({ extension: '806', queue: '630', penalty: 0 }, desk)).ok).toBe(true);
    await r.until(() => r.model.queues.get('630')?.members.some((m) => m.extension === '806') ?? false, '806 in 630');
    expect(await r.service.queueLogin({ extension: '806', queue: '630', penalty: 0 }, desk))
      .toEqual({ ok: false, error: { code: 'pbx_refused', message: 'Unable to add interface: Already there' } });
    expect((await r.service.queueLogout({ extension: '806', queue: '630' }, desk)).ok).toBe(true);
    await r.until(() => !r.model.queues.get('630')?.members.some((m) => m.extension === '806'), '806 out of 630');
  });

  it('click-to-dial, listen-only spy, blind transfer and hangup by extension', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    expect(await r.service.dial({ source: '806', destination: '807' }, desk)).toEqual({ ok: true, value: {} });
    await r.until(() => [...r.model.calls.values()].some((c) => c.state === 'talking' && c.channels.some((ch) => ch.startsWith('SIP/807-'))), '806 → 807');

    expect(await r.service.spy({ supervisor: '808', target: '806', mode: 'whisper' }, desk)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await r.service.spy({ supervisor: '808', target: '806', mode: 'listen' }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => r.model.extensions.get('808')?.state === 'inuse', 'the spying phone in use');
    // extenSpy only starts listening: a running session cannot switch, and says so.
    expect(await r.vendor.spyMode({ callId: 'a-session', channel: 'SIP/808-00000001', mode: 'whisper' }))
      .toMatchObject({ ok: false, error: { code: 'unsupported', message: expect.stringMatching(/AMI/) } });

    const callId = await talkingCall(r, '800');
    expect(await r.service.transfer({ extension: '800', destination: '803', kind: 'attended' }, desk)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await r.service.transfer({ callId, destination: '803', kind: 'blind' }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => r.model.extensions.get('803')?.state === 'inuse' && r.model.extensions.get('800')?.state === 'idle', 'the caller to reach 803');
    expect(await r.service.hangup({ extension: '800' }, desk)).toMatchObject({ ok: false, error: { code: 'not_in_call' } });
    expect(await r.service.hangup({ extension: '803' }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => !r.model.calls.has(callId) && r.model.extensions.get('803')?.state === 'idle', 'the transferred call to end');
  });

  it('keeps blacklist notes locally; the box stores numbers only', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    expect((await r.service.blacklistAdd({ number: '0612000999', note: 'threatening caller' }, desk)).ok).toBe(true);
    expect(await r.service.blacklistList({ query: 'threat' })).toMatchObject({
      ok: true, value: [{ number: '0612000999', note: 'threatening caller', addedBy: 'web:192.168.1.20', addedAt: r.clock.now() }],
    });
    expect(await r.service.blacklistList()).toMatchObject({ ok: true, value: [{ number: '0612000666', note: '' }, { number: '0612000999' }] });
    expect((await r.service.blacklistRemove({ number: '0612000999' }, desk)).ok).toBe(true);
    expect(await r.service.blacklistRemove({ number: '0612000999' }, desk)).toMatchObject({ ok: false, error: { code: 'pbx_refused' } });
    expect(await r.service.blacklistList({ query: '0612000999' })).toEqual({ ok: true, value: [] });
  });

  it('refuses to add a listed number again, keeping its note; the note is edited on its own', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    const addedAt = r.clock.now();
    expect((await r.service.blacklistAdd({ number: '0612000999', note: 'threatening caller' }, desk)).ok).toBe(true);
    expect(await r.service.blacklistAdd({ number: '0612000999' }, { who: 'web:10.0.0.9' })).toMatchObject({ ok: false, error: { code: 'exists' } });
    expect(await r.service.blacklistList({ query: '0612000999' })).toMatchObject({ ok: true, value: [{ note: 'threatening caller', addedBy: 'web:192.168.1.20', addedAt }] });
    expect((await r.service.blacklistSetNote({ number: '0612000999', note: 'threatened twice' }, { who: 'web:10.0.0.9' })).ok).toBe(true);
    expect(await r.service.blacklistList({ query: '0612000999' })).toMatchObject({ ok: true, value: [{ note: 'threatened twice', addedBy: 'web:192.168.1.20', addedAt }] });
    // A number listed on the box itself gets a note, with no author invented for it.
    expect((await r.service.blacklistSetNote({ number: '0612000666', note: 'from the old system' }, desk)).ok).toBe(true);
    expect((await r.service.blacklistList({ query: '0612000666' }))).toEqual({ ok: true, value: [{ number: '0612000666', note: 'from the old system' }] });
    expect(await r.service.blacklistSetNote({ number: '0612000111', note: 'x' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(r.audit.list().slice(0, 4).map((e) => [e.action, e.target, e.result])).toEqual([
      ['blacklist.setNote', '0612000111', 'error'],
      ['blacklist.setNote', '0612000666', 'ok'],
      ['blacklist.setNote', '0612000999', 'ok'],
      ['blacklist.add', '0612000999', 'error'],
    ]);
  });

  it('streams a finished call\'s recording from /monitor/', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    const callId = await talkingCall(r, '801', 4_000);
    const file = r.model.calls.get(callId)?.recordingFile as string;
    await r.until(() => !r.model.calls.has(callId), 'the call to end');
    const opened = await r.service.recording({ file }, desk);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.contentType).toBe('audio/wav');
    const chunks: Buffer[] = [];
    for await (const chunk of opened.value.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(await r.service.recording({ file: 'nope.wav' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reports an unreachable box as disconnected and audits it', async () => {
    rig = await startRig({ backend: 'coocenter' });
    const r = rig;
    const down = createCoocenterActions(createCoocenterClient({ baseUrl: `http://127.0.0.1:${await deadPort()}`, webkey }));
    const service = createActionService({ model: r.model, audit: r.audit, backends: { coocenter: down }, scheduler: r.clock });
    try {
      expect(await service.pause({ extension: '800', isPaused: true }, desk)).toMatchObject({ ok: false, error: { code: 'disconnected' } });
      expect(r.audit.list({ action: 'actions.pause' })).toMatchObject([{ result: 'error', target: '800', who: desk.who }]);
    } finally {
      service.close();
    }
  });
});
