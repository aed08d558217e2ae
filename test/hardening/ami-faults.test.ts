import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/base/logger';
import { startAmiBackend, type AmiBackend, type AmiBackendOptions } from '../../electron/core/live/ami-backend';
import type { Connection } from '../../electron/core/contract';
import { startDemoPbx, type DemoPbx } from '../../electron/core/demo';
import { LiveModel } from '../../electron/core/live/model';
import { TcpFaultProxy } from './tcp-fault-proxy';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function demoPbx(port = 0, secret = 'demo-secret'): Promise<DemoPbx> {
  const pbx = await startDemoPbx({ agents: 8, seed: 11, startTime: Date.UTC(2026, 0, 5, 2), ami: { port, secret } });
  cleanups.push(() => pbx.close());
  return pbx;
}

async function proxyTo(target: () => number): Promise<TcpFaultProxy> {
  const proxy = await TcpFaultProxy.start(target);
  cleanups.push(() => proxy.close());
  return proxy;
}

/** The connection entries the model published, deduplicated by state + detail. */
function connectionLog(model: LiveModel, id: string): Connection[] {
  const seen: Connection[] = [];
  model.subscribe((update) => {
    if (update.kind !== 'connection' || update.connection.id !== id) return;
    const last = seen.at(-1);
    if (last?.state !== update.connection.state || last.detail !== update.connection.detail) seen.push(update.connection);
  });
  return seen;
}

function backend(port: number, model: LiveModel, client: AmiBackendOptions['client'] = {}, secret = 'demo-secret'): AmiBackend {
  const started = startAmiBackend({ id: 'pbx', host: '127.0.0.1', port, username: 'admin', secret }, model, silentLogger, {
    client: { pingIntervalMs: 0, backoff: { minDelayMs: 20, maxDelayMs: 100, jitter: 0 }, loginTimeoutMs: 2_000, actionTimeoutMs: 2_000, ...client },
  });
  cleanups.push(() => started.stop());
  return started;
}

async function until(what: string, predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!predicate()) throw new Error(`timed out waiting for: ${what}`);
}

describe('AMI peer faults', () => {
  it('a PBX restart (connection closed, new process on the same port) is reported, then resynced to the new state', async () => {
    const first = await demoPbx();
    const port = first.amiPort;
    const model = new LiveModel();
    const log = connectionLog(model, 'pbx');
    const ami = backend(port, model);
    await ami.whenSynced();
    expect(model.extensions.size).toBe(8);
    expect(model.extensions.get('801')?.state).toBe('idle');
    await first.close();
    await until('lost', () => ami.state === 'lost');
    // The restarted PBX has 801 on a call: the model must show the new truth, not the old one.
    const second = await demoPbx(port);
    second.setExtensionState('801', 'INUSE');
    await until('resynced after restart', () => ami.state === 'connected');
    await ami.whenSynced();
    expect(model.extensions.get('801')?.state).not.toBe('idle');
    expect(log.map((c) => c.state)).toEqual(expect.arrayContaining(['connected', 'lost', 'resyncing']));
    expect(log.at(-1)?.state).toBe('connected');
    const lost = log.find((c) => c.state === 'lost');
    expect(lost?.detail).toMatch(/^closed: .*retry in/);
  });

  it('a half-open connection (no FIN, no bytes) is caught by the keep-alive Ping, reported, and resynced when the path heals', async () => {
    const pbx = await demoPbx();
    const proxy = await proxyTo(() => pbx.amiPort);
    const model = new LiveModel();
    const log = connectionLog(model, 'pbx');
    const ami = backend(proxy.port, model, { pingIntervalMs: 100, actionTimeoutMs: 300, loginTimeoutMs: 300 });
    await ami.whenSynced();
    proxy.mode = 'freeze';
    await until('lost after missed Pong', () => ami.state === 'lost');
    const lost = log.find((c) => c.state === 'lost')!;
    // The model says what happened: the peer stopped answering (a Ping timed out), not "closed by us".
    expect(lost.detail).toMatch(/^timeout: no answer to Ping within 300 ms/);
    proxy.mode = 'pass';
    await until('reconnected', () => ami.state === 'connected');
    await ami.whenSynced();
    expect(model.extensions.size).toBe(8);
  });

  it('a slow peer that dribbles every byte on its own tick still logs in and gives the same model', async () => {
    const pbx = await demoPbx();
    pbx.setExtensionState('802', 'RINGING');
    const direct = new LiveModel();
    await backend(pbx.amiPort, direct).whenSynced();
    const proxy = await proxyTo(() => pbx.amiPort);
    proxy.mode = 'dribble';
    const slow = new LiveModel();
    const ami = backend(proxy.port, slow, { loginTimeoutMs: 10_000, actionTimeoutMs: 10_000 });
    await ami.whenSynced();
    expect(proxy.bytesFromPeer).toBeGreaterThan(1_000);
    const states = (model: LiveModel) => Object.fromEntries([...model.extensions.values()].map((e) => [e.id, e.state]));
    expect(states(slow)).toEqual(states(direct));
    expect(slow.extensions.get('802')?.state).toBe(direct.extensions.get('802')?.state);
    expect(ami.rejectedEvents).toBe(0);
  });

  it('a refused login is reported as auth_failed (no secret in the model) and retried until the secret is right', async () => {
    const pbx = await demoPbx(0, 'the-right-one');
    const model = new LiveModel();
    const log = connectionLog(model, 'pbx');
    const ami = backend(pbx.amiPort, model, {}, 'the-wrong-secret');
    await until('auth_failed', () => ami.lastError?.code === 'auth_failed');
    expect(log.find((c) => c.state === 'lost')?.detail).toMatch(/^auth_failed: .*retry in/);
    expect(JSON.stringify(model.snapshot())).not.toContain('the-wrong-secret');
    expect(JSON.stringify(model.snapshot())).not.toContain('the-right-one');
  });
});
