// Replays every recorded transcript through the frame parser and the reducers and
// checks the model at the moments the sNN_*.md files describe.
import { describe, expect, it } from 'vitest';
import { header, type AmiMessage } from '../../../electron/core/ami/message';
import type { Call, Queue } from '../../../electron/core/contract';
import { fixtureMessages, fixtureNames, indexOf, newReplay, type Replay } from './replay-fixture';

const isEvent = (name: string, field?: string, prefix?: string) => (m: AmiMessage) =>
  m.event === name && (field === undefined || header(m, field).startsWith(prefix ?? ''));

/** Run the fixture up to and including the first message matching `predicate` after `from`. */
function runUntil(replay: Replay, messages: AmiMessage[], from: number, predicate: (m: AmiMessage) => boolean): number {
  const index = indexOf(messages, predicate, from);
  replay.run(messages, from, index + 1);
  return index + 1;
}

/** Asterisk puts the two parties into a new bridge one BridgeEnter at a time: run past both. */
function bothInBridge(replay: Replay, messages: AmiMessage[], from: number): number {
  const first = runUntil(replay, messages, from, isEvent('BridgeEnter'));
  return runUntil(replay, messages, first, isEvent('BridgeEnter'));
}

const onlyCall = (replay: Replay): Call => {
  const calls = [...replay.model.calls.values()];
  expect(calls).toHaveLength(1);
  return calls[0] as Call;
};
const queue = (replay: Replay, name: string): Queue => {
  const found = replay.model.queues.get(name);
  if (!found) throw new Error(`queue ${name} missing`);
  return found;
};
const member = (replay: Replay, queueName: string, iface: string) =>
  queue(replay, queueName).members.find((m) => m.interface.toLowerCase() === iface.toLowerCase());

describe('every transcript replays to a quiet PBX', () => {
  it.each(fixtureNames().filter((n) => n !== 's01_snapshot'))('%s ends with no calls and no waiting callers', (name) => {
    const replay = newReplay();
    replay.run(fixtureMessages(name));
    expect(replay.model.calls.size).toBe(0);
    for (const q of replay.model.queues.values()) expect(q.callers).toEqual([]);
    for (const e of replay.model.extensions.values()) expect(e.state).toBe('idle');
    // Pseudo-devices (Queue:630, Queue:630_pause_SIP/800) and the trunk are never extensions.
    for (const id of replay.model.extensions.keys()) expect(id).toMatch(/^\d+$/);
  });
});

describe('s01_snapshot: one call talking to 800, one waiting in 631 with 802 ringing', () => {
  const replay = newReplay();
  replay.run(fixtureMessages('s01_snapshot'));

  it('groups each call by Linkedid with caller, DID and agent', () => {
    const talking = replay.model.calls.get('1795487758.0');
    expect(talking).toMatchObject({ direction: 'inbound', state: 'talking', callerNum: '0611000011', calledNum: '0201234567', agent: '800' });
    expect(talking?.channels.sort()).toEqual(['SIP/800-00000002', 'SIP/carrier-00000000']);
    const waiting = replay.model.calls.get('1795487758.1');
    expect(waiting).toMatchObject({ direction: 'inbound', state: 'queued', queue: '631', callerNum: '0611000012', calledNum: '0201234568', ringingAgents: ['802'] });
  });

  it('knows who waits in which queue and for how long', () => {
    expect(queue(replay, '631').callers).toMatchObject([{ callId: '1795487758.1', channel: 'SIP/carrier-00000001', position: 1 }]);
    const caller = queue(replay, '631').callers[0];
    // QueueEntry Wait: 6 → joined 6 s before the item was applied.
    expect(caller && replay.clock.now - caller.joinedAt).toBeGreaterThanOrEqual(6000);
    expect(queue(replay, '630').callers).toEqual([]);
    expect(queue(replay, '631').strategy).toBe('rrmemory');
  });

  it('has all ten extensions with hint states and SIP registration', () => {
    const extensions = replay.model.extensions;
    expect([...extensions.keys()].sort()).toEqual(['800', '801', '802', '803', '804', '805', '806', '807', '808', '809']);
    expect(extensions.get('800')).toMatchObject({ state: 'inuse', device: 'SIP/800', registration: { status: 'ok', latencyMs: 1, address: '127.0.0.1:5800' } });
    expect(extensions.get('802')?.state).toBe('ringing');
    expect(extensions.get('805')?.state).toBe('idle');
  });

  it('has queue members with their device states', () => {
    expect(member(replay, '630', 'SIP/800')).toMatchObject({ state: 'inuse', isInCall: true, isPaused: false, extension: '800', name: 'Agent 800' });
    expect(member(replay, '631', 'sip/802')).toMatchObject({ state: 'ringing', penalty: 0 });
  });
});

