// A WebSocket client that completes the handshake and then never reads, while the
// live model changes as fast as the core can make it. What the core keeps queued
// for that client stays under a fixed bound, the client is dropped, and a client
// that reads is served throughout.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Logger } from '../../electron/core/base/logger';
import { silentLogger } from '../../electron/core/base/logger';
import { LiveModel } from '../../electron/core/live/model';
import { startHttpServer, type RunningHttpServer } from '../../electron/core/server/http-server';

let running: RunningHttpServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.close();
  running = undefined;
});

const LOW_WATER = 64 * 1024;
const EXTENSIONS = 400;
/** Every round changes every extension: one batch is at most EXTENSIONS × this much JSON. */
const NAME_BYTES = 2_000;

/** Opens /api/ws by hand and then stops reading: the kernel buffers fill, then the core's. */
function stalledClient(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    sockets.push(socket);
  });
}

describe('a WebSocket client that never reads', () => {
  it('gets no more than the low-water mark plus one batch queued, and is dropped; a reading client is not', async () => {
    const model = new LiveModel();
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    running = await startHttpServer('127.0.0.1', 0, {
      model,
      log,
      dispatch: async () => ({ ok: false, error: { code: 'internal', message: 'unused' } }),
      access: {},
      isReady: () => true,
      socketLimits: { lowWaterBytes: LOW_WATER, maxBufferedBytes: 64 * 1024 * 1024, maxStallMs: 1_000 },
    });
    const server = running;
    await stalledClient(server.port);
    let readerBatches = 0;
    const reader = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws`);
    reader.on('message', () => (readerBatches += 1));
    await new Promise((resolve) => reader.once('open', resolve));
    await new Promise<void>((resolve) => {
      const check = () => (server.sockets.clients.size === 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    const [first, second] = [...server.sockets.clients];
    const name = 'n'.repeat(NAME_BYTES);
    const batchBound = EXTENSIONS * (NAME_BYTES + 200);
    let produced = 0;
    let mostQueued = 0;
    // Keep changing every extension until the stalled client is gone.
    for (let round = 0; server.sockets.clients.size === 2 || round < 5; round += 1) {
      for (let id = 0; id < EXTENSIONS; id += 1) {
        model.putExtension({ id: String(id), name, state: round % 2 ? 'inuse' : 'idle', statusCode: round % 2, stateSince: round });
        produced += NAME_BYTES;
      }
      for (const client of [first!, second!]) mostQueued = Math.max(mostQueued, client.bufferedAmount);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (round > 20_000) throw new Error('the stalled client was never dropped');
    }
    // Far more was produced than the bound: without backpressure all of it would wait in memory.
    expect(produced).toBeGreaterThan(20 * (LOW_WATER + batchBound));
    expect(mostQueued).toBeLessThanOrEqual(LOW_WATER + batchBound);
    expect(warnings.some((warning) => /fell behind \(not reading for \d+ ms\)/.test(warning))).toBe(true);
    expect(server.sockets.clients.size).toBe(1);
    expect(reader.readyState).toBe(WebSocket.OPEN);
    expect(readerBatches).toBeGreaterThan(5);
    reader.close();
  });
});
