import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import { startServe, type ServeProcess } from './serve-process';

/** A fake AMI that refuses every Login (echoing its ActionID), as Asterisk does with a wrong secret. */
async function refusingAmi(): Promise<Server> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    const parser = new AmiFrameParser();
    socket.on('data', (chunk) => {
      for (const message of parser.push(chunk.toString('utf8'))) {
        socket.write(`Response: Error\r\nActionID: ${String(message.actionid ?? '')}\r\nMessage: Authentication failed\r\n\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const secrets = { ami: 'ami-Secret-7731', webkey: 'webkey-Secret-5519', token: 'token-Secret-2207' };
const dataDir = mkdtempSync(join(tmpdir(), 'callboard-hostile-'));
let ami: Server;
let serve: ServeProcess;
let httpPort = 0;
let receiverPort = 0;

beforeAll(async () => {
  ami = await refusingAmi();
});
// A fresh process per test: a crash shows in the test that caused it.
beforeEach(async () => {
  const amiPort = (ami.address() as AddressInfo).port;
  serve = startServe([
    '--http', '127.0.0.1:0', '--receiver', '127.0.0.1:0', '--data-dir', dataDir,
    '--ami', `admin:${secrets.ami}@127.0.0.1:${amiPort}`, '--webkey', secrets.webkey, '--token', secrets.token,
  ]);
  receiverPort = Number(await serve.waitFor(/push receiver listening on http:\/\/127\.0\.0\.1:(\d+)\//));
  httpPort = Number(await serve.waitFor(/ready: open http:\/\/127\.0\.0\.1:(\d+)\//));
});
afterEach(async () => {
  if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
  await serve.exited;
});
afterAll(async () => {
  await new Promise((resolve) => ami.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Still serving? Fails with the process's last output when it died. */
async function expectAlive(): Promise<void> {
  const ok = await fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.status === 200, () => false);
  expect(ok, `callboard serve died:\n${serve.output().slice(-2_000)}`).toBe(true);
}

/** Open a WebSocket, or fail fast (with the process output) when the server is gone. */
async function openSocket(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/api/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', () => {});
  return ws;
}

describe('callboard serve and hostile clients', () => {
  it('never writes a secret to its output, even when the AMI login is refused and pushes carry wrong keys', async () => {
    await serve.waitFor(/AMI 127\.0\.0\.1:\d+: (auth_failed)/);
    const refused = await fetch(`http://127.0.0.1:${receiverPort}/`, { method: 'POST', body: JSON.stringify({ event: 'hangup' }), headers: { authorization: 'md5-of-nothing' } });
    expect(refused.status).toBe(401);
    const forbidden = await fetch(`http://127.0.0.1:${httpPort}/api/invoke/history.deleteBefore`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect([403, 404]).toContain(forbidden.status);
    const output = serve.output();
    expect(output).toContain('"webkey":"(set)"');
    for (const value of Object.values(secrets)) expect(output).not.toContain(value);
  });

  it('survives malformed percent-encodings in paths', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz', '/api/invoke/%']) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(httpPort, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let text = '';
        socket.setTimeout(5_000, () => socket.destroy());
        socket.on('data', (chunk) => (text += String(chunk)));
        socket.on('close', () => resolve(text));
      });
      await expectAlive();
      expect(answer, path).toMatch(/^HTTP\/1\.1 [45]\d\d/);
    }
    await expectAlive();
  });

  it('survives a WebSocket frame over the size limit (the client is dropped with 1009)', async () => {
    const ws = await openSocket();
    const code = await new Promise<number>((resolve) => {
      ws.once('close', (closeCode) => resolve(closeCode));
      ws.send('x'.repeat((1 << 20) + 1));
    });
    await expectAlive();
    expect(code).toBe(1009);
    await expectAlive();
  });

  it('survives a WebSocket client that sends non-JSON and invalid frames', async () => {
    const ws = await openSocket();
    for (const frame of ['{', 'null', '[]', '{"t":"invoke","id":1,"method":{"x":1}}', '{"t":"invoke","id":2,"method":"__proto__","params":null}']) ws.send(frame);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on('message', (data) => {
        if (String(data).includes('"t":"reply"')) resolve(String(data));
      });
      ws.once('close', () => reject(new Error(`socket closed:\n${serve.output().slice(-2_000)}`)));
    });
    expect(JSON.parse(reply)).toMatchObject({ t: 'reply', reply: { ok: false } });
    ws.close();
    await expectAlive();
  });
});
