// Memory stays bounded under an AMI flood. asterisk-manager buffers
// an unfinished frame without limit; the session counts bytes per frame on the
// live socket (electron/core/ami/frame-bound.ts) and drops the connection past
// the bound, so the client's reconnect takes over and says why.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/base/logger';
import { startAmiBackend } from '../../electron/core/live/ami-backend';
import { AmiClient, type AmiClientOptions } from '../../electron/core/ami/client';
import { AmiError } from '../../electron/core/ami/errors';
import { DEFAULT_MAX_FRAME_BYTES } from '../../electron/core/ami/frame-bound';
import { AmiSession } from '../../electron/core/ami/session';
import { LiveModel } from '../../electron/core/live/model';
import { fixtureScript } from '../core/live/replay-fixture';
import { AmiReplayServer, loadRecording } from '../support/ami-replay-server';
import { until } from '../support/waits';
import { FloodingAmiPeer, type PeerPlan } from './flooding-ami-peer';

const LIMIT = DEFAULT_MAX_FRAME_BYTES;
/**
 * A flood stops here if nobody drops it, so that a broken bound fails the test
 * (no reconnect) instead of feeding asterisk-manager's quadratic re-scan for minutes.
 */
const FLOOD_CAP = 4 * LIMIT;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function peer(plans: PeerPlan[]): Promise<FloodingAmiPeer> {
  const started = await FloodingAmiPeer.start(plans, FLOOD_CAP);
  cleanups.push(() => started.close());
  return started;
}

/**
 * Bytes each client socket read before it closed, through Node's public
 * `net.client.socket` channel: what reached the process, whatever the kernel
 * still held for it.
 */
function clientSocketReads(): { bytesRead: number; isClosed: boolean }[] {
  const reads: { bytesRead: number; isClosed: boolean }[] = [];
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    const entry = { bytesRead: 0, isClosed: false };
    reads.push(entry);
    socket.on('close', () => Object.assign(entry, { bytesRead: socket.bytesRead, isClosed: true }));
  };
  subscribe('net.client.socket', onSocket);
  cleanups.push(() => void unsubscribe('net.client.socket', onSocket));
  return reads;
}

interface ClientLog {
  client: AmiClient;
  connected: number;
  disconnects: { error: AmiError; retryInMs: number | undefined }[];
}

function client(port: number, options: Partial<AmiClientOptions> = {}): ClientLog {
  const created = new AmiClient({
    host: '127.0.0.1',
    port,
    username: 'admin',
    secret: 'amp111',
    pingIntervalMs: 0,
    loginTimeoutMs: 10_000,
    actionTimeoutMs: 10_000,
    backoff: { minDelayMs: 10, maxDelayMs: 50, jitter: 0 },
    ...options,
  });
  const log: ClientLog = { client: created, connected: 0, disconnects: [] };
  created.subscribe({
    connected: () => log.connected++,
    disconnected: (error, retryInMs) => log.disconnects.push({ error, retryInMs }),
  });
  cleanups.push(() => created.stop());
  return log;
}