describe('s02_inbound_answered', () => {
  const messages = fixtureMessages('s02_inbound_answered');
  const replay = newReplay();
  let at = 0;

  it('waits in queue 630 while 800 and 801 ring', () => {
    at = runUntil(replay, messages, at, isEvent('DialState', 'destchannel', 'SIP/800'));
    expect(onlyCall(replay)).toMatchObject({ state: 'queued', queue: '630', callerNum: '0611000101', calledNum: '0201234567', direction: 'inbound' });
    expect(onlyCall(replay).ringingAgents?.sort()).toEqual(['800', '801']);
    expect(queue(replay, '630').callers).toHaveLength(1);
    expect(replay.attempts.at(-1)).toMatchObject({ queue: '630', outcome: 'waiting', callerNum: '0611000101', entryPosition: 1 });
    expect(replay.model.extensions.get('800')?.state).toBe('ringing');
  });

  it('talks to 800 after AgentConnect', () => {
    at = runUntil(replay, messages, at, isEvent('AgentConnect'));
    at = bothInBridge(replay, messages, at);
    expect(onlyCall(replay)).toMatchObject({ state: 'talking', agent: '800', queue: '630' });
    expect(onlyCall(replay).answeredAt).toBeDefined();
    expect(queue(replay, '630').callers).toEqual([]);
    expect(replay.attempts.at(-1)).toMatchObject({ outcome: 'connected', agent: '800', waitSeconds: 2, ringSeconds: 2 });
    expect(onlyCall(replay).recordingFile).toMatch(/q630-.*1795487808\.7\.wav$/);
  });

  it('emits one answered call record after the caller hangs up', () => {
    replay.run(messages, at);
    expect(replay.records).toHaveLength(1);
    expect(replay.records[0]).toMatchObject({ uniqueid: '1795487808.7', isAnswered: true, agent: '800', queue: '630', ringSeconds: 2, hangupSide: 'caller', hangupCause: '16', disposition: 'ANSWERED' });
    expect(replay.attempts.at(-1)).toMatchObject({ outcome: 'answered', talkSeconds: 6, hangupSide: 'caller' });
  });
});

