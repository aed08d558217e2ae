import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';
import { startGatewayRig, webkey, type GatewayRig } from './harness';

let rig: GatewayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Answer = { status: number; body: unknown; contentType: string | null };

/** A request exactly as the vendor document's curl lines send it (form body, DELETE with a body). */
async function send(r: GatewayRig, base: 'gateway' | 'demo', method: string, path: string, form?: string, token?: string | null): Promise<Answer> {
  const port = base === 'gateway' ? r.gateway.port : r.pbx.apiPort;
  const at = base === 'gateway' ? r.clock.now() : Date.now();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = token ?? webkeyToken(webkey, at);
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`http://127.0.0.1:${port}/coocenter-api${path}`, { method, headers, body: form });
  const contentType = response.headers.get('content-type');
  const text = await response.text();
  return { status: response.status, body: contentType?.includes('json') ? JSON.parse(text) : text, contentType };
}

/** Both sides: our gateway over AMI and the demo PBX's own vendor API, on the same simulated PBX. */
async function both(r: GatewayRig, method: string, path: string, form?: string): Promise<[Answer, Answer]> {
  return [await send(r, 'gateway', method, path, form), await send(r, 'demo', method, path, form)];
}

const byKey = <T extends Record<string, unknown>>(key: keyof T) => (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));

describe('gateway endpoints #1–#4 and #12 answer like the demo PBX and the document', () => {
  it('current-calls, extension-status, extension-hints-status, queue-info and blacklist/index', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000601', answerBy: '800', answerAfterMs: 2000, talkMs: 120_000 });
    r.pbx.setExtensionState('805', 'UNAVAILABLE');
    r.pbx.pauseAgent('801', true, 'lunch', '630');
    await r.until(() => [...r.model.calls.values()].some((c) => c.agent === '800' && c.state === 'talking'), 'the call to be answered');

    const [calls, demoCalls] = await both(r, 'POST', '/extensions/current-calls');
    type Channel = Record<string, string>;
    const ours = calls.body as { status: string; message: string; data: Channel[] };
    expect(ours.status).toBe('success');
    expect(ours.message).toBe('Channels will follow');
    expect(ours.data.length).toBe(2);
    expect(Object.keys(ours.data[0] ?? {})).toEqual(['calleridname', 'calleridnum', 'channel', 'channelstate', 'channelstatedesc', 'connectedlinename', 'connectedlinenum', 'duration']);
    expect(ours.data.sort(byKey('channel'))).toEqual((demoCalls.body as { data: Channel[] }).data.sort(byKey('channel')));
    expect({ ...ours, data: [] }).toEqual({ ...(demoCalls.body as object), data: [] });

    const [peers, demoPeers] = await both(r, 'GET', '/extensions/extension-status');
    expect(peers.body).toMatchObject({ status: 'success', message: 'Peer status list will follow' });
    expect((peers.body as { data: Channel[] }).data.sort(byKey('Exten'))).toEqual((demoPeers.body as { data: Channel[] }).data.sort(byKey('Exten')));
    expect((peers.body as { data: Channel[] }).data.find((p) => p.Exten === '805')).toEqual({ Exten: '805', Type: 'SIP', IPAddr: '-none-', Status: 'UNKNOWN' });

    const [hints, demoHints] = await both(r, 'GET', '/extensions/extension-hints-status');
    expect(Array.isArray(hints.body)).toBe(true); // the bare array of the document
    expect((hints.body as Channel[]).sort(byKey('extension'))).toEqual((demoHints.body as Channel[]).sort(byKey('extension')));
    expect((hints.body as Channel[]).find((h) => h.extension === '800')).toEqual({ agentName: '800', extension: '800', extenType: 'analogCallCenter', status: '1' });

    const [queues, demoQueues] = await both(r, 'GET', '/queues/queue-info');
    type Members = Record<string, Channel[]>;
    const sorted = (data: Members) => Object.fromEntries(Object.entries(data).map(([q, m]) => [q, [...m].sort(byKey('name'))]));
    expect(queues.body).toMatchObject({ status: 'success', message: 'Queue status will follow' });
    expect(sorted((queues.body as { data: Members }).data)).toEqual(sorted((demoQueues.body as { data: Members }).data));
    expect((queues.body as { data: Members }).data['630']).toContainEqual({ name: 'sip/801', paused: '1', penalty: '0' });

    const [blacklist, demoBlacklist] = await both(r, 'GET', '/blacklist/index');
    expect(blacklist.body).toEqual(demoBlacklist.body);
    expect(blacklist.body).toMatchObject({ status: 'success', data: expect.any(Array) });

    // The coocenter client (Callboard's own consumer of the vendor API) reads every answer.
    expect(await r.client.currentCalls()).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ channelState: 6 })]) });
    expect(await r.client.extensionHintsStatus()).toMatchObject({ ok: true });
    expect(await r.client.queueInfo()).toMatchObject({ ok: true, value: { '630': expect.any(Array) } });
    expect(await r.client.extensionStatus()).toMatchObject({ ok: true });
  });
});

