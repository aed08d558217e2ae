// startAmiBackend over real TCP: every transcript through AmiReplayServer → asterisk-manager →
// AmiClient → resync + live reducers must give the same model as the direct parser replay.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/base/logger';
import { startAmiBackend, type AmiBackend, type AmiBackendOptions } from '../../../electron/core/live/ami-backend';
import type { CallRecord, ConnectionState, QueueAttempt, Snapshot } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { AmiReplayServer, type AmiReplayServerOptions } from '../../support/ami-replay-server';
import { fixtureMessages, fixtureNames, fixtureScript as script, newReplay } from './replay-fixture';

const servers: AmiReplayServer[] = [];
const backends: AmiBackend[] = [];

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.stop();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(name: string, options: Partial<AmiReplayServerOptions> = {}): Promise<AmiReplayServer> {
  const server = await AmiReplayServer.start({ script: script(name), ...options });
  servers.push(server);
  return server;
}

function start(server: AmiReplayServer, model: LiveModel, options: AmiBackendOptions = {}, secret = 'amp111'): AmiBackend {
  const backend = startAmiBackend({ id: 'pbx1', host: '127.0.0.1', port: server.port, username: 'admin', secret }, model, silentLogger, {
    ...options,
    client: { pingIntervalMs: 0, backoff: { minDelayMs: 10, maxDelayMs: 50, jitter: 0.2 }, ...options.client },
  });
  backends.push(backend);
  return backend;
}

/** Poll until `predicate` holds; gives up after ~10 s so the assertions below show what differs. */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The parts of the model that must not depend on timing: who is where, in which state. */
function normalized(snapshot: Omit<Snapshot, 'at' | 'connections'>) {
  return {
    extensions: Object.fromEntries(snapshot.extensions.map((e) => [e.id, `${e.state}/${e.registration?.status ?? '-'}`])),
    calls: Object.fromEntries(snapshot.calls.map((c) => [c.id, `${c.direction}/${c.state}/${c.callerNum}/${c.calledNum}/${c.agent ?? '-'}/${c.queue ?? '-'}`])),
    queues: Object.fromEntries(
      snapshot.queues.map((q) => [
        q.name,
        {
          callers: q.callers.map((c) => `${c.position}:${c.callerNum}`),
          members: q.members.map((m) => `${m.interface}/${m.state}/${m.isPaused ? `paused:${m.pauseReason ?? ''}` : 'on'}/${m.penalty}`).sort(),
        },
      ]),
    ),
  };
}

const recordKey = (r: CallRecord) => `${r.uniqueid}/${r.direction}/${r.callerNum}/${r.calledNum}/${r.agent ?? '-'}/${r.queue ?? '-'}/${r.isAnswered}/${r.disposition}`;

describe('every transcript over TCP gives the parser replay’s model', () => {
  it.each(fixtureNames())('%s', async (name) => {
    // Expected: the live frames (no ActionID) through the parser; s01 also its snapshot lists.
    const expected = newReplay();
    expected.run(fixtureMessages(name).filter((m) => name === 's01_snapshot' || m.actionid === undefined));
    const want = normalized(expected.model.snapshot());
    const wantRecords = expected.records.map(recordKey);

    const server = await serve(name, { chunkSize: 4096 });
    const model = new LiveModel();
    const backend = start(server, model);
    const records: CallRecord[] = [];
    backend.onCallFinished((r) => records.push(r));
    await backend.whenSynced();
    await until(() => records.length === wantRecords.length && JSON.stringify(normalized(model.snapshot())) === JSON.stringify(want));
    expect(normalized(model.snapshot())).toEqual(want);
    expect(records.map(recordKey)).toEqual(wantRecords);
    expect(backend.rejectedEvents).toBe(0);
    expect(model.connections.get('pbx1')).toMatchObject({ kind: 'ami', state: 'connected', target: `127.0.0.1:${server.port}` });
  });
});