describe('s03_abandon', () => {
  const messages = fixtureMessages('s03_abandon');
  const replay = newReplay();
  let at = 0;

  it('keeps the caller waiting through AgentRingNoAnswer', () => {
    at = runUntil(replay, messages, at, isEvent('AgentRingNoAnswer'));
    expect(onlyCall(replay).state).toBe('queued');
    expect(queue(replay, '630').callers).toHaveLength(1);
  });

  it('counts the abandon and records an unanswered call', () => {
    replay.run(messages, at);
    expect(replay.attempts.at(-1)).toMatchObject({ outcome: 'abandoned', ringNoAnswer: 2, missCause: 'NO_AGENT_ANSWER', hangupSide: 'caller' });
    expect(replay.records).toHaveLength(1);
    expect(replay.records[0]).toMatchObject({ isAnswered: false, queue: '630', direction: 'inbound', cdrState: 'queue' });
    expect(replay.records[0]?.queueSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('s04_pause_members', () => {
  const messages = fixtureMessages('s04_pause_members');
  const replay = newReplay();
  let at = 0;

  it('pauses 800 everywhere (Lunch) and 801 in 630 only (Coaching)', () => {
    at = runUntil(replay, messages, at, (m) => m.event === 'QueueMemberPause' && header(m, 'interface') === 'SIP/801');
    expect(member(replay, '630', 'SIP/800')).toMatchObject({ isPaused: true, pauseReason: 'Lunch' });
    expect(member(replay, '632', 'SIP/800')).toMatchObject({ isPaused: true, pauseReason: 'Lunch' });
    expect(member(replay, '630', 'SIP/801')).toMatchObject({ isPaused: true, pauseReason: 'Coaching' });
    expect(member(replay, '630', 'SIP/800')?.pausedSince).toBe(member(replay, '630', 'SIP/800')?.pausedSince);
    expect(replay.model.extensions.size).toBe(0);
  });

  it('logs 806 into 630 and 807 paused into 631, then changes the penalty', () => {
    at = runUntil(replay, messages, at, isEvent('QueueMemberPenalty'));
    expect(member(replay, '630', 'SIP/806')).toMatchObject({ membership: 'dynamic', penalty: 0, name: 'Agent 806' });
    expect(member(replay, '631', 'SIP/807')).toMatchObject({ membership: 'dynamic', isPaused: true, pauseReason: 'Login paused' });
  });

  it('ends with nobody paused and the dynamic members logged out', () => {
    replay.run(messages, at);
    for (const q of replay.model.queues.values()) for (const m of q.members) expect(m.isPaused).toBe(false);
    expect(member(replay, '630', 'SIP/806')).toBeUndefined();
    expect(member(replay, '631', 'SIP/807')).toBeUndefined();
    expect(member(replay, '630', 'SIP/800')?.lastPausedAt).toBe(1795487862000);
  });
});

describe('s05_click_to_dial', () => {
  const messages = fixtureMessages('s05_click_to_dial');
  const replay = newReplay();
  let at = 0;

  it('800 talks to 801 after the Originate', () => {
    at = bothInBridge(replay, messages, at);
    expect(onlyCall(replay)).toMatchObject({ direction: 'internal', state: 'talking', callerNum: '800', calledNum: '801', agent: '801' });
  });

  it('records the call; the failed Originate creates no call', () => {
    at = runUntil(replay, messages, at, (m) => m.event === 'OriginateResponse' && header(m, 'response') === 'Failure');
    expect(replay.model.calls.size).toBe(0);
    expect(replay.records.map((r) => r.uniqueid)).toEqual(['1795487870.15']);
    replay.run(messages, at);
    expect(replay.records[1]).toMatchObject({ callerNum: '802', disposition: 'ANSWERED', isAnswered: false });
  });
});

describe('s06_transfer', () => {
  const messages = fixtureMessages('s06_transfer');
  const replay = newReplay();
  let at = 0;

  it('(a) caller talks to 800, then to 803 after the Redirect', () => {
    at = runUntil(replay, messages, at, isEvent('AgentConnect'));
    at = bothInBridge(replay, messages, at);
    expect(onlyCall(replay)).toMatchObject({ agent: '800', state: 'talking' });
    at = runUntil(replay, messages, at, isEvent('BridgeEnter', 'channel', 'SIP/803'));
    at = runUntil(replay, messages, at, isEvent('BridgeEnter'));
    expect(onlyCall(replay)).toMatchObject({ id: '1795487901.18', agent: '803', state: 'talking', callerNum: '0611000601' });
  });

  it('(b) the caller is on hold during the Atxfer', () => {
    at = runUntil(replay, messages, at, isEvent('Hold'));
    expect(onlyCall(replay)).toMatchObject({ state: 'hold', agent: '800', callerNum: '0611000602' });
    expect(onlyCall(replay).holdSince).toBe(replay.clock.now);
  });

  it('(b) after AttendedTransfer the caller talks to 804', () => {
    at = runUntil(replay, messages, at, isEvent('AttendedTransfer'));
    at = runUntil(replay, messages, at, isEvent('Hangup', 'channel', 'SIP/800'));
    expect(onlyCall(replay)).toMatchObject({ agent: '804', state: 'talking' });
    replay.run(messages, at);
    // Both were queue calls answered by 800 (queue_log CONNECT): 800 keeps them; the transfers are steps of the calls.
    expect(replay.records.map((r) => r.agent)).toEqual(['800', '800']);
    expect(replay.records.map((r) => [r.transferKind, r.transferTo])).toEqual([['redirect', '803'], ['attended', '804']]);
    expect(replay.records[1]?.holdSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('s07_chanspy', () => {
  const messages = fixtureMessages('s07_chanspy');
  const replay = newReplay();

  it('806 talks to 807 while the supervisor 808 spies in a call of its own', () => {
    const at = runUntil(replay, messages, 0, isEvent('ChanSpyStart'));
    const talking = replay.model.calls.get('1795487956.28');
    expect(talking).toMatchObject({ direction: 'internal', state: 'talking', callerNum: '806', calledNum: '807', agent: '807' });
    const spy = replay.model.calls.get('1795487961.30');
    expect(spy).toMatchObject({ state: 'ivr', callerNum: '808' });
    replay.run(messages, at);
    expect(replay.model.calls.size).toBe(0);
    expect(replay.records).toHaveLength(4);
  });
});

describe('s08_hangup_blacklist', () => {
  const replay = newReplay();
  replay.run(fixtureMessages('s08_hangup_blacklist'));

  it('records the rejected blacklisted caller and the call hung up by the supervisor', () => {
    expect(replay.records).toHaveLength(2);
    expect(replay.records[0]).toMatchObject({ callerNum: '0612000999', hangupCause: '21', isAnswered: false, disposition: 'NO ANSWER' });
    expect(replay.records[1]).toMatchObject({ callerNum: '0611000801', agent: '800', isAnswered: true, queue: '630' });
  });
});