describe('gateway action endpoints #5–#11, #13, #14 with the document\'s form bodies', () => {
  it('pause/unpause, login/logout: same words as the demo PBX, effects seen over AMI', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    const member = (queue: string, extension: string) => r.model.queues.get(queue)?.members.find((m) => m.extension === extension);

    const pause = await send(r, 'gateway', 'POST', '/queues/agent-pause', 'queue=630&member=800&state=on');
    expect(pause.body).toEqual((await send(r, 'demo', 'POST', '/queues/agent-pause', 'queue=630&member=801&state=on')).body);
    expect(pause.body).toEqual({ status: 'success', message: 'Interface paused successfully' });
    await r.until(() => member('630', '800')?.isPaused === true, '800 paused in 630');
    const unpause = await send(r, 'gateway', 'POST', '/queues/agent-pause', 'queue=630&member=800&state=off');
    expect(unpause.body).toEqual({ status: 'success', message: 'Interface unpaused successfully' });
    await r.until(() => member('630', '800')?.isPaused === false, '800 unpaused');

    const login = await send(r, 'gateway', 'POST', '/queues/agent-login', 'extension=806&queue=630');
    expect(login.body).toEqual({ status: 'success', message: 'login extension success' });
    expect((await send(r, 'demo', 'POST', '/queues/agent-login', 'extension=807&queue=630')).body).toEqual(login.body);
    await r.until(() => member('630', '806') !== undefined, '806 in 630');
    // Asterisk's refusal comes back as the vendor's error shape: HTTP 200, status error.
    const again = await send(r, 'gateway', 'POST', '/queues/agent-login', 'extension=806&queue=630');
    expect(again).toMatchObject({ status: 200, body: { status: 'error', message: 'Unable to add interface: Already there' } });

    const logout = await send(r, 'gateway', 'POST', '/queues/agent-logout', 'extension=806&queue=630');
    expect(logout.body).toEqual({ status: 'success', message: 'logout extension success' });
    expect((await send(r, 'demo', 'POST', '/queues/agent-logout', 'extension=807&queue=630')).body).toEqual(logout.body);
    await r.until(() => member('630', '806') === undefined, '806 out of 630');

    expect(await send(r, 'gateway', 'POST', '/queues/agent-pause', 'queue=630&member=899&state=on'))
      .toMatchObject({ status: 200, body: { status: 'error', message: 'extension 899 not found' } });
    expect(await send(r, 'gateway', 'POST', '/queues/agent-pause', 'queue=630&state=on'))
      .toMatchObject({ status: 200, body: { status: 'error', message: 'missing parameter: member' } });
    // Through Callboard's own client of the vendor API.
    expect(await r.client.agentPause({ queue: '631', member: '802', paused: true })).toEqual({ ok: true, value: 'Interface paused successfully' });
  });

  it('click-number, transfer, extenSpy, hangup (stripped-space forms of the document included)', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    // `-d" src=808&dst=809"` as the document prints it.
    const dial = await r.settle(send(r, 'gateway', 'POST', '/extensions/click-number', ' src=806&dst=807'));
    expect(dial.body).toEqual({ status: 'success', message: 'click number success' });
    expect((await send(r, 'demo', 'POST', '/extensions/click-number', 'src=808&dst=809')).body).toEqual(dial.body);
    await r.until(() => [...r.model.calls.values()].some((c) => c.state === 'talking' && c.channels.some((ch) => ch.startsWith('SIP/806-'))), '806 talking');

    const spy = await r.settle(send(r, 'gateway', 'POST', '/extensions/extenSpy', 'dst=806& src=801'));
    expect(spy.body).toEqual({ status: 'success', message: 'spy extension success' });

    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000602', answerBy: '800', answerAfterMs: 1000, talkMs: 120_000 });
    await r.until(() => [...r.model.calls.values()].some((c) => c.agent === '800' && c.state === 'talking'), '800 talking');
    const transfer = await send(r, 'gateway', 'POST', '/extensions/transfer', 'dst=803& src=800');
    expect(transfer.body).toEqual({ status: 'success', message: 'tansfer extension success' });
    await r.until(() => [...r.model.calls.values()].some((c) => c.state !== 'ended' && c.channels.some((ch) => ch.startsWith('SIP/803-'))), 'the caller moved to 803');

    const hangup = await send(r, 'gateway', 'POST', '/extensions/hangup', 'extension=806');
    expect(hangup.body).toEqual({ status: 'success', message: 'hangup extension success' });
    await r.until(() => ![...r.model.calls.values()].some((c) => c.state !== 'ended' && c.channels.some((ch) => ch.startsWith('SIP/806-'))), '806 hung up');
    expect(await send(r, 'gateway', 'POST', '/extensions/hangup', 'extension=806'))
      .toMatchObject({ status: 200, body: { status: 'error', message: 'extension 806 is not in a call' } });
    expect(await r.client.transfer({ src: '805', dst: '801' })).toMatchObject({ ok: false, error: { code: 'not_in_call' } });
  });

  it('blacklist create / index / delete (DELETE with a form body) over AstDB', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    const created = await send(r, 'gateway', 'POST', '/blacklist/create', 'number=123123');
    expect(created.body).toEqual({ status: 'success', message: 'Updated database successfully' });
    expect((await send(r, 'demo', 'POST', '/blacklist/create', 'number=123456')).body).toEqual(created.body);
    expect((await send(r, 'gateway', 'GET', '/blacklist/index')).body).toMatchObject({ status: 'success', data: expect.arrayContaining(['123123', '123456']) });
    const deleted = await send(r, 'gateway', 'DELETE', '/blacklist/delete', 'number=123123');
    expect(deleted.body).toEqual({ status: 'success', message: 'Key deleted successfully' });
    expect((await send(r, 'demo', 'DELETE', '/blacklist/delete', 'number=123456')).body).toEqual(deleted.body);
    expect((await send(r, 'gateway', 'GET', '/blacklist/index')).body).toMatchObject({ data: expect.not.arrayContaining(['123123']) });
    expect(await send(r, 'gateway', 'DELETE', '/blacklist/delete', 'number=123123')).toMatchObject({ status: 200, body: { status: 'error' } });
    expect(await r.client.blacklistCreate({ number: '0612000666' })).toEqual({ ok: true, value: 'Updated database successfully' });
    expect(await r.client.blacklistIndex()).toMatchObject({ ok: true, value: expect.arrayContaining(['0612000666']) });
    expect(await r.client.blacklistDelete({ number: '0612000666' })).toEqual({ ok: true, value: 'Key deleted successfully' });
  });
});

