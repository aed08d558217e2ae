import { afterEach, describe, expect, it } from 'vitest';
import { startDemoPbx } from '../../../electron/core/demo';
import type { DemoPbx, ScriptedInboundCall } from '../../../electron/core/demo';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { header } from '../../../electron/core/ami/message';
import { eventsOf, loadAmiFixture } from '../../support/ami-fixtures';
import { TestAmiClient } from './ami-client';

// The recordings' clock: s02 starts 2026-11-24 02:36:48 (Cdr StartTime, UTC box).
const START = Date.UTC(2026, 10, 24, 2, 36, 48);
let pbx: DemoPbx | undefined;
let client: TestAmiClient | undefined;
afterEach(async () => {
  client?.close();
  await pbx?.close();
});

async function capture(call: ScriptedInboundCall): Promise<AmiMessage[]> {
  pbx = await startDemoPbx({ agents: 10, seed: 1, startTime: START, ami: { secret: 'amp111' } });
  client = await TestAmiClient.open(pbx.amiPort);
  await client.action({ Action: 'Login', Username: 'admin', Secret: 'amp111' });
  pbx.placeInboundCall(call);
  pbx.step(60_000);
  await client.action({ Action: 'Ping' });
  return eventsOf(client.messages);
}

/**
 * Per-subject sequences: the events of one channel, device, extension or queue
 * member, in order. Asterisk orders these strictly; only the interleaving
 * between subjects depends on thread timing (compare s02 #48-51 with s03 #48-51).
 * Channel names are replaced by their order of first appearance.
 */
function perSubject(events: AmiMessage[]): Record<string, string[]> {
  const alias = new Map<string, string>();
  const out: Record<string, string[]> = {};
  for (const e of events) {
    const channel = header(e, 'channel');
    let subject: string;
    if (channel) {
      if (!alias.has(channel)) alias.set(channel, `ch${alias.size}`);
      subject = alias.get(channel) as string;
    } else if (e.event === 'DeviceStateChange') subject = `device ${header(e, 'device')}`;
    else if (e.event === 'ExtensionStatus') subject = `exten ${header(e, 'exten')}`;
    else if (e.event?.startsWith('QueueMember')) subject = `member ${header(e, 'queue')} ${header(e, 'interface')}`;
    else subject = `other ${e.event}`;
    (out[subject] ??= []).push(`${e.event}${e.event === 'VarSet' ? ` ${header(e, 'variable')}` : ''}`);
  }
  return out;
}

describe('demo PBX replays the recorded stories', () => {
  it('inbound answered (s02): same event types in the same global order', async () => {
    const got = await capture({ queue: '630', callerNumber: '0611000101', answerBy: '800', answerAfterMs: 2000, talkMs: 5500 });
    const want = eventsOf(loadAmiFixture('s02_inbound_answered'));
    expect(got.map((e) => e.event)).toEqual(want.map((e) => e.event));
    expect(perSubject(got)).toEqual(perSubject(want));
  });

  it('abandon (s03): same events per channel/device/member, same totals', async () => {
    const got = await capture({ queue: '630', callerNumber: '0611000301', abandonAfterMs: 22_000 });
    const want = eventsOf(loadAmiFixture('s03_abandon'));
    expect(perSubject(got)).toEqual(perSubject(want));
    expect(got.map((e) => e.event).sort()).toEqual(want.map((e) => e.event).sort());
  });

  it('the same seed replays the same events, headers included', async () => {
    const run = async (): Promise<string[]> => {
      const demo = await startDemoPbx({ agents: 30, seed: 7, startTime: START, ami: false });
      const seen: string[] = [];
      demo.onPush((p) => seen.push(JSON.stringify(p)));
      demo.startSimulation();
      demo.step(2 * 3_600_000);
      await demo.close();
      return seen;
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(100);
    expect(first.some((p) => p.includes('"event":"cc_cdr"'))).toBe(true);
    expect(await run()).toEqual(first);
  });
});
