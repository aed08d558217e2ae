import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { startRig, type Rig } from './harness';
import { headerNames, transcriptAction, withoutActionId } from './transcript-actions';

let rig: Rig | undefined;
let recordingsDir: string | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  if (recordingsDir) rmSync(recordingsDir, { recursive: true, force: true });
  recordingsDir = undefined;
});

const desk = { who: 'desktop' };

function last(r: Rig, action: string): AmiMessage {
  const sent = r.tap.actions(action);
  const frame = sent[sent.length - 1];
  if (!frame) throw new Error(`no ${action} was sent`);
  return frame;
}

/** An inbound call on queue 630 answered by `agent`, talking in the live model. */
async function talkingCall(r: Rig, agent = '800', caller = '0611000601'): Promise<string> {
  r.pbx.placeInboundCall({ queue: '630', callerNumber: caller, answerBy: agent, answerAfterMs: 2000, talkMs: 120_000 });
  await r.until(() => [...r.model.calls.values()].some((c) => c.agent === agent && c.state === 'talking'), 'the call to be answered');
  return [...r.model.calls.values()].find((c) => c.agent === agent)?.id as string;
}

describe('AMI actions against the demo PBX, frames as in s04–s08', () => {
  it('pauses in all queues and in one, with the reason; unpauses without one (s04)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(await r.service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, desk)).toEqual({ ok: true, value: undefined });
    expect(withoutActionId(last(r, 'QueuePause'))).toEqual({ ...withoutActionId(transcriptAction('s04_pause_members', 'rig-2')), reason: 'lunch' });
    await r.until(() => [...r.model.queues.values()].every((q) => q.members.every((m) => m.extension !== '800' || m.isPaused)), '800 paused everywhere');
    expect(r.model.queues.get('632')?.members.find((m) => m.extension === '800')?.pauseReason).toBe('lunch');

    expect((await r.service.pause({ extension: '801', queue: '630', isPaused: true, reason: 'coaching' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'QueuePause'))).toEqual({ ...withoutActionId(transcriptAction('s04_pause_members', 'rig-3')), reason: 'coaching' });

    expect((await r.service.pause({ extension: '800', isPaused: false }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'QueuePause'))).toEqual(withoutActionId(transcriptAction('s04_pause_members', 'rig-10')));
    expect((await r.service.pause({ extension: '801', queue: '630', isPaused: false }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'QueuePause'))).toEqual(withoutActionId(transcriptAction('s04_pause_members', 'rig-11')));
  });

  it('refuses unknown extensions, queues and reasons without sending anything', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(await r.service.pause({ extension: '899', isPaused: true, reason: 'lunch' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await r.service.pause({ extension: '800', queue: '699', isPaused: true }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await r.service.pause({ extension: '800', isPaused: true, reason: 'nap' }, desk)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await r.service.pause({ extension: '809', isPaused: true }, desk)).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/not a member/) } });
    expect(r.tap.actions()).toEqual([]);
  });

  it('logs agents in with penalty and name, out again; a repeated login is the PBX\'s refusal (s04)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect((await r.service.queueLogin({ extension: '806', queue: '630', penalty: 2 }, desk)).ok).toBe(true);
    const sent = last(r, 'QueueAdd');
    const recorded = transcriptAction('s04_pause_members', 'rig-5');
    expect(headerNames(sent)).toEqual(headerNames(recorded));
    expect(withoutActionId(sent)).toEqual({ ...withoutActionId(recorded), membername: sent.membername });
    await r.until(() => r.model.queues.get('630')?.members.some((m) => m.extension === '806') ?? false, '806 in 630');

    expect(await r.service.queueLogin({ extension: '806', queue: '630', penalty: 2 }, desk))
      .toEqual({ ok: false, error: { code: 'pbx_refused', message: 'Unable to add interface: Already there' } });

    expect((await r.service.queueLogout({ extension: '806', queue: '630' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'QueueRemove'))).toEqual(withoutActionId(transcriptAction('s04_pause_members', 'rig-13')));
    await r.until(() => !r.model.queues.get('630')?.members.some((m) => m.extension === '806'), '806 out of 630');
    expect(await r.service.queueLogout({ extension: '806', queue: '630' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('click-to-dial rings the source, waits for OriginateResponse; a dead phone is a refusal (s05)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    const dialed = await r.settle(r.service.dial({ source: '800', destination: '801' }, desk));
    expect(dialed).toMatchObject({ ok: true, value: { channel: expect.stringMatching(/^SIP\/800-/), uniqueid: expect.any(String) } });
    // As the transcript's Originate, plus the tag that files the agent's leg as a supervisor session until the number answers.
    const { variable, ...sent } = withoutActionId(last(r, 'Originate'));
    const { variable: recordedVariable, ...recorded } = withoutActionId(transcriptAction('s05_click_to_dial', 'rig-2'));
    expect(sent).toEqual(recorded);
    expect(variable).toEqual({ ...(recordedVariable as Record<string, string>), CALLBOARD_SESSION: 'dial' });
    await r.until(() => [...r.model.calls.values()].some((c) => c.state === 'talking'), 'the click-to-dial call to connect');

    r.pbx.setExtensionState('805', 'UNAVAILABLE');
    await r.until(() => r.model.extensions.get('805')?.state === 'unavailable', '805 offline');
    const failed = await r.settle(r.service.dial({ source: '805', destination: '801' }, desk));
    expect(failed).toMatchObject({ ok: false, error: { code: 'pbx_refused', message: expect.stringMatching(/^Originate failed/) } });
    expect(await r.service.dial({ source: '899', destination: '801' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('spies in the three ChanSpy modes from the supervisor phone (s07), only on a call', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(await r.service.spy({ supervisor: '808', target: '806', mode: 'listen' }, desk)).toMatchObject({ ok: false, error: { code: 'not_in_call' } });
    expect(await r.service.spy({ supervisor: '898', target: '800', mode: 'listen' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await r.settle(r.service.dial({ source: '806', destination: '807' }, desk));
    await r.until(() => [...r.model.calls.values()].some((c) => c.state === 'talking'), '806 talking to 807');

    const spyStarts: AmiMessage[] = [];
    r.amiClient.subscribe({ event: (m) => void (m.event === 'ChanSpyStart' && spyStarts.push(m)) });
    const listen = await r.settle(r.service.spy({ supervisor: '808', target: '806', mode: 'listen' }, desk));
    expect(listen).toEqual({ ok: true, value: undefined });
    // As the transcript's Originate, plus `d` (the mode keys that switch it later) and the session tag.
    const { variable, ...sent } = withoutActionId(last(r, 'Originate'));
    const recordedListen = withoutActionId(transcriptAction('s07_chanspy', 'rig-3'));
    expect(sent).toEqual({ ...recordedListen, data: `${String(recordedListen.data)}d` });
    expect(variable).toEqual({ CALLBOARD_SESSION: 'listen' });
    await r.until(() => spyStarts.length === 1, 'ChanSpyStart');
    // The live model files the spy call as a supervisor session watching 806's call, not an internal call.
    const observed = [...r.model.calls.values()].find((c) => c.callClass !== 'supervisor' && c.channels.some((ch) => ch.startsWith('SIP/806-')))?.id;
    await r.until(() => [...r.model.calls.values()].some((c) => c.callClass === 'supervisor' && c.sessionKind === 'listen' && c.observedCallId === observed), 'the session in the model');
    expect(spyStarts[0]).toMatchObject({ spyerchannel: expect.stringMatching(/^SIP\/808-/), spyeechannel: expect.stringMatching(/^SIP\/806-/) });
    // s07 rig-4: hanging up the spyer's channel ends the spying (ChanSpyStop).
    const spyStops: AmiMessage[] = [];
    r.amiClient.subscribe({ event: (m) => void (m.event === 'ChanSpyStop' && spyStops.push(m)) });
    expect(await r.service.hangup({ extension: '808' }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => spyStops.length === 1, 'ChanSpyStop');
    expect(spyStops[0]?.spyerchannel).toBe(spyStarts[0]?.spyerchannel);

    expect((await r.settle(r.service.spy({ supervisor: '809', target: '806', mode: 'whisper' }, desk))).ok).toBe(true);
    expect(last(r, 'Originate')).toMatchObject({ channel: 'SIP/809', application: 'ChanSpy', data: 'SIP/806,qwd', async: 'true', variable: { CALLBOARD_SESSION: 'whisper' } });

    expect((await r.settle(r.service.spy({ supervisor: '808', target: '806', mode: 'barge' }, desk))).ok).toBe(true);
    const barge = last(r, 'Originate');
    const recorded = transcriptAction('s07_chanspy', 'rig-7');
    expect(headerNames(barge)).toEqual([...headerNames(recorded), 'variable'].sort());
    expect(barge).toMatchObject({ application: recorded.application, data: `${String(recorded.data)}d`, async: recorded.async });
  });

  it('switches a running session between listen, whisper and barge by its mode keys, then stops it', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    await r.settle(r.service.dial({ source: '806', destination: '807' }, desk));
    await r.until(() => [...r.model.calls.values()].some((c) => c.state === 'talking'), '806 talking to 807');
    const observed = [...r.model.calls.values()].find((c) => c.channels.some((ch) => ch.startsWith('SIP/807-')))!.id;
    expect((await r.settle(r.service.spy({ supervisor: '808', target: '806', mode: 'listen' }, desk))).ok).toBe(true);
    const session = () => [...r.model.calls.values()].find((c) => c.callClass === 'supervisor' && c.observedCallId === observed);
    await r.until(() => session()?.sessionKind === 'listen', 'the listen session in the model');
    const sessionId = session()!.id;
    const spyer = session()!.channels[0]!;
    const received: AmiMessage[] = [];
    r.amiClient.subscribe({ event: (m) => void (m.event === 'DTMFEnd' && received.push(m)) });
    /** What the demo PBX's ChanSpy runs with now (CoreShowChannels `ApplicationData`). */
    const spyData = async () => (await r.amiClient.listAction({ Action: 'CoreShowChannels' })).items.find((m) => m.channel === spyer)?.applicationdata;

    expect(await r.service.spyMode({ callId: sessionId, mode: 'whisper' }, desk)).toEqual({ ok: true, value: undefined });
    expect(withoutActionId(last(r, 'PlayDTMF'))).toEqual({ action: 'PlayDTMF', channel: spyer, digit: '5', receive: 'true' });
    // `Variable: CALLBOARD_SESSION` (the frame parser reads every Variable header as name=value pairs).
    expect(withoutActionId(last(r, 'Setvar'))).toEqual({ action: 'Setvar', channel: spyer, variable: { CALLBOARD_SESSION: '' }, value: 'whisper' });
    await r.until(() => session()?.sessionKind === 'whisper', 'the session to show whisper');
    expect(await spyData()).toBe('SIP/806,qdw');
    expect(received.at(-1)).toMatchObject({ channel: spyer, digit: '5', direction: 'Received' });

    expect((await r.service.spyMode({ callId: sessionId, mode: 'barge' }, desk)).ok).toBe(true);
    await r.until(() => session()?.sessionKind === 'barge', 'the session to show barge');
    expect(last(r, 'PlayDTMF').digit).toBe('6');
    expect(await spyData()).toBe('SIP/806,qdB');
    // Already in that mode: nothing is sent.
    const pressed = r.tap.actions('PlayDTMF').length;
    expect((await r.service.spyMode({ callId: sessionId, mode: 'barge' }, desk)).ok).toBe(true);
    expect(r.tap.actions('PlayDTMF')).toHaveLength(pressed);
    // Only a live listen/whisper/barge session switches.
    expect(await r.service.spyMode({ callId: observed, mode: 'listen' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await r.service.spyMode({ callId: 'no-such-call', mode: 'listen' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(r.tap.actions('PlayDTMF')).toHaveLength(pressed);
    const audited = r.audit.list({ action: 'actions.spyMode' }).map((e) => [e.target, e.result, (e.params as { mode: string }).mode]);
    expect(audited).toEqual(expect.arrayContaining([[sessionId, 'ok', 'whisper'], [sessionId, 'ok', 'barge'], [observed, 'error', 'listen']]));

    // Stop: the supervisor's channel hangs up, the observed call goes on.
    expect(await r.service.hangup({ callId: sessionId }, desk)).toEqual({ ok: true, value: undefined });
    await r.until(() => !r.model.calls.has(sessionId), 'the session to end');
    expect(r.model.calls.get(observed)?.state).toBe('talking');
    expect(r.model.extensions.get('808')?.state).toBe('idle');
  });

  it('transfers blind by Redirecting the caller: the call moves to the destination (s06 a)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(await r.service.transfer({ extension: '800', destination: '803', kind: 'blind' }, desk)).toMatchObject({ ok: false, error: { code: 'not_in_call' } });
    const callId = await talkingCall(r);
    const callerChannel = r.model.calls.get(callId)?.channels.find((c) => c.startsWith('SIP/carrier-'));
    expect((await r.service.transfer({ callId, destination: '803', kind: 'blind' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'Redirect'))).toEqual({ ...withoutActionId(transcriptAction('s06_transfer', 'rig-2')), channel: callerChannel });
    await r.until(() => r.model.extensions.get('803')?.state === 'inuse' && r.model.extensions.get('800')?.state === 'idle', 'the caller to reach 803');
    expect(r.model.calls.get(callId)?.channels).toEqual([callerChannel, expect.stringMatching(/^SIP\/803-/)]);
    expect(await r.service.transfer({ callId: 'no-such-call', destination: '803', kind: 'blind' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('transfers attended by Atxfer on the agent channel; the agent hanging up completes it (s06 b)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    const transfers: AmiMessage[] = [];
    r.amiClient.subscribe({ event: (m) => void (m.event === 'AttendedTransfer' && transfers.push(m)) });
    const callId = await talkingCall(r);
    const agentChannel = r.model.calls.get(callId)?.channels.find((c) => c.startsWith('SIP/800-'));
    expect((await r.service.transfer({ extension: '800', destination: '804', kind: 'attended' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'Atxfer'))).toEqual({ ...withoutActionId(transcriptAction('s06_transfer', 'rig-3')), channel: agentChannel });
    await r.until(() => r.model.extensions.get('804')?.state === 'inuse', '804 to answer the consultation');
    expect((await r.service.hangup({ extension: '800' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'Hangup'))).toMatchObject({ ...withoutActionId(transcriptAction('s06_transfer', 'rig-4')), channel: agentChannel });
    await r.until(() => transfers.length === 1 && r.model.extensions.get('800')?.state === 'idle', 'the transfer to complete');
    expect(transfers[0]).toMatchObject({ result: 'Success', desttype: 'Bridge', transfereechannel: expect.stringMatching(/^SIP\/carrier-/) });
    expect(r.model.extensions.get('804')?.state).toBe('inuse');
  });

  it('hangs up an extension\'s channel with Cause 16 and the call ends (s08)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect(await r.service.hangup({ extension: '800' }, desk)).toMatchObject({ ok: false, error: { code: 'not_in_call' } });
    const callId = await talkingCall(r);
    const agentChannel = r.model.calls.get(callId)?.channels.find((c) => c.startsWith('SIP/800-'));
    expect(await r.service.hangup({ extension: '800' }, desk)).toEqual({ ok: true, value: undefined });
    const sent = last(r, 'Hangup');
    expect(headerNames(sent)).toEqual(headerNames(transcriptAction('s08_hangup_blacklist', 'rig-5')));
    expect(withoutActionId(sent)).toEqual({ action: 'Hangup', channel: agentChannel, cause: '16' });
    await r.until(() => !r.model.calls.has(callId), 'the call to end');
  });

  it('keeps the blacklist in AstDB with the note as value; a second delete is refused (s08)', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect((await r.service.blacklistAdd({ number: '0612000999', note: 'added by supervisor' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'DBPut'))).toEqual(withoutActionId(transcriptAction('s08_hangup_blacklist', 'rig-2')));
    expect((await r.service.blacklistAdd({ number: '0612000777', note: 'spam' }, desk)).ok).toBe(true);

    const listed = await r.service.blacklistList();
    expect(withoutActionId(last(r, 'DBGetTree'))).toEqual(withoutActionId(transcriptAction('s08_hangup_blacklist', 'rig-4')));
    // The demo PBX starts with s01's entry (0612000666, "spam caller"): no author known for it.
    expect(listed).toMatchObject({ ok: true, value: [
      { number: '0612000666', note: 'spam caller' },
      { number: '0612000999', note: 'added by supervisor', addedBy: 'desktop' },
      { number: '0612000777', note: 'spam', addedBy: 'desktop' },
    ] });
    expect(await r.service.blacklistList({ query: 'SPAM' })).toMatchObject({ ok: true, value: [{ number: '0612000666' }, { number: '0612000777' }] });
    expect(await r.service.blacklistList({ query: '0612000999' })).toMatchObject({ ok: true, value: [{ number: '0612000999' }] });

    expect((await r.service.blacklistRemove({ number: '0612000999' }, desk)).ok).toBe(true);
    expect(withoutActionId(last(r, 'DBDel'))).toEqual(withoutActionId(transcriptAction('s08_hangup_blacklist', 'rig-6')));
    expect(await r.service.blacklistRemove({ number: '0612000999' }, desk))
      .toEqual({ ok: false, error: { code: 'pbx_refused', message: 'Database entry could not be deleted' } });
    expect(await r.service.blacklistList()).toMatchObject({ ok: true, value: [{ number: '0612000666' }, { number: '0612000777' }] });
  });

  it('adding a listed number again changes nothing in AstDB; editing the note writes the new value', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    expect((await r.service.blacklistAdd({ number: '0612000777', note: 'spam' }, desk)).ok).toBe(true);
    const puts = r.tap.actions('DBPut').length;
    expect(await r.service.blacklistAdd({ number: '0612000777' }, { who: 'web:127.0.0.1' })).toMatchObject({ ok: false, error: { code: 'exists' } });
    expect(await r.service.blacklistAdd({ number: '0612000666', note: 'again' }, desk)).toMatchObject({ ok: false, error: { code: 'exists' } });
    expect(r.tap.actions('DBPut')).toHaveLength(puts);
    expect((await r.service.blacklistSetNote({ number: '0612000777', note: 'spam, 3 times a day' }, { who: 'web:127.0.0.1' })).ok).toBe(true);
    expect(r.tap.actions('DBPut').at(-1)).toMatchObject({ family: 'blacklist', key: '0612000777', val: 'spam, 3 times a day' });
    // Cleared, AstDB still needs a value; the page shows the empty note, and who added it.
    expect((await r.service.blacklistSetNote({ number: '0612000777', note: '' }, { who: 'web:127.0.0.1' })).ok).toBe(true);
    expect(r.tap.actions('DBPut').at(-1)).toMatchObject({ val: 'added by desktop' });
    expect(await r.service.blacklistList({ query: '0612000777' })).toMatchObject({ ok: true, value: [{ number: '0612000777', note: '', addedBy: 'desktop' }] });
    expect(await r.service.blacklistSetNote({ number: '0612000111', note: 'x' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('streams recordings from the configured directory and refuses names outside it', async () => {
    recordingsDir = mkdtempSync(join(tmpdir(), 'callboard-monitor-'));
    writeFileSync(join(recordingsDir, 'q630-20261124-100001-0611000601-1795485600.0.wav'), Buffer.from('RIFF....WAVEfmt '));
    rig = await startRig({ backend: 'ami', ami: { recordingsDir } });
    const r = rig;
    const opened = await r.service.recording({ file: '/var/spool/asterisk/monitor/q630-20261124-100001-0611000601-1795485600.0.wav' }, desk);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value).toMatchObject({ contentType: 'audio/wav', contentLength: 16 });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.value.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('RIFF....WAVEfmt ');
    expect(await r.service.recording({ file: '../../etc/passwd' }, desk)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await r.service.recording({ file: 'missing.wav' }, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers disconnected once the AMI session is gone', async () => {
    rig = await startRig({ backend: 'ami' });
    const r = rig;
    r.tap.cut();
    await r.until(() => !r.amiClient.isConnected, 'the actions session to drop');
    expect(await r.service.pause({ extension: '800', isPaused: true, reason: 'lunch' }, desk)).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(await r.service.blacklistList()).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(r.audit.list({ action: 'actions.pause' })).toMatchObject([{ result: 'error', who: 'desktop', message: expect.stringMatching(/^disconnected/) }]);
  });
});