describe('resync', () => {
  it('reads the blacklist family with DBGetTree (s01: two entries, s08: three after DBPut)', async () => {
    const s01 = start(await serve('s01_snapshot'), new LiveModel());
    await s01.whenSynced();
    expect(Object.fromEntries(s01.blacklist)).toEqual({ '0612000666': 'spam caller', '0612000777': 'abusive' });
    const s08 = start(await serve('s08_hangup_blacklist'), new LiveModel());
    await s08.whenSynced();
    expect([...s08.blacklist.keys()].sort()).toEqual(['0612000666', '0612000777', '0612000999']);
    expect(s08.blacklist.get('0612000999')).toBe('added by supervisor');
  });

  it('asks PJSIPShowEndpoints when chan_sip is absent', async () => {
    const server = await serve('s04_pause_members', { unknownActions: ['SIPpeers'] });
    const model = new LiveModel();
    const backend = start(server, model);
    await backend.whenSynced();
    const actions = server.received.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['CoreShowChannels', 'ExtensionStateList', 'SIPpeers', 'PJSIPShowEndpoints', 'QueueStatus', 'DBGetTree']));
    expect(model.connections.get('pbx1')?.detail).toBe('PJSIP');
  });

  it('reports a bad secret as lost/auth_failed without leaking the secret', async () => {
    const model = new LiveModel();
    const backend = start(await serve('s04_pause_members'), model, {}, 'not-the-secret');
    await until(() => backend.lastError !== undefined);
    expect(backend.lastError?.code).toBe('auth_failed');
    expect(backend.state).toBe('lost');
    expect(model.connections.get('pbx1')?.detail).toMatch(/^auth_failed: Authentication failed, retry in/);
    expect(JSON.stringify(model.snapshot())).not.toContain('not-the-secret');
  });

  it('replaces only what it published when other sources share the model', async () => {
    const model = new LiveModel();
    model.putExtension({ id: '999', state: 'idle', statusCode: 0, stateSince: 0 });
    const server = await serve('s01_snapshot');
    const states: ConnectionState[] = [];
    model.subscribe((u) => {
      if (u.kind === 'connection') states.push(u.connection.state);
    });
    const backend = start(server, model);
    await backend.whenSynced();
    expect(model.extensions.size).toBe(11);
    expect(model.calls.size).toBe(2);
    server.setScript(script('s04_pause_members'));
    server.dropClients();
    await until(() => states.filter((s) => s === 'connected').length === 2);
    expect([...model.extensions.keys()]).toEqual(['999']);
    expect(model.calls.size).toBe(0);
  });

  it('converges to the new PBX state after the peer dies mid-call and comes back different', async () => {
    // s02 up to the moment 800 talks to the caller, then the connection is killed.
    const live = fixtureMessages('s02_inbound_answered').filter((m) => m.actionid === undefined && m.event !== undefined);
    const talking = live.findIndex((m) => m.event === 'AgentComplete') - 1;
    const server = await serve('s02_inbound_answered', { liveEventLimit: talking });
    const model = new LiveModel();
    const states: ConnectionState[] = [];
    model.subscribe((u) => {
      if (u.kind === 'connection' && states.at(-1) !== u.connection.state) states.push(u.connection.state);
    });
    const backend = start(server, model);
    const passes: QueueAttempt[] = [];
    backend.attempts.onChange((attempt) => passes.push(attempt));
    await until(() => model.calls.get('1795487808.7')?.state === 'talking');
    expect(model.calls.get('1795487808.7')?.agent).toBe('800');

    // The PBX restarts with other calls: s01's snapshot (one call talking to 800, one waiting in 631).
    server.setScript(script('s01_snapshot'), { liveEventLimit: undefined });
    server.dropClients();
    await until(() => states.filter((s) => s === 'connected').length === 2);
    expect([...model.calls.keys()].sort()).toEqual(['1795487758.0', '1795487758.1']);
    expect(model.queues.get('631')?.callers.map((c) => c.callerNum)).toEqual(['0611000012']);
    expect(model.queues.get('630')?.callers).toEqual([]);
    expect(model.extensions.get('802')?.state).toBe('ringing');
    expect(states).toEqual(['connecting', 'resyncing', 'connected', 'lost', 'resyncing', 'connected']);
    // s02's call was answered before the cut and is gone after it: its queue pass ends answered, its talk not seen.
    expect(passes.filter((p) => p.callId === '1795487808.7').map((p) => p.outcome)).toEqual(['waiting', 'connected', 'answered']);
    expect(backend.state).toBe('connected');
  });
});
