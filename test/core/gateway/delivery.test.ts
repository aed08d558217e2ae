import { afterEach, describe, expect, it } from 'vitest';
import type { VendorPush } from '../../../electron/core/demo';
import type { PushDeliveryStatus } from '../../../electron/core/gateway/outbox';
import { createPushAssembly } from '../../../electron/core/gateway/push-assembly';
import { pushConnectionOf } from '../../../electron/core/gateway/gateway';
import { sleep } from '../../support/virtual-time';
import { mac, startGatewayRig, type GatewayRig } from './harness';

let rig: GatewayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/**
 * The pushes the gateway must deliver, computed independently: a second push
 * assembly on the same AMI event stream, the same clock and the same model.
 */
function reference(r: GatewayRig): VendorPush[] {
  const expected: VendorPush[] = [];
  const assembly = createPushAssembly({
    mac, timeZone: 'Asia/Shanghai', emit: (push) => expected.push(push),
    isAnyMemberLoggedIn: (queue) => r.model.queues.get(queue)?.members.some((m) => m.state !== 'unavailable'),
  });
  r.backend.onEvent((message) => assembly.apply(message, r.clock.now()));
  return expected;
}

function landed(r: GatewayRig): string[] {
  const rows = r.receiverSide?.db.prepare('SELECT body FROM raw_events ORDER BY id').all() as { body: string }[];
  return rows.map((row) => row.body);
}

/** At-least-once means re-sends of the head row: identical bodies, back to back. De-duplicate those. */
function withoutResends(bodies: string[]): string[] {
  return bodies.filter((body, i) => body !== bodies[i - 1]);
}

const canonical = (push: VendorPush): string => JSON.stringify(Object.fromEntries(Object.entries(push).map(([k, v]) => [k, v])));

async function drainOnVirtualClock(r: GatewayRig): Promise<void> {
  r.gateway.outbox?.commit();
  for (let i = 0; i < 400 && (r.gateway.pushStatus()?.pending ?? 1) > 0; i++) {
    r.clock.advance(250);
    await sleep(5);
  }
  await r.receiverSide?.eventLog.flush();
}

describe('at-least-once delivery through the SQLite outbox', () => {
  it('a 60 s receiver outage during a load run loses, duplicates and reorders nothing', async () => {
    rig = await startGatewayRig({ agents: 30, loadEventsPerSecond: 500 });
    const r = rig;
    const expected = reference(r);
    const statuses: PushDeliveryStatus[] = [];
    r.gateway.onPushStatus((status) => statuses.push(status));
    r.pbx.startSimulation();
    await r.advance(20_000);
    const receiver = r.receiverSide!;
    await receiver.receiver.close(); // the receiver goes away…
    await r.advance(60_000); // …for 60 s of PBX time, while calls go on
    const during = r.gateway.pushStatus() as PushDeliveryStatus;
    expect(during.state).toBe('retrying');
    expect(during.pending).toBeGreaterThan(50);
    expect(during.lastError).toMatch(/cannot reach/);
    // Capped exponential backoff: 1, 2, 4, 8, 8 … s (harness: initial 1 s, cap 8 s).
    const waits = [...new Set(statuses.filter((s) => s.nextRetryAt !== undefined && s.lastErrorAt !== undefined).map((s) => (s.nextRetryAt as number) - (s.lastErrorAt as number)))];
    expect(waits.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(pushConnectionOf(during, r.clock.now())).toMatchObject({ id: 'gateway-push', kind: 'receiver', state: 'lost', detail: expect.stringMatching(/pending; .*last error: cannot reach/) });
    await receiver.receiver.listen('127.0.0.1', receiver.port); // back on the same URL
    await r.advance(20_000);
    await r.backend.stop(); // end of the load run: no more AMI events
    await drainOnVirtualClock(r);

    expect(expected.length).toBeGreaterThan(300);
    expect(r.gateway.pushStatus()).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    expect(withoutResends(landed(r))).toEqual(expected.map(canonical));
    // De-duplicated by uniqueid (and by exten for extensionstatus), every call's cc_cdr arrived exactly once.
    const ccCdrs = withoutResends(landed(r)).map((body) => JSON.parse(body) as VendorPush).filter((p) => p.event === 'cc_cdr');
    expect(new Set(ccCdrs.map((p) => p.uuid)).size).toBe(ccCdrs.length);
    expect(ccCdrs.length).toBe(expected.filter((p) => p.event === 'cc_cdr').length);
  });

  it('pending rows survive a gateway restart and go out first, in order', async () => {
    rig = await startGatewayRig();
    const r = rig;
    const expected = reference(r);
    const receiver = r.receiverSide!;
    await receiver.receiver.close();
    r.pbx.placeInboundCall({ queue: '630', callerNumber: '0611000901', answerBy: '800', answerAfterMs: 2000, talkMs: 5500 });
    await r.until(() => expected.some((p) => p.event === 'cc_cdr'), 'the call to end');
    r.gateway.outbox?.commit();
    const pendingBefore = r.gateway.pushStatus()?.pending ?? 0;
    expect(pendingBefore).toBe(expected.length);
    await r.restartGateway(); // a new outbox on the same SQLite file
    expect(r.gateway.pushStatus()?.pending).toBe(pendingBefore);
    const rows = r.db.prepare('SELECT event_type FROM push_outbox ORDER BY id').all() as { event_type: string }[];
    expect(rows.map((row) => row.event_type)).toEqual(expected.map((p) => String(p.event)));
    await receiver.receiver.listen('127.0.0.1', receiver.port);
    await r.backend.stop();
    await drainOnVirtualClock(r);
    expect(withoutResends(landed(r))).toEqual(expected.map(canonical));
    expect(r.db.prepare('SELECT count(*) AS n FROM push_outbox').get()).toEqual({ n: 0 });
  });

  it('an event the receiver refuses for good is kept aside and does not block the rest', async () => {
    rig = await startGatewayRig();
    const r = rig;
    const outbox = r.gateway.outbox!;
    outbox.enqueue({ event: 'cc_cdr', uuid: '1.1', startTime: 'not a time' }); // the receiver answers 400
    outbox.enqueue({ event: 'extensionstatus', exten: '800', status: '0', statustext: 'Idle' });
    await drainOnVirtualClock(r);
    expect(r.gateway.pushStatus()).toMatchObject({ pending: 0, rejected: 1, lastError: expect.stringMatching(/^HTTP 400/) });
    expect(landed(r).map((body) => JSON.parse(body).event)).toEqual(['extensionstatus']);
    expect(r.db.prepare('SELECT event_type, attempts, rejected_at IS NOT NULL AS isRejected FROM push_outbox').all())
      .toEqual([{ event_type: 'cc_cdr', attempts: 1, isRejected: 1 }]);
  });
});
