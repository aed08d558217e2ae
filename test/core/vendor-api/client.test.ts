import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoocenterClient } from '../../../electron/core/vendor-api/client';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';
import { startDocVendorServer, type DocVendorServer } from './doc-vendor-server';

let box: DocVendorServer | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('coocenter client: the 15 endpoints against a doc-faithful vendor server', () => {
  it('queries #1-#4 and #12 into typed values', async () => {
    box = await startDocVendorServer();
    const client = createCoocenterClient({ baseUrl: box.url });
    expect(await client.currentCalls()).toEqual({
      ok: true,
      value: [
        { channel: 'SIP/896-0000000b', callerIdNum: '896', callerIdName: '896', connectedLineNum: '897', connectedLineName: '897', channelState: 6, channelStateDesc: 'Up', durationSeconds: 178 },
      ],
    });
    expect(await client.extensionStatus()).toEqual({
      ok: true,
      value: [
        { extension: '800', technology: 'SIP', registration: { status: 'unknown' } },
        { extension: '801', technology: 'SIP', registration: { status: 'ok', latencyMs: 45, address: '192.168.12.4' } },
        { extension: '802', technology: 'SIP', registration: { status: 'ok', latencyMs: 42, address: '192.168.12.3' } },
      ],
    });
    // bare-array answer
    expect(await client.extensionHintsStatus()).toEqual({
      ok: true,
      value: [
        { extension: '800', agentName: '800', extensionType: 'analogCallCenter', statusCode: 0, state: 'idle' },
        { extension: '801', agentName: '801', extensionType: 'analogCallCenter', statusCode: 9, state: 'ringinuse' },
      ],
    });
    expect(await client.queueInfo()).toEqual({
      ok: true,
      value: {
        '630': [
          { interface: 'sip/876', extension: '876', isPaused: false, penalty: 0 },
          { interface: 'sip/893', extension: '893', isPaused: true, penalty: 0 },
        ],
        '632': [{ interface: 'sip/897', extension: '897', isPaused: false, penalty: 1 }],
      },
    });
    expect(await client.blacklistIndex()).toEqual({ ok: true, value: ['123456'] });
    expect(box.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /coocenter-api/extensions/current-calls',
      'GET /coocenter-api/extensions/extension-status',
      'GET /coocenter-api/extensions/extension-hints-status',
      'GET /coocenter-api/queues/queue-info',
      'GET /coocenter-api/blacklist/index',
    ]);
  });

  it('sends the actions #5-#11, #13, #14 as form posts and reads success in any spelling', async () => {
    box = await startDocVendorServer();
    const client = createCoocenterClient({ baseUrl: `${box.url}/coocenter-api/` });
    expect(await client.agentPause({ queue: '630', member: '808', paused: true })).toEqual({ ok: true, value: 'pause extension success' });
    expect(await client.agentPause({ queue: '630', member: '808', paused: false })).toEqual({ ok: true, value: 'unpause extension success' });
    expect(await client.agentLogin({ extension: '800', queue: '631' })).toEqual({ ok: true, value: 'loginextensionsuccess' });
    expect(await client.agentLogout({ extension: '800', queue: '631' })).toEqual({ ok: true, value: 'logoutextensionsuccess' });
    expect(await client.clickNumber({ src: '808', dst: '809' })).toMatchObject({ ok: true });
    expect(await client.hangup({ extension: '801' })).toEqual({ ok: true, value: 'hangupextensionsuccess' });
    expect(await client.transfer({ src: '802', dst: '801' })).toEqual({ ok: true, value: 'tansferextensionsuccess' });
    expect(await client.extenSpy({ src: '801', dst: '806' })).toEqual({ ok: true, value: 'spyextensionsuccess' });
    expect(await client.blacklistCreate({ number: '123123' })).toEqual({ ok: true, value: 'Updateddatabasesuccessfully' });
    expect(await client.blacklistDelete({ number: '123456' })).toEqual({ ok: true, value: 'Keydeletedsuccessfully' });
    expect(await client.blacklistIndex()).toEqual({ ok: true, value: ['123123'] });
    expect(box.requests.slice(0, 2).map((r) => r.form)).toEqual([
      { queue: '630', member: '808', state: 'on' },
      { queue: '630', member: '808', state: 'off' },
    ]);
    const deleted = box.requests.find((r) => r.path.endsWith('/blacklist/delete'))!;
    expect(deleted).toMatchObject({ method: 'DELETE', form: { number: '123456' } });
    expect(box.requests.find((r) => r.path.endsWith('/transfer'))!.form).toEqual({ src: '802', dst: '801' });
  });

  it('turns HTTP 200 "status":"error" answers into typed errors', async () => {
    box = await startDocVendorServer();
    const client = createCoocenterClient({ baseUrl: box.url });
    expect(await client.agentPause({ queue: '630', member: '999', paused: true })).toEqual({ ok: false, error: { code: 'not_found', message: 'Interface not found' } });
    expect(await client.hangup({ extension: '899' })).toEqual({ ok: false, error: { code: 'not_in_call', message: 'No such channel' } });
    expect(await client.agentLogout({ extension: '899', queue: '630' })).toMatchObject({ ok: false, error: { code: 'pbx_refused' } });
    expect(await client.blacklistDelete({ number: '000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('#15 streams a recording and reports a missing one', async () => {
    box = await startDocVendorServer();
    const client = createCoocenterClient({ baseUrl: box.url });
    expect(client.monitorUrl('2018/11/05/in 1.wav')).toBe(`${box.url}/coocenter-api/monitor/2018/11/05/in%201.wav`);
    const recording = await client.fetchRecording('2018/11/05/in-630-85322361.wav');
    if (!recording.ok) throw new Error(recording.error.message);
    expect(recording.value).toMatchObject({ contentType: 'audio/x-wav', contentLength: 44 });
    const chunks: Buffer[] = [];
    for await (const chunk of recording.value.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 4).toString()).toBe('RIFF');
    expect(Buffer.concat(chunks)).toHaveLength(44);
    expect(await client.fetchRecording('nope.wav')).toEqual({ ok: false, error: { code: 'not_found', message: 'file not found' } });
  });
});

describe('coocenter client: WEBKEY, timeouts, a box that is down', () => {
  it('computes Authorization per request in the PBX date, and reports a refused key', async () => {
    const day = 86_400_000;
    let now = Date.UTC(2024, 0, 1, 3);
    box = await startDocVendorServer({ webkey: 'asjdfjklkasdf', clock: () => now });
    const client = createCoocenterClient({ baseUrl: box.url, webkey: 'asjdfjklkasdf', clock: () => now });
    expect((await client.blacklistIndex()).ok).toBe(true);
    now += 3 * day; // a token computed once at start-up would now be refused
    expect((await client.blacklistIndex()).ok).toBe(true);
    expect(box.requests.map((r) => r.authorization)).toEqual([
      webkeyToken('asjdfjklkasdf', Date.UTC(2024, 0, 1, 3)),
      webkeyToken('asjdfjklkasdf', now),
    ]);
    const wrong = createCoocenterClient({ baseUrl: box.url, webkey: 'other', clock: () => now });
    expect(await wrong.queueInfo()).toEqual({ ok: false, error: { code: 'forbidden', message: 'Authorization failed' } });
    const none = createCoocenterClient({ baseUrl: box.url });
    expect(await none.hangup({ extension: '801' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('times out on a box that does not answer, and says disconnected when nothing listens', async () => {
    box = await startDocVendorServer();
    box.hang = true;
    const slow = createCoocenterClient({ baseUrl: box.url, timeoutMs: 200 });
    expect(await slow.currentCalls()).toMatchObject({ ok: false, error: { code: 'timeout' } });
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = createCoocenterClient({ baseUrl: `http://127.0.0.1:${port}` });
    expect(await down.queueInfo()).toMatchObject({ ok: false, error: { code: 'disconnected', message: expect.stringContaining('ECONNREFUSED') } });
  });

  it('reports a malformed answer as invalid rather than as data', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>gateway</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = createCoocenterClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(await client.queueInfo()).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await client.extensionHintsStatus()).toMatchObject({ ok: false, error: { code: 'invalid' } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
