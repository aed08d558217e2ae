import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import type { ClientFrame, LiveUpdate, ServerFrame } from '../../../electron/core/contract';

// The renderer's '@contract' alias lives in renderer/vite.web.config.ts, not in the root
// vitest config: point it at the same real module (an alias, not a stand-in).
vi.mock('@contract', () => import('../../../electron/core/contract/index'));

/** Node 20 has no global WebSocket: use ws's, quiet on errors as a browser's is (errors surface as close). */
class BrowserLikeWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => undefined);
  }
}

let WebSocketBridge: typeof import('../../../renderer/src/api/websocket-bridge').WebSocketBridge;
let socketUrlFor: typeof import('../../../renderer/src/api/websocket-bridge').socketUrlFor;

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  ({ WebSocketBridge, socketUrlFor } = await import('../../../renderer/src/api/websocket-bridge'));
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real WebSocket server on an ephemeral port that records client frames. */
async function startServer(onConnect?: (socket: WebSocket) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const received: ClientFrame[] = [];
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as ClientFrame));
    onConnect?.(socket);
  });
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of server.clients) socket.terminate();
    server.close(() => resolve());
  }));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/ws`;
  return { server, url, received, sockets };
}

function bridgeFor(url: string) {
  const bridge = new WebSocketBridge(url);
  cleanups.push(() => bridge.close());
  return bridge;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

const send = (socket: WebSocket, frame: ServerFrame) => socket.send(JSON.stringify(frame));

describe('WebSocketBridge against a real ws server', () => {
  test('hello sets the role; an invoke made before the socket opens is sent on open and resolved by its reply', async () => {
    const { url, received, sockets } = await startServer((socket) => send(socket, { t: 'hello', role: 'act' }));
    const bridge = bridgeFor(url);
    expect(bridge.link.current.state).toBe('connecting');
    const reply = bridge.invoke('settings.pauseReasons', {});
    await until(() => received.length === 1, 'the invoke frame reached the server');
    expect(received[0]).toMatchObject({ t: 'invoke', method: 'settings.pauseReasons', params: {} });
    expect(bridge.link.current).toMatchObject({ state: 'open', role: 'act' });
    send(sockets[0] as WebSocket, { t: 'reply', id: received[0]!.id, reply: { ok: true, result: [] } });
    await expect(reply).resolves.toEqual({ ok: true, result: [] });
  });

  test('replies are matched by id, whatever their order', async () => {
    const { url, received, sockets } = await startServer();
    const bridge = bridgeFor(url);
    const first = bridge.invoke('actions.wrapups', {});
    const second = bridge.invoke('settings.wrapup', {});
    await until(() => received.length === 2, 'both invokes sent');
    const socket = sockets[0] as WebSocket;
    send(socket, { t: 'reply', id: received[1]!.id, reply: { ok: true, result: { isEnabled: true, seconds: 45 } } });
    send(socket, { t: 'reply', id: received[0]!.id, reply: { ok: false, error: { code: 'forbidden', message: 'read-only' } } });
    await expect(second).resolves.toEqual({ ok: true, result: { isEnabled: true, seconds: 45 } });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'read-only' } });
  });

  test('live batches reach every subscriber until it unsubscribes; unreadable frames are dropped', async () => {
    const { url, sockets } = await startServer();
    const bridge = bridgeFor(url);
    const seen: LiveUpdate[][] = [];
    const unsubscribe = bridge.subscribe((updates) => seen.push(updates));
    await until(() => sockets.length === 1 && bridge.link.current.state === 'open', 'connected');
    const socket = sockets[0] as WebSocket;
    socket.send('{not json');
    send(socket, { t: 'live', updates: [{ kind: 'extensionRemoved', id: '801' }] });
    await until(() => seen.length === 1, 'first batch');
    expect(seen[0]).toEqual([{ kind: 'extensionRemoved', id: '801' }]);
    unsubscribe();
    const later: LiveUpdate[][] = [];
    bridge.subscribe((updates) => later.push(updates));
    send(socket, { t: 'live', updates: [{ kind: 'extensionRemoved', id: '802' }] });
    await until(() => later.length === 1, 'second batch, to the remaining subscriber');
    expect(seen).toHaveLength(1);
  });

  test('a dropped link answers invokes in flight as disconnected, shows closed with a retry time, then reconnects', async () => {
    const { url, received, sockets } = await startServer();
    const bridge = bridgeFor(url);
    await until(() => bridge.link.current.state === 'open', 'connected');
    const pending = bridge.invoke('actions.hangup', { extension: '801' });
    await until(() => received.length === 1, 'invoke sent');
    (sockets[0] as WebSocket).terminate();
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'disconnected from Callboard core' } });
    expect(bridge.link.current.state).toBe('closed');
    expect(bridge.link.current.retryAt).toBeGreaterThan(0);
    await until(() => sockets.length === 2 && bridge.link.current.state === 'open', 'reconnected');
  });

  test('close stops reconnecting', async () => {
    const { url, sockets } = await startServer();
    const bridge = bridgeFor(url);
    await until(() => bridge.link.current.state === 'open', 'connected');
    bridge.close();
    expect(bridge.link.current).toMatchObject({ state: 'closed', retryAt: undefined });
    // Longer than the first backoff step (500 ms): a reconnect would have opened a second socket.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(sockets).toHaveLength(1);
  });
});

describe('socketUrlFor', () => {
  test('follows the page scheme and host', () => {
    expect(socketUrlFor({ protocol: 'http:', host: '10.0.0.5:8080' } as Parameters<typeof socketUrlFor>[0])).toBe('ws://10.0.0.5:8080/api/ws');
    expect(socketUrlFor({ protocol: 'https:', host: 'board.example' } as Parameters<typeof socketUrlFor>[0])).toBe('wss://board.example/api/ws');
  });
});
