// AmiClient against real TCP endpoints replaying the recorded transcripts.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient, type AmiClientOptions } from '../../../electron/core/ami/client';
import { AmiError } from '../../../electron/core/ami/errors';
import { header, varSetName, type AmiMessage } from '../../../electron/core/ami/message';
import { AmiReplayServer, type AmiReplayServerOptions } from '../../support/ami-replay-server';
import { fixtureScript } from '../live/replay-fixture';

const servers: AmiReplayServer[] = [];
const clients: AmiClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  for (const server of servers.splice(0)) await server.close();
});

const script = fixtureScript;

async function serve(name: string, options: Partial<AmiReplayServerOptions> = {}): Promise<AmiReplayServer> {
  const server = await AmiReplayServer.start({ script: script(name), ...options });
  servers.push(server);
  return server;
}

function client(port: number, options: Partial<AmiClientOptions> = {}): AmiClient {
  const created = new AmiClient({ host: '127.0.0.1', port, username: 'admin', secret: 'amp111', pingIntervalMs: 0, ...options });
  clients.push(created);
  return created;
}

async function loginError(ami: AmiClient): Promise<AmiError> {
  const error: unknown = await ami.connectOnce().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AmiError)) throw new Error(`expected an AmiError, got ${String(error)}`);
  return error;
}

