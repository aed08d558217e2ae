import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/base/logger';
import { LiveModel } from '../../../electron/core/live/model';
import { createCoocenterClient } from '../../../electron/core/vendor-api/client';
import { createCoocenterPoller } from '../../../electron/core/vendor-api/poller';
import { startDocVendorServer, type DocVendorServer } from './doc-vendor-server';
import { freePort } from '../../support/waits';

let box: DocVendorServer | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

describe('coocenter poller', () => {
  it('fills the model from the four queries and reports the connection', async () => {
    box = await startDocVendorServer();
    const model = new LiveModel();
    // A call whose hangup push was missed: its channel is not in current-calls any more.
    model.putCall({ id: 'old', direction: 'inbound', callClass: 'customer', state: 'talking', callerNum: '1', calledNum: '2', startedAt: 0, holdSeconds: 0, channels: ['SIP/999-00000001'] });
    const poller = createCoocenterPoller({ client: createCoocenterClient({ baseUrl: box.url }), model, log: silentLogger, target: box.url });
    expect(await poller.pollOnce()).toBe(true);

    expect(model.extensions.get('801')).toMatchObject({ state: 'ringinuse', statusCode: 9, device: 'SIP/801', registration: { status: 'ok', latencyMs: 45, address: '192.168.12.4' } });
    expect(model.extensions.get('800')).toMatchObject({ state: 'idle', registration: { status: 'unknown' } });
    expect(model.queues.get('630')!.members.map((m) => [m.interface, m.isPaused])).toEqual([
      ['SIP/876', false],
      ['SIP/893', true],
    ]);
    expect(model.queues.get('632')!.members[0]).toMatchObject({ extension: '897', penalty: 1 });
    expect(model.calls.has('old')).toBe(false);
    expect(model.calls.get('poll:SIP/896-0000000b')).toMatchObject({ state: 'talking', callerNum: '896', calledNum: '897', direction: 'internal' });
    expect(model.connections.get('coocenter')).toMatchObject({ kind: 'coocenter', target: box.url, state: 'connected' });

    // A second identical round changes nothing: no LiveUpdates.
    const updates: string[] = [];
    model.subscribe((update) => updates.push(update.kind));
    const since = model.extensions.get('801')!.stateSince;
    expect(await poller.pollOnce()).toBe(true);
    expect(updates).toEqual([]);
    expect(model.extensions.get('801')!.stateSince).toBe(since);
  });

  it('backs off exponentially (capped) while the box is down and says so, then recovers', async () => {
    const port = await freePort();
    const model = new LiveModel();
    const target = `http://127.0.0.1:${port}`;
    const poller = createCoocenterPoller({
      client: createCoocenterClient({ baseUrl: target, timeoutMs: 500 }),
      model,
      log: silentLogger,
      target,
      intervalMs: 1_000,
      maxBackoffMs: 5_000,
    });
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      expect(await poller.pollOnce()).toBe(false);
      delays.push(poller.nextDelayMs);
    }
    expect(delays).toEqual([2_000, 4_000, 5_000, 5_000]);
    expect(model.connections.get('coocenter')).toMatchObject({ state: 'lost', detail: expect.stringMatching(/cannot reach the PBX.*retry in 5 s/) });

    // The box comes up on that port: the same poller connects and resets the delay.
    box = await startDocVendorServer({ port });
    expect(await poller.pollOnce()).toBe(true);
    expect(poller.nextDelayMs).toBe(1_000);
    expect(poller.consecutiveFailures).toBe(0);
    expect(model.connections.get('coocenter')).toMatchObject({ state: 'connected', detail: undefined });
    expect(model.extensions.size).toBeGreaterThan(0);
  });

  it('start() polls at once and stop() reports the connection disabled', async () => {
    box = await startDocVendorServer();
    const model = new LiveModel();
    const poller = createCoocenterPoller({ client: createCoocenterClient({ baseUrl: box.url }), model, log: silentLogger, target: box.url, intervalMs: 60_000 });
    const connected = new Promise<void>((resolve) => model.subscribe((u) => u.kind === 'connection' && u.connection.state === 'connected' && resolve()));
    poller.start();
    await connected;
    poller.stop();
    expect(model.connections.get('coocenter')!.state).toBe('disabled');
    expect(box.requests).toHaveLength(4);
  });
});