describe('a flood past the frame bound drops the connection, reports frame_too_large and reconnects', () => {
  for (const plan of ['endless-line', 'endless-headers'] as const) {
    it(`${plan} after Login`, async () => {
      const reads = clientSocketReads();
      const flooding = await peer([plan, 'answer-commands']);
      const log = client(flooding.port);
      log.client.start();
      await until(() => log.connected === 2, 'the reconnect after the flood');
      expect(log.disconnects).toHaveLength(1);
      const [drop] = log.disconnects;
      expect(drop?.error.code).toBe('frame_too_large');
      expect(drop?.error.message).toMatch(/over the 1048576-byte bound .* connection dropped/);
      expect(drop?.retryInMs).toBe(10);
      await until(() => flooding.connections[0]?.isClosed === true && reads[0]?.isClosed === true, 'both ends of the flood closed');
      // What this process read from the flooding socket: the bound plus at most one
      // 64 KiB read (and the banner and Login answer). The peer's own count is no
      // measure of us: it also holds what sat unread in the loopback TCP buffers
      // (about 3.7 MiB written for 1.01 MiB read on the build machine).
      const firstSocket = reads[0];
      expect(firstSocket?.bytesRead).toBeGreaterThan(LIMIT);
      expect(firstSocket?.bytesRead).toBeLessThan(LIMIT + 2 * 64 * 1024);
      // The new session works.
      expect(log.client.isConnected).toBe(true);
      expect(await log.client.command('output 300')).toHaveLength(3);
    });
  }

  it('an endless line before the Login answer fails the login with frame_too_large', async () => {
    const flooding = await peer(['endless-line-before-login']);
    const { client: ami } = client(flooding.port);
    const error: unknown = await ami.connectOnce().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AmiError);
    expect((error as AmiError).code).toBe('frame_too_large');
    await until(() => flooding.connections[0]?.isClosed === true, 'the peer to see the connection dropped');
  });

  it("the backend's connection entry says what happened", async () => {
    const flooding = await peer(['endless-headers', 'answer-commands']);
    const model = new LiveModel();
    const details: string[] = [];
    model.subscribe((update) => {
      if (update.kind === 'connection' && update.connection.state === 'lost') details.push(update.connection.detail ?? '');
    });
    const backend = startAmiBackend({ id: 'pbx', host: '127.0.0.1', port: flooding.port, username: 'admin', secret: 'amp111' }, model, silentLogger, {
      client: { pingIntervalMs: 0, backoff: { minDelayMs: 10, maxDelayMs: 50, jitter: 0 } },
    });
    cleanups.push(() => backend.stop());
    // The peer answers no snapshot actions: the reconnect is as far as this backend gets.
    await until(() => details.length > 0 && flooding.connections.length >= 2, 'the loss reported and a reconnect');
    expect(details[0]).toMatch(/^frame_too_large: AMI peer sent a frame over the 1048576-byte bound .*retry in/);
  });
});

describe('frames up to the bound pass', () => {
  for (const form of ['output', 'follows'] as const) {
    it(`a Command answer (${form}) of exactly the bound is answered; one byte more drops the session`, async () => {
      const flooding = await peer(['answer-commands']);
      const log = client(flooding.port);
      await log.client.connectOnce();
      const lines = await log.client.command(`${form} ${LIMIT}`);
      // Lines of 80 bytes fill the frame but for its few header lines.
      expect(lines.length).toBeGreaterThan((LIMIT - 200) / 80);
      expect(lines.at(-1)).toMatch(/p$/);
      expect(log.client.isConnected).toBe(true);
      const error: unknown = await log.client.command(`${form} ${LIMIT + 1}`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as AmiError).code).toBe('frame_too_large');
      expect(log.client.isConnected).toBe(false);
    });
  }

  it('a transcript replayed in small chunks stays connected with the bound at its largest frame, and is dropped one byte below', async () => {
    const script = fixtureScript('s06_transfer');
    const frames = loadRecording(script).liveFrames;
    const largest = Math.max(...frames.map((frame) => Buffer.byteLength(frame) + 4));
    expect(largest).toBeGreaterThan(1_000);
    const server = await AmiReplayServer.start({ script, chunkSize: 997 });
    cleanups.push(() => server.close());
    const open = async (maxFrameBytes: number) => {
      const events: string[] = [];
      const closes: AmiError[] = [];
      const options = { host: '127.0.0.1', port: server.port, username: 'admin', secret: 'amp111', loginTimeoutMs: 10_000, actionTimeoutMs: 10_000, maxFrameBytes };
      const session = await AmiSession.open(options, (message) => events.push(String(message.event)));
      session.onClose((error) => closes.push(error));
      cleanups.push(() => session.close());
      return { session, events, closes };
    };
    const atLargest = await open(largest);
    await until(() => atLargest.events.length === frames.length, 'every live event of the transcript');
    // A Ping after the replay: the session still answers, so nothing was dropped on the way.
    expect((await atLargest.session.action({ Action: 'Ping' })).ping).toBe('Pong');
    expect(atLargest.closes).toEqual([]);

    const below = await open(largest - 1);
    await until(() => below.closes.length === 1, 'the session dropped at the largest frame');
    expect(below.closes[0]?.code).toBe('frame_too_large');
    expect(below.events.length).toBeLessThan(frames.length);
  });
});
