import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPbx } from '../../../electron/core/demo';
import type { DemoPbx } from '../../../electron/core/demo';
import { webkeyToken } from '../../../electron/core/vendor-api/webkey';

const WEBKEY = 'asjdfjklkasdf';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function api(pbx: DemoPbx, method: string, path: string, form?: Record<string, string>, key = WEBKEY): Promise<{ status: number; body: unknown; raw: Buffer }> {
  const res = await fetch(`http://127.0.0.1:${pbx.apiPort}/coocenter-api${path}`, {
    method,
    headers: { Authorization: webkeyToken(key, Date.now()), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: isJson ? JSON.parse(raw.toString('utf8')) : undefined, raw };
}

describe('demo PBX vendor side (coocenter-api.md)', () => {
  it('pushes events with the WEBKEY header to a real receiver', async () => {
    const received: Array<{ auth: string | undefined; body: Record<string, unknown> }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += String(c); });
      req.on('end', () => { received.push({ auth: req.headers.authorization, body: JSON.parse(body) }); res.end('ok'); });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { receiver.closeAllConnections(); receiver.close(() => r()); }));
    const pbx = await startDemoPbx({ agents: 10, seed: 1, ami: false, webkey: WEBKEY, push: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` } });
    cleanups.unshift(() => pbx.close());
    const { uniqueid } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000101', answerBy: '800', talkMs: 5500 });
    pbx.step(30_000);
    await expect.poll(() => received.some((r) => r.body.event === 'cc_cdr'), { timeout: 5000 }).toBe(true);
    expect(new Set(received.map((r) => r.auth))).toEqual(new Set([webkeyToken(WEBKEY, Date.now())]));
    const events = received.map((r) => r.body.event);
    for (const name of ['ivr', 'dialbegein', 'dialend', 'extensionstatus', 'hangup', 'cdr', 'cc_cdr']) expect(events).toContain(name);
    const begin = received.find((r) => r.body.event === 'dialbegein')?.body;
    expect(Object.keys(begin ?? {}).sort()).toEqual(['calleridnum', 'channel', 'destcalleridnum', 'destchannel', 'destuniqueid', 'dialstring', 'event', 'mac', 'timestamp', 'uniqueid']);
    expect(begin?.uniqueid).toBe(uniqueid);
    const cc = received.find((r) => r.body.event === 'cc_cdr')?.body ?? {};
    expect(cc).toMatchObject({ uuid: uniqueid, caller: '0611000101', agentCode: '800', queueCode: '630', cdrState: 'bridged' });
    expect(String(cc.startTime)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('a dead receiver neither crashes nor blocks the simulation', async () => {
    const pbx = await startDemoPbx({ agents: 10, seed: 1, ami: false, webkey: WEBKEY, push: { url: 'http://127.0.0.1:9/' } });
    cleanups.push(() => pbx.close());
    pbx.placeInboundCall({ queue: '630', answerBy: '800' });
    pbx.step(30_000);
    await expect.poll(() => pbx.stats().pushesDropped, { timeout: 8000 }).toBeGreaterThan(0);
  });

  it('serves the 15 endpoints with the documented shapes and messages', async () => {
    const pbx = await startDemoPbx({ agents: 10, seed: 1, ami: false, api: { port: 0 }, webkey: WEBKEY });
    cleanups.push(() => pbx.close());
    pbx.placeInboundCall({ queue: '630', answerBy: '800', talkMs: 60_000 });
    pbx.step(5000);
    expect((await api(pbx, 'GET', '/queues/queue-info', undefined, 'wrong')).status).toBe(401);
    const calls = await api(pbx, 'POST', '/extensions/current-calls');
    expect(calls.body).toMatchObject({ status: 'success', message: 'Channels will follow' });
    expect((calls.body as { data: unknown[] }).data).toHaveLength(2);
    expect(await api(pbx, 'GET', '/extensions/extension-status')).toMatchObject({ body: { message: 'Peer status list will follow' } });
    const hints = (await api(pbx, 'GET', '/extensions/extension-hints-status')).body as Array<Record<string, string>>;
    expect(Array.isArray(hints) && hints.find((h) => h.extension === '800')).toEqual({ agentName: '800', extension: '800', extenType: 'analogCallCenter', status: '1' });
    const info = (await api(pbx, 'GET', '/queues/queue-info')).body as { message: string; data: Record<string, unknown[]> };
    expect(info.message).toBe('Queue status will follow');
    expect(info.data['630']?.[0]).toEqual({ name: 'sip/800', paused: '0', penalty: '0' });
    expect((await api(pbx, 'POST', '/queues/agent-pause', { queue: '630', member: '801', state: 'on' })).body).toMatchObject({ status: 'success' });
    expect((await api(pbx, 'POST', '/queues/agent-pause', { queue: '630', member: '999', state: 'on' })).body).toMatchObject({ status: 'error' });
    expect((await api(pbx, 'POST', '/queues/agent-login', { extension: '806', queue: '630' })).body).toEqual({ status: 'success', message: 'login extension success' });
    expect((await api(pbx, 'POST', '/queues/agent-logout', { extension: '806', queue: '630' })).body).toEqual({ status: 'success', message: 'logout extension success' });
    expect((await api(pbx, 'POST', '/extensions/transfer', { src: '800', dst: '801' })).body).toEqual({ status: 'success', message: 'tansfer extension success' });
    expect((await api(pbx, 'POST', '/extensions/extenSpy', { src: '808', dst: '800' })).body).toEqual({ status: 'success', message: 'spy extension success' });
    expect((await api(pbx, 'POST', '/extensions/click-number', { src: '805', dst: '804' })).body).toMatchObject({ status: 'success' });
    expect((await api(pbx, 'POST', '/blacklist/create', { number: '123456' })).body).toEqual({ status: 'success', message: 'Updated database successfully' });
    expect((await api(pbx, 'GET', '/blacklist/index')).body).toEqual({ status: 'success', data: ['0612000666', '123456'] });
    expect((await api(pbx, 'DELETE', '/blacklist/delete', { number: '123456' })).body).toEqual({ status: 'success', message: 'Key deleted successfully' });
    expect((await api(pbx, 'POST', '/extensions/hangup', { extension: '800' })).body).toEqual({ status: 'success', message: 'hangup extension success' });
    const unknown = await api(pbx, 'POST', '/extensions/hangup', { extension: '999' });
    expect(unknown).toMatchObject({ status: 200, body: { status: 'error' } });
  });

  it('serves recordings as WAV and refuses traversal', async () => {
    const pbx = await startDemoPbx({ agents: 10, seed: 1, ami: false, api: { port: 0 }, webkey: WEBKEY });
    cleanups.push(() => pbx.close());
    const files: string[] = [];
    pbx.onPush((p) => { if (p.event === 'cc_cdr') files.push(String(p.filePath)); });
    pbx.placeInboundCall({ queue: '630', answerBy: '800' });
    pbx.step(30_000);
    expect(files[0]).toMatch(/^q630-\d{8}-\d{6}-0611000101-[\d.]+\.wav$/);
    const wav = await api(pbx, 'GET', `/monitor/${files[0]}`);
    expect(wav.status).toBe(200);
    expect(wav.raw.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.raw.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect((await api(pbx, 'GET', '/monitor/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await api(pbx, 'GET', '/monitor/../../package.json')).status).not.toBe(200);
  });
});
