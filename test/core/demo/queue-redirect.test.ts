import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { TestAmiClient } from './ami-client';

// AMI Redirect of a caller still waiting in a queue, as Asterisk's app_queue takes it: the
// async goto interrupts the wait (QueueCallerAbandon, QueueCallerLeave — queue_log ABANDON),
// then the channel runs internal,<exten>,1 of pbx-conf's extensions.conf.

let pbx: DemoPbx;
let client: TestAmiClient;
beforeEach(async () => {
  pbx = await startDemoPbx({ agents: 10, seed: 1, startTime: Date.UTC(2026, 10, 24, 2, 0, 0), ami: { secret: 'amp111' } });
  client = await TestAmiClient.open(pbx.amiPort);
  const [reply] = await client.action({ Action: 'Login', Username: 'admin', Secret: 'amp111' });
  expect(reply?.response).toBe('Success');
});
afterEach(async () => {
  client.close();
  await pbx.close();
});

/** The caller channel's events after the Redirect reply, as `Event Queue/Application/DialStatus` words. */
function sequenceAfter(reply: AmiMessage, channel: string, destChannel?: RegExp): string[] {
  const after = client.messages.slice(client.messages.indexOf(reply) + 1);
  const wanted = /^(QueueCaller|Newexten$|Dial|Bridge(Enter|Leave)$|MusicOnHold|Hangup$)/;
  return after
    .filter((m) => wanted.test(String(m.event)) && (m.channel === channel || (destChannel !== undefined && destChannel.test(String(m.channel ?? '')))))
    .map((m) => [m.event, m.queue, m.context && m.event === 'Newexten' ? `${m.context},${m.exten}:${m.application}` : undefined, m.dialstatus].filter(Boolean).join(' '));
}

async function settle(ms: number): Promise<void> {
  for (let done = 0; done < ms; done += 250) {
    pbx.step(250);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('demo PBX: Redirect of a waiting caller', () => {
  it('into another queue: abandons the wait in 630, leaves it, runs internal,631 → queues,631 and joins 631', async () => {
    const { channel } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000701', talkMs: 30_000 });
    await settle(4_000);
    const [reply] = await client.action({ Action: 'Redirect', Channel: channel, Context: 'internal', Exten: '631', Priority: '1' });
    expect(reply).toMatchObject({ response: 'Success', message: 'Redirect successful' });
    await settle(500);
    const events = sequenceAfter(reply!, channel);
    expect(events.slice(0, 5)).toEqual([
      'MusicOnHoldStop', 'DialEnd CANCEL', 'DialEnd CANCEL', 'DialEnd CANCEL', 'DialEnd CANCEL',
    ]);
    const fromAbandon = events.slice(events.indexOf('QueueCallerAbandon 630'));
    expect(fromAbandon.slice(0, 5)).toEqual([
      'QueueCallerAbandon 630', 'QueueCallerLeave 630', 'Newexten internal,631:Goto', 'Newexten queues,631:NoOp', 'Newexten queues,631:Set',
    ]);
    expect(fromAbandon).toContain('QueueCallerJoin 631');
    expect(fromAbandon.indexOf('QueueCallerJoin 631')).toBeGreaterThan(fromAbandon.indexOf('Newexten queues,631:Queue'));
    const join = client.messages.find((m) => m.event === 'QueueCallerJoin' && m.queue === '631');
    expect(join).toMatchObject({ channel, position: '1', count: '1' });
    const abandon = client.messages.find((m) => m.event === 'QueueCallerAbandon');
    expect(abandon).toMatchObject({ queue: '630', position: '1', originalposition: '1', holdtime: '3' });
  });

  it('to an extension: dials SIP/809 from internal,809, which rings, answers and talks with the caller', async () => {
    const { channel } = pbx.placeInboundCall({ queue: '630', callerNumber: '0611000702', talkMs: 10_000 });
    await settle(4_000);
    const [reply] = await client.action({ Action: 'Redirect', Channel: channel, Context: 'internal', Exten: '809', Priority: '1' });
    await settle(3_000);
    const events = sequenceAfter(reply!, channel, /^SIP\/809-/);
    const fromAbandon = events.slice(events.indexOf('QueueCallerAbandon 630'));
    expect(fromAbandon).toEqual([
      'QueueCallerAbandon 630', 'QueueCallerLeave 630', 'Newexten internal,809:NoOp', 'Newexten internal,809:Dial',
      'DialBegin', 'DialEnd ANSWER', 'BridgeEnter', 'BridgeEnter',
    ]);
    await settle(11_000);
    expect(client.messages.some((m) => m.event === 'Hangup' && m.channel === channel)).toBe(true);
    // The caller is in no queue any more: nobody rings for it.
    expect(client.messages.filter((m) => m.event === 'QueueCallerJoin')).toHaveLength(1);
  });
});