describe('gateway WEBKEY and /monitor/', () => {
  it('401 without or with a wrong token, yesterday\'s and tomorrow\'s accepted; unknown paths 404', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    expect(await send(r, 'gateway', 'GET', '/queues/queue-info', undefined, null)).toMatchObject({ status: 401, body: { status: 'error', message: 'Unauthorized' } });
    expect((await send(r, 'gateway', 'GET', '/queues/queue-info', undefined, 'deadbeef')).status).toBe(401);
    for (const shift of [-86_400_000, 86_400_000]) {
      expect((await send(r, 'gateway', 'GET', '/queues/queue-info', undefined, webkeyToken(webkey, r.clock.now() + shift))).status).toBe(200);
    }
    expect((await send(r, 'gateway', 'GET', '/queues/queue-info', undefined, webkeyToken(webkey, r.clock.now() + 2 * 86_400_000))).status).toBe(401);
    expect(await send(r, 'gateway', 'GET', '/queues/nothing')).toMatchObject({ status: 404, body: { status: 'error', message: 'Not found' } });
    expect((await send(r, 'gateway', 'GET', '/extensions/current-calls')).status).toBe(404); // POST only, as documented
  });

  it('serves recordings from the directory and nothing outside it', async () => {
    rig = await startGatewayRig({ withReceiver: false });
    const r = rig;
    const monitor = join(r.dir, 'monitor');
    mkdirSync(join(monitor, '2018', '11', '05'), { recursive: true });
    writeFileSync(join(monitor, 'q630-call.wav'), Buffer.from('RIFF-recording'));
    writeFileSync(join(monitor, '2018', '11', '05', 'in-630-85322361.wav'), Buffer.from('RIFF-nested'));
    writeFileSync(join(r.dir, 'secret.txt'), 'outside');
    symlinkSync(join(r.dir, 'secret.txt'), join(monitor, 'escape.wav'));
    symlinkSync(join(monitor, 'q630-call.wav'), join(monitor, 'alias.wav'));

    expect(await send(r, 'gateway', 'GET', '/monitor/q630-call.wav')).toEqual({ status: 200, body: 'RIFF-recording', contentType: 'audio/wav' });
    expect((await send(r, 'gateway', 'GET', '/monitor/2018/11/05/in-630-85322361.wav')).body).toBe('RIFF-nested');
    // cc_cdr filePath may be MixMonitor's absolute path: that prefix, and only that one, is understood.
    expect((await send(r, 'gateway', 'GET', '/monitor/%2Fvar%2Fspool%2Fasterisk%2Fmonitor%2Fq630-call.wav')).body).toBe('RIFF-recording');
    expect((await send(r, 'gateway', 'GET', '/monitor/alias.wav')).body).toBe('RIFF-recording');
    const refused = [
      '/monitor/..%2Fsecret.txt', '/monitor/..%2F..%2F..%2Fetc%2Fpasswd', '/monitor/%2Fetc%2Fpasswd', '/monitor/q630-call.wav%00.txt',
      '/monitor/2018%2F..%2F..%2Fsecret.txt', '/monitor/..%5Csecret.txt', '/monitor/escape.wav', '/monitor/missing.wav', '/monitor/2018',
    ];
    for (const path of refused) {
      const answer = await send(r, 'gateway', 'GET', path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body, path).toMatchObject({ status: 'error' });
    }
    // A `..` the URL parser resolves leaves /coocenter-api/ altogether.
    expect((await send(r, 'gateway', 'GET', '/monitor/../../secret.txt')).status).toBe(404);
    const recording = await r.client.fetchRecording('2018/11/05/in-630-85322361.wav');
    expect(recording).toMatchObject({ ok: true, value: { contentType: 'audio/wav', contentLength: 11 } });
    if (recording.ok) recording.value.stream.destroy();
  });
});