/** Wait until `predicate` holds, polling the event loop (no wall-clock assertions). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('login errors are values with clear codes', () => {
  it('bad secret → auth_failed', async () => {
    const server = await serve('s04_pause_members');
    const error = await loginError(client(server.port, { secret: 'wrong' }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/Authentication failed/);
  });

  it('nothing listening → refused', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect((await loginError(client(port))).code).toBe('refused');
  });

  it('no banner and no Login answer → timeout', async () => {
    const server = await serve('s04_pause_members', { mode: 'silent' });
    expect((await loginError(client(server.port, { loginTimeoutMs: 200 }))).code).toBe('timeout');
  });

  it('actions without a session → not_connected', async () => {
    await expect(client(1).action({ Action: 'Ping' })).rejects.toMatchObject({ code: 'not_connected' });
  });
});

describe('actions, lists and commands', () => {
  it('matches answers by ActionID and resolves Error answers as values', async () => {
    const server = await serve('s04_pause_members');
    const ami = client(server.port);
    await ami.connectOnce();
    const [paused, missing] = await Promise.all([
      ami.action({ Action: 'QueuePause', Interface: 'SIP/800', Paused: 'true', Reason: 'Lunch' }),
      ami.action({ Action: 'QueueRemove', Queue: '631', Interface: 'SIP/899' }),
    ]);
    expect(header(paused, 'message')).toBe('Interface paused successfully');
    expect(header(missing, 'response')).toBe('Error');
    expect(header(missing, 'message')).toBe('Unable to remove interface: Not there');
    expect(paused.actionid).not.toBe(missing.actionid);
  });

  it('collects list items until EventList: Complete and never hands them out as live events', async () => {
    const server = await serve('s01_snapshot');
    const ami = client(server.port);
    const live: AmiMessage[] = [];
    ami.subscribe({ event: (m) => live.push(m) });
    await ami.connectOnce();
    const states = await ami.listAction({ Action: 'ExtensionStateList' });
    expect(states.complete).toBe(true);
    expect(states.items).toHaveLength(10);
    expect(states.items.every((m) => m.event === 'ExtensionStatus')).toBe(true);
    const queues = await ami.listAction({ Action: 'QueueStatus' });
    expect(queues.items.filter((m) => m.event === 'QueueMember')).toHaveLength(9);
    expect(live.filter((m) => m.event === 'ExtensionStatus' || m.event === 'QueueMember')).toEqual([]);
    expect(live.map((m) => m.event)).toContain('FullyBooted');
  });

  it('ends a list at once when the action answers Error', async () => {
    const server = await serve('s04_pause_members');
    const ami = client(server.port);
    await ami.connectOnce();
    const tree = await ami.listAction({ Action: 'DBGetTree', Family: 'nothing' });
    expect(tree).toMatchObject({ complete: false, items: [] });
    expect(header(tree.response, 'response')).toBe('Error');
  });

  it('reads Command output from repeated Output: headers (Asterisk ≥ 14)', async () => {
    const server = await serve('s01_snapshot');
    const ami = client(server.port);
    await ami.connectOnce();
    const lines = await ami.command('sip show peers');
    expect(lines[0]).toMatch(/^Name\/username/);
    expect(lines.some((l) => l.startsWith('800/800'))).toBe(true);
  });

  it('reads Command output from Response: Follows (older Asterisk)', async () => {
    const follows =
      'Asterisk Call Manager/2.10.6\r\n' +
      'Response: Follows\r\nPrivilege: Command\r\nActionID: rig-2\r\nAsterisk 13.38.3 built by root\r\nsecond line\r\n--END COMMAND--\r\n\r\n';
    const notes = '[   0.001s] SEND\nAction: Command\nCommand: core show version\nActionID: rig-2\n\n';
    const server = await AmiReplayServer.start({ script: { transcript: follows, notes } });
    servers.push(server);
    const ami = client(server.port);
    await ami.connectOnce();
    expect(await ami.command('core show version')).toEqual(['Asterisk 13.38.3 built by root', 'second line']);
  });
});

describe('live events', () => {
  it('filters VarSet early, keeping only the variables the model reads', async () => {
    const server = await serve('s02_inbound_answered', { chunkSize: 1000 });
    const ami = client(server.port);
    const live: AmiMessage[] = [];
    ami.subscribe({ event: (m) => live.push(m) });
    await ami.connectOnce();
    await until(() => live.some((m) => m.event === 'Cdr' && header(m, 'disposition') === 'NO ANSWER'));
    const kept = live.filter((m) => m.event === 'VarSet').map(varSetName);
    expect(new Set(kept)).toEqual(new Set(['MIXMONITOR_FILENAME']));
    expect(ami.droppedVarSets).toBe(115 - kept.length);
    expect(live.filter((m) => m.event === 'Hangup')).toHaveLength(3);
  });

  it('sends keep-alive Pings', async () => {
    const server = await serve('s04_pause_members');
    const ami = client(server.port, { pingIntervalMs: 20 });
    await ami.connectOnce();
    await until(() => server.received.filter((a) => a.action?.toLowerCase() === 'ping').length >= 2);
    expect(ami.isConnected).toBe(true);
  });

  it('drops the session when a keep-alive Ping gets no Pong', async () => {
    const server = await serve('s04_pause_members', { unansweredActions: ['Ping'] });
    const ami = client(server.port, { pingIntervalMs: 20, actionTimeoutMs: 50 });
    const lost: string[] = [];
    ami.subscribe({ disconnected: (error) => lost.push(error.code) });
    await ami.connectOnce();
    await until(() => lost.length > 0);
    expect(lost).toEqual(['timeout']);
    expect(ami.isConnected).toBe(false);
  });

  it('reconnects with backoff after the peer dies and reports each state', async () => {
    const server = await serve('s04_pause_members');
    const ami = client(server.port, { backoff: { minDelayMs: 10, maxDelayMs: 40, jitter: 0.5 } });
    const seen: string[] = [];
    ami.subscribe({
      connected: () => seen.push('connected'),
      disconnected: (error, retryInMs) => seen.push(`lost:${error.code}:${retryInMs !== undefined}`),
    });
    ami.start();
    await until(() => seen.includes('connected'));
    server.dropClients();
    await until(() => seen.filter((s) => s === 'connected').length === 2);
    expect(seen).toEqual(['connected', 'lost:closed:true', 'connected']);
    expect(server.connectionCount).toBe(2);
  });

  it('keeps backing off while sessions die young (a flapping PBX), and starts over after one stayed up', async () => {
    const server = await serve('s04_pause_members');
    let now = 0;
    const ami = client(server.port, { backoff: { minDelayMs: 5, maxDelayMs: 10_000, jitter: 0 }, stableAfterMs: 60_000, now: () => now });
    const delays: (number | undefined)[] = [];
    let sessions = 0;
    ami.subscribe({
      // The PBX takes the login, then drops it: a short session every time…
      connected: () => {
        sessions += 1;
        // …except the fifth, which stays up for a minute of the client's clock.
        if (sessions === 5) now += 60_000;
        server.dropClients();
      },
      disconnected: (_error, retryInMs) => delays.push(retryInMs),
    });
    ami.start();
    await until(() => delays.length >= 6);
    ami.stop();
    // Four young sessions double the delay; the fifth stayed up, so after it the delay starts over.
    expect(delays.slice(0, 6)).toEqual([5, 10, 20, 40, 5, 10]);
  });
});

