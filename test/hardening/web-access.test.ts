import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../electron/core/config/config';
import { startDemoPbx } from '../../electron/core/demo';
import { methods, type InvokeReply, type ServerFrame } from '../../electron/core/contract';

const token = 'operator-token-123';
const json = { 'content-type': 'application/json' };
const actMethods = Object.entries(methods).filter(([, spec]) => spec.role === 'act').map(([name]) => name);
const readMethods = Object.entries(methods).filter(([, spec]) => spec.role === 'read').map(([name]) => name);

let core: Core | undefined;
const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { token?: string; webRoot?: string; recordingsDir?: string; ami?: CoreConfig['ami'] } = {}): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-web-access-'));
  dirs.push(dataDir);
  const config = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, token: options.token, recordingsDir: options.recordingsDir, ami: options.ami ?? [] };
  core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot: options.webRoot });
  return `127.0.0.1:${core.http!.port}`;
}

async function invokeOverWs(url: string, calls: string[]): Promise<{ role: string; replies: Map<string, InvokeReply> }> {
  const ws = new WebSocket(url);
  const replies = new Map<string, InvokeReply>();
  let role = '';
  await new Promise<void>((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.t === 'hello') {
        role = frame.role;
        calls.forEach((method, id) => ws.send(JSON.stringify({ t: 'invoke', id, method, params: {} })));
      }
      if (frame.t === 'reply') {
        replies.set(calls[frame.id]!, frame.reply);
        if (replies.size === calls.length) resolve();
      }
    });
  });
  ws.close();
  return { role, replies };
}

describe('headless access: a token is needed to act', () => {
  it('the contract has act methods to check', () => {
    expect(actMethods.length).toBeGreaterThan(0);
  });

  it('refuses every act method over HTTP without the token or with a wrong one, and lets reads through', async () => {
    const host = await start({ token });
    for (const name of actMethods) {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-123' }, { authorization: `Bearer ${token}x` }] as Record<string, string>[]) {
        const response = await fetch(`http://${host}/api/invoke/${name}`, { method: 'POST', body: '{}', headers: { ...json, ...headers } });
        expect(response.status, `${name} ${JSON.stringify(headers)}`).toBe(403);
        expect(((await response.json()) as InvokeReply).ok).toBe(false);
      }
      // With the token the role check passes (the request may still be invalid: never 403).
      const allowed = await fetch(`http://${host}/api/invoke/${name}`, { method: 'POST', body: '{}', headers: { ...json, authorization: `Bearer ${token}` } });
      expect(allowed.status, name).not.toBe(403);
    }
    const read = await fetch(`http://${host}/api/invoke/${readMethods[0]}`, { method: 'POST', body: '{}', headers: json });
    expect(read.status).not.toBe(403);
  });

  it('refuses every act method over the WebSocket without the token, and the hello says read', async () => {
    const host = await start({ token });
    const anonymous = await invokeOverWs(`ws://${host}/api/ws`, actMethods);
    expect(anonymous.role).toBe('read');
    for (const name of actMethods) expect(anonymous.replies.get(name), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await invokeOverWs(`ws://${host}/api/ws?token=nope`, actMethods);
    expect(wrong.role).toBe('read');
    for (const name of actMethods) expect(wrong.replies.get(name), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const operator = await invokeOverWs(`ws://${host}/api/ws?token=${token}`, actMethods);
    expect(operator.role).toBe('act');
    for (const name of actMethods) {
      const reply = operator.replies.get(name)!;
      expect(reply.ok || reply.error.code !== 'forbidden', name).toBe(true);
    }
  });

  it('binds to 127.0.0.1 by default', () => {
    expect(defaultConfig('/d').http.host).toBe('127.0.0.1');
  });
});

describe('headless limits', () => {
  it('refuses an HTTP body over 1 MiB with 413, declared or streamed', async () => {
    const host = await start();
    const big = 'x'.repeat((1 << 20) + 1);
    const declared = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: JSON.stringify({ big }), headers: json });
    expect(declared.status).toBe(413);
    // Chunked: no content-length, the limit applies while reading.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(100_000)));
        controller.close();
      },
    });
    const chunked = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: stream, duplex: 'half', headers: json } as RequestInit);
    expect(chunked.status).toBe(413);
    // The server is still fine.
    expect((await fetch(`http://${host}/healthz`)).status).toBe(200);
  });

  it('serves nothing outside the web root, whatever the path encoding (malformed encodings: serve-hostile-clients.test.ts)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'callboard-webroot-'));
    dirs.push(root);
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>index</title>');
    writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'TOP SECRET');
    const host = await start({ webRoot: root });
    const [hostname, port] = host.split(':');
    const raw = (path: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(port), hostname!, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk) => (text += String(chunk)));
        socket.on('close', () => resolve(text));
      });
    const name = `${root.split('/').pop()}-secret.txt`;
    for (const path of [`/../${name}`, `/assets/../../${name}`, `/%2e%2e/${name}`, `/..%2f${name}`, `/%2e%2e%5c${name}`]) {
      const answer = await raw(path);
      expect(answer, path).not.toContain('TOP SECRET');
      expect(answer, path).toMatch(/^HTTP\/1\.1 (200|400|403|404)/);
    }
    rmSync(join(root, '..', name), { force: true });
    expect((await fetch(`http://${host}/healthz`)).status).toBe(200);
  });

  it('streams recordings from the recordings directory only, and only to operators', async () => {
    const recordings = mkdtempSync(join(tmpdir(), 'callboard-recordings-'));
    dirs.push(recordings);
    mkdirSync(join(recordings, '2026', '11'), { recursive: true });
    writeFileSync(join(recordings, '2026', '11', 'call-1.wav'), 'RIFF-recording');
    const secretName = `${recordings.split('/').pop()}-outside.wav`;
    writeFileSync(join(recordings, '..', secretName), 'TOP SECRET');
    // Recordings go through the AMI backend (plain Asterisk: a local copy of the monitor folder).
    const pbx = await startDemoPbx({ agents: 2, ami: { secret: 'demo-secret' } });
    cleanups.push(() => pbx.close());
    const host = await start({ token, recordingsDir: recordings, ami: [{ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: 'admin', secret: 'demo-secret' }] });
    await core!.amiBackends[0]!.whenSynced();
    const get = (path: string, withToken = true) => fetch(`http://${host}/api/recordings/${path}`, withToken ? { headers: { authorization: `Bearer ${token}` } } : {});
    const ok = await get('2026/11/call-1.wav');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('RIFF-recording');
    expect((await get('2026/11/call-1.wav', false)).status).toBe(403);
    for (const path of [`..%2f${secretName}`, `2026/..%2f..%2f${secretName}`, encodeURIComponent(join(recordings, '..', secretName)), `%2e%2e%2f${secretName}`]) {
      const answer = await get(path);
      expect(answer.status, path).not.toBe(200);
      expect(await answer.text(), path).not.toContain('TOP SECRET');
    }
    rmSync(join(recordings, '..', secretName), { force: true });
  });
});
