import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { receiverConnectionLimits } from '../../electron/core/vendor-api/receiver';
import { postKeepAlive } from './serve-process';
import { until } from '../support/waits';

// Slowloris against the push receiver of a real `callboard serve` whose process may
// hold 1,024 file descriptors (a common default): 1,200 connections, each sending half
// a request and then nothing. Without caps they take every descriptor and the UI
// server cannot accept /healthz. With them the UI answers; from one address the
// attack cannot keep the vendor box out either, and with allowIps not from many
// addresses; the slow sockets are closed once their headers time out.

const dataDirs: string[] = [];
const attackers: Socket[] = [];
const stops: (() => void)[] = [];
afterAll(() => {
  for (const socket of attackers) socket.destroy();
  for (const stop of stops) stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const FD_LIMIT = 1_024;
const CONNECTIONS = 1_200;

function startLimitedServe(extra: string[] = []): Promise<{ http: number; receiver: number; output: () => string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-slowloris-'));
  dataDirs.push(dataDir);
  const args = ['--http', '127.0.0.1:0', '--receiver', '0.0.0.0:0', '--data-dir', dataDir, ...extra].map((arg) => `"${arg}"`).join(' ');
  const child = spawn('sh', ['-c', `ulimit -n ${FD_LIMIT} && exec "${process.execPath}" bin/callboard.mjs serve ${args}`], { cwd: process.cwd(), env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  stops.push(() => child.kill('SIGKILL'));
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const receiver = /push receiver listening on http:\/\/0\.0\.0\.0:(\d+)\//.exec(text);
      const http = /ready: open http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (receiver && http) resolve({ http: Number(http[1]), receiver: Number(receiver[1]), output: () => text });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`serve exited:\n${text}`)));
  });
}

/** Half a request, then silence; resolves once connected or turned away. */
function slowConnection(port: number, from: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    attackers.push(socket);
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write('POST / HTTP/1.1\r\nHost: pbx\r\nContent-Type: application/json\r\n');
      resolve(socket);
    });
    socket.once('close', () => resolve(socket));
  });
}

async function attack(port: number, addresses: number): Promise<Socket[]> {
  const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => slowConnection(port, `127.0.0.${2 + (i % addresses)}`)));
  // The server turns the excess away on accept; give the closes a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return sockets;
}

const isOpen = (socket: Socket) => !socket.destroyed && socket.readyState === 'open';

async function uiAnswers(http: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${http}/healthz`, { signal: AbortSignal.timeout(15_000) })).status;
}

async function boxPushes(receiver: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    return (await postKeepAlive(agent, receiver, JSON.stringify({ event: 'extensionstatus', exten: '800', status: 0 }))).status;
  } finally {
    agent.destroy();
  }
}

describe('slowloris against the push receiver', () => {
  it('from one address: held to the per-address cap, the UI answers, the box pushes, the sockets are closed', async () => {
    const serve = await startLimitedServe();
    const sockets = await attack(serve.receiver, 1);
    expect(sockets.filter(isOpen).length).toBeLessThanOrEqual(receiverConnectionLimits.maxConnectionsPerIp);
    expect(await uiAnswers(serve.http)).toBe(200);
    expect(await boxPushes(serve.receiver)).toBe(200);
    // Headers that never finish: closed by the server after its headers timeout.
    while (sockets.some(isOpen)) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(serve.output()).not.toMatch(/EMFILE/);
  }, 60_000);

  it('from many addresses: held to the total cap and the UI answers; with allowIps the box still pushes', async () => {
    const open = await startLimitedServe();
    const sockets = await attack(open.receiver, 19);
    // Refused sockets close a moment later on a busy machine: wait for it rather than time it.
    await until(() => sockets.filter(isOpen).length <= receiverConnectionLimits.maxConnections, 'the receiver held to its total cap', 15_000);
    expect(await uiAnswers(open.http)).toBe(200);
    for (const socket of sockets) socket.destroy();

    const restricted = await startLimitedServe(['--allow-ip', '127.0.0.1']);
    const outsiders = await attack(restricted.receiver, 19);
    await until(() => outsiders.filter(isOpen).length <= 16, 'outsiders held to their shared cap', 15_000);
    expect(await uiAnswers(restricted.http)).toBe(200);
    expect(await boxPushes(restricted.receiver)).toBe(200);
    expect(open.output() + restricted.output()).not.toMatch(/EMFILE/);
  }, 60_000);
});
