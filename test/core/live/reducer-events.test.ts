// Events the recorded transcripts do not contain (PJSIP, PeerStatus, Unhold, Rename,
// BlindTransfer, outbound trunk calls, queue exits), built as Asterisk documents them.
import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { countMembers, type CallRecord, type QueueAttempt } from '../../../electron/core/contract';
import { AmiLiveReducer } from '../../../electron/core/live/ami-reducer';
import { LiveModel } from '../../../electron/core/live/model';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

function setup() {
  const clock = { now: T0 };
  const model = new LiveModel(() => clock.now);
  const reducer = new AmiLiveReducer(model);
  const attempts: QueueAttempt[] = [];
  reducer.attempts.onChange((attempt) => attempts.push(attempt));
  const records: CallRecord[] = [];
  reducer.onCallFinished((r) => records.push(r));
  /** Apply `event` `seconds` after the previous one. */
  const at = (seconds: number, event: string, fields: Record<string, string> = {}) => {
    clock.now += seconds * 1000;
    const message: AmiMessage = { event };
    for (const [key, value] of Object.entries(fields)) message[key.toLowerCase()] = value;
    reducer.apply(message, clock.now);
  };
  return { clock, model, attempts, reducer, records, at };
}

const channel = (name: string, uniqueid: string, linkedid: string, extra: Record<string, string> = {}) => ({
  Channel: name,
  Uniqueid: uniqueid,
  Linkedid: linkedid,
  ...extra,
});

describe('extensions: registration and device naming', () => {
  it('chan_sip PeerStatus: registered, reachable with latency, lagged, unreachable', () => {
    const { model, at } = setup();
    at(0, 'ExtensionStatus', { Exten: '800', Context: 'internal', Hint: 'SIP/800', Status: '0' });
    at(1, 'PeerStatus', { ChannelType: 'SIP', Peer: 'SIP/800', PeerStatus: 'Registered', Address: '10.0.0.8:5060' });
    expect(model.extensions.get('800')?.registration).toEqual({ status: 'ok', address: '10.0.0.8:5060' });
    at(1, 'PeerStatus', { Peer: 'SIP/800', PeerStatus: 'Reachable', Time: '12' });
    expect(model.extensions.get('800')?.registration).toEqual({ status: 'ok', address: '10.0.0.8:5060', latencyMs: 12 });
    at(1, 'PeerStatus', { Peer: 'SIP/800', PeerStatus: 'Lagged', Time: '2100' });
    expect(model.extensions.get('800')?.registration?.status).toBe('lagged');
    at(1, 'PeerStatus', { Peer: 'SIP/800', PeerStatus: 'Unreachable' });
    expect(model.extensions.get('800')?.registration).toEqual({ status: 'unreachable' });
    at(1, 'PeerStatus', { Peer: 'SIP/carrier', PeerStatus: 'Reachable', Time: '3' });
    expect(model.extensions.has('carrier')).toBe(false);
  });

  it('PJSIP: EndpointList snapshot, ContactStatus round trip, channels named PJSIP/900-…', () => {
    const { model, at } = setup();
    at(0, 'EndpointList', { ObjectType: 'endpoint', ObjectName: '900', DeviceState: 'Not in use', Contacts: '900/sip:900@10.0.0.9:5060,' });
    expect(model.extensions.get('900')).toMatchObject({ device: 'PJSIP/900', state: 'idle', registration: { status: 'ok', address: 'sip:900@10.0.0.9:5060' } });
    at(1, 'ContactStatus', { URI: 'sip:900@10.0.0.9:5060', ContactStatus: 'Reachable', AOR: '900', EndpointName: '900', RoundtripUsec: '2400' });
    expect(model.extensions.get('900')?.registration).toEqual({ status: 'ok', address: 'sip:900@10.0.0.9:5060', latencyMs: 2 });
    at(1, 'ContactStatus', { URI: 'sip:900@10.0.0.9:5060', ContactStatus: 'Removed', AOR: '900' });
    expect(model.extensions.get('900')?.registration?.status).toBe('unreachable');
    at(1, 'Newchannel', channel('PJSIP/900-00000001', '1.1', '1.1', { ChannelState: '4', CallerIDNum: '900', Exten: '901' }));
    expect(model.calls.get('1.1')).toMatchObject({ direction: 'internal', callerNum: '900', calledNum: '901' });
  });

  it('DeviceStateChange: time in state for hintless devices; pseudo-devices and trunks are not extensions', () => {
    const { model, clock, at } = setup();
    at(0, 'DeviceStateChange', { Device: 'SIP/810', State: 'NOT_INUSE' });
    const since = clock.now;
    at(5, 'DeviceStateChange', { Device: 'SIP/810', State: 'NOT_INUSE' });
    expect(model.extensions.get('810')).toMatchObject({ state: 'idle', stateSince: since });
    at(5, 'DeviceStateChange', { Device: 'SIP/810', State: 'RINGING' });
    expect(model.extensions.get('810')).toMatchObject({ state: 'ringing', stateSince: clock.now, statusCode: 8 });
    at(1, 'DeviceStateChange', { Device: 'Queue:630_pause_SIP/810', State: 'INUSE' });
    at(1, 'DeviceStateChange', { Device: 'Queue:630', State: 'RINGING' });
    at(1, 'DeviceStateChange', { Device: 'SIP/carrier', State: 'INUSE' });
    expect([...model.extensions.keys()]).toEqual(['810']);
  });
});

describe('calls', () => {
  it('an extension dialling a trunk is outbound, with the extension as agent', () => {
    const { model, records, at } = setup();
    at(0, 'Newchannel', channel('SIP/800-00000001', '2.1', '2.1', { ChannelState: '4', CallerIDNum: '800', Exten: '0612345678' }));
    at(0, 'DialBegin', { ...channel('SIP/800-00000001', '2.1', '2.1'), DestChannel: 'SIP/carrier-00000002', DestUniqueid: '2.2', DestLinkedid: '2.1', DestChannelState: '0', DialString: 'carrier/0612345678' });
    expect(model.calls.get('2.1')).toMatchObject({ direction: 'outbound', agent: '800', calledNum: '0612345678', state: 'ringing', ringingAgents: ['SIP/carrier'] });
    at(4, 'DialEnd', { ...channel('SIP/800-00000001', '2.1', '2.1'), DestUniqueid: '2.2', DialStatus: 'ANSWER' });
    at(0, 'BridgeEnter', { BridgeUniqueid: 'b1', ...channel('SIP/800-00000001', '2.1', '2.1') });
    at(0, 'BridgeEnter', { BridgeUniqueid: 'b1', ...channel('SIP/carrier-00000002', '2.2', '2.1', { ChannelState: '6' }) });
    expect(model.calls.get('2.1')?.state).toBe('talking');
    at(30, 'Hangup', { ...channel('SIP/carrier-00000002', '2.2', '2.1'), Cause: '16' });
    at(0, 'Hangup', { ...channel('SIP/800-00000001', '2.1', '2.1'), Cause: '16' });
    expect(records).toEqual([expect.objectContaining({ direction: 'outbound', agent: '800', talkSeconds: 30, duration: 34, isAnswered: true })]);
  });

  it('Hold/Unhold adds hold time; Rename keeps the channel in its call', () => {
    const { model, records, at } = setup();
    at(0, 'Newchannel', channel('SIP/carrier-00000001', '3.1', '3.1', { CallerIDNum: '0611', Exten: '0201234567' }));
    at(0, 'Newchannel', channel('SIP/801-00000002', '3.2', '3.1'));
    at(0, 'BridgeEnter', { BridgeUniqueid: 'b', ...channel('SIP/carrier-00000001', '3.1', '3.1') });
    at(1, 'BridgeEnter', { BridgeUniqueid: 'b', ...channel('SIP/801-00000002', '3.2', '3.1') });
    at(10, 'Hold', channel('SIP/801-00000002', '3.2', '3.1'));
    expect(model.calls.get('3.1')).toMatchObject({ state: 'hold', holdSeconds: 0 });
    at(7, 'Unhold', channel('SIP/801-00000002', '3.2', '3.1'));
    expect(model.calls.get('3.1')).toMatchObject({ state: 'talking', holdSeconds: 7, agent: '801' });
    at(1, 'Rename', { Channel: 'SIP/801-00000002', Newname: 'SIP/801-00000002<ZOMBIE>', Uniqueid: '3.2' });
    expect(model.calls.get('3.1')?.channels).toContain('SIP/801-00000002<ZOMBIE>');
    at(2, 'Hangup', channel('SIP/801-00000002<ZOMBIE>', '3.2', '3.1'));
    at(0, 'Hangup', channel('SIP/carrier-00000001', '3.1', '3.1'));
    // Talk runs from answer to end, hold included, as Asterisk's TalkTime and the CDR's billsec count it.
    expect(records[0]).toMatchObject({ holdSeconds: 7, talkSeconds: 20, direction: 'inbound', calledNum: '0201234567' });
  });

  it('a transfer joins the target’s call (another Linkedid) to the transferee’s', () => {
    const { model, records, at } = setup();
    at(0, 'Newchannel', channel('SIP/carrier-1', '4.1', '4.1', { CallerIDNum: '0611' }));
    at(0, 'Newchannel', channel('SIP/800-2', '4.2', '4.1'));
    at(0, 'Newchannel', channel('SIP/800-3', '5.1', '5.1', { CallerIDNum: '800' }));
    at(0, 'Newchannel', channel('SIP/805-4', '5.2', '5.1'));
    at(0, 'BridgeEnter', { BridgeUniqueid: 'c', ...channel('SIP/805-4', '5.2', '5.1') });
    at(1, 'AttendedTransfer', { Result: 'Success', TransfereeUniqueid: '4.1', TransferTargetUniqueid: '5.2', DestType: 'Bridge' });
    expect([...model.calls.keys()]).toEqual(['4.1']);
    expect(model.calls.get('4.1')?.channels.sort()).toEqual(['SIP/800-2', 'SIP/800-3', 'SIP/805-4', 'SIP/carrier-1']);
    at(0, 'BridgeEnter', { BridgeUniqueid: 'c', ...channel('SIP/carrier-1', '4.1', '4.1') });
    expect(model.calls.get('4.1')).toMatchObject({ agent: '805', state: 'talking' });
    for (const [name, id] of [['SIP/800-2', '4.2'], ['SIP/800-3', '5.1'], ['SIP/805-4', '5.2'], ['SIP/carrier-1', '4.1']] as const) {
      at(1, 'Hangup', { Channel: name, Uniqueid: id, Linkedid: id === '5.1' || id === '5.2' ? '5.1' : '4.1' });
    }
    expect(model.calls.size).toBe(0);
    expect(records.map((r) => r.uniqueid)).toEqual(['4.1']);
  });
});

describe('queues', () => {
  it('matches member interfaces case-insensitively and counts members as the screens do', () => {
    const { model, clock, at } = setup();
    at(0, 'QueueParams', { Queue: '700', Strategy: 'ringall', ServiceLevel: '0' });
    at(0, 'QueueMember', { Queue: '700', Name: 'A', Location: 'SIP/800', Status: '1', Paused: '0', InCall: '0', Membership: 'static' });
    at(0, 'QueueMember', { Queue: '700', Name: 'B', Location: 'SIP/801', Status: '2', Paused: '0', InCall: '1' });
    at(0, 'QueueMember', { Queue: '700', Name: 'C', Location: 'SIP/802', Status: '1', Paused: '1', PausedReason: 'Break' });
    at(0, 'QueueMemberStatus', { Queue: '700', Interface: 'sip/800', MemberName: 'A', Status: '6', Paused: '0' });
    expect(model.queues.get('700')?.members).toHaveLength(3);
    at(0, 'QueueCallerJoin', { ...channel('SIP/carrier-9', '6.1', '6.1', { CallerIDNum: '0611' }), Queue: '700', Position: '1', Count: '1' });
    at(12, 'QueueMemberPause', { Queue: '700', Interface: 'SIP/801', Paused: '1', PausedReason: 'Lunch' });
    const queue = model.queues.get('700');
    if (!queue) throw new Error('queue 700 missing');
    expect(queue.callers).toMatchObject([{ callerNum: '0611', position: 1, joinedAt: clock.now - 12_000 }]);
    // B paused during its queue call stays on the call (with a pause badge); C paused while idle is paused.
    expect(countMembers([queue])).toEqual({ onCall: 1, ringing: 1, paused: 1, available: 0, loggedOut: 0, staffed: 3 });
    expect(queue.members.find((m) => m.interface === 'SIP/801')).toMatchObject({ isPaused: true, pauseReason: 'Lunch', pausedSince: clock.now });
    // The agent's time in state restarts at the unpause, not at the phone's last change.
    at(90, 'QueueMemberPause', { Queue: '700', Interface: 'SIP/801', Paused: '0' });
    const unpaused = model.queues.get('700')?.members.find((m) => m.interface === 'SIP/801');
    expect(unpaused).toMatchObject({ isPaused: false, unpausedAt: clock.now });
    expect(unpaused?.pausedSince).toBeUndefined();
    // A QueueStatus item of a member that is not paused says nothing of when it was unpaused.
    at(5, 'QueueMember', { Queue: '700', Name: 'A', Location: 'SIP/800', Status: '1', Paused: '0' });
    expect(model.queues.get('700')?.members.find((m) => m.interface === 'SIP/800')?.unpausedAt).toBeUndefined();
  });

  it('turns app_queue events into queue passes with Asterisk\'s own seconds', () => {
    const { model, attempts, at } = setup();
    at(0, 'QueueMember', { Queue: '700', Name: 'A', Location: 'SIP/800', Status: '1', Paused: '0', InCall: '0' });
    for (const [id, wait] of [['7.1', '10'], ['7.2', '45']] as const) {
      at(0, 'QueueCallerJoin', { ...channel(`SIP/carrier-${id}`, id, id), Queue: '700', Position: '1' });
      at(0, 'AgentConnect', { ...channel(`SIP/carrier-${id}`, id, id), Queue: '700', Interface: 'SIP/800', HoldTime: wait, RingTime: '3' });
      expect(model.queues.get('700')?.members[0]?.isInCall).toBe(true);
      at(0, 'AgentComplete', { ...channel(`SIP/carrier-${id}`, id, id), Queue: '700', Interface: 'SIP/800', HoldTime: wait, TalkTime: '60', Reason: 'agent' });
    }
    expect(model.queues.get('700')?.members[0]).toMatchObject({ isInCall: false, callsTaken: 2 });
    at(0, 'QueueCallerJoin', { ...channel('SIP/carrier-x', '7.3', '7.3'), Queue: '700', Position: '1' });
    at(5, 'QueueCallerAbandon', { ...channel('SIP/carrier-x', '7.3', '7.3'), Queue: '700', HoldTime: '5' });
    at(0, 'QueueCallerJoin', { ...channel('SIP/carrier-y', '7.4', '7.4'), Queue: '700', Position: '1' });
    at(300, 'QueueCallerLeave', { ...channel('SIP/carrier-y', '7.4', '7.4'), Queue: '700', Position: '1' });
    at(0, 'VarSet', { ...channel('SIP/carrier-y', '7.4', '7.4'), Variable: 'QUEUESTATUS', Value: 'TIMEOUT' });
    const ended = attempts.filter((attempt) => attempt.endedAt !== undefined);
    expect(ended).toMatchObject([
      { callId: '7.1', outcome: 'answered', agent: '800', waitSeconds: 10, ringSeconds: 3, talkSeconds: 60, hangupSide: 'agent' },
      { callId: '7.2', outcome: 'answered', waitSeconds: 45 },
      { callId: '7.3', outcome: 'abandoned', waitSeconds: 5, hangupSide: 'caller', missCause: 'MEMBER_CANCEL' },
      { callId: '7.4', outcome: 'exitwithtimeout', waitSeconds: 300, hangupSide: 'system', missCause: 'NO_ASSIGN' },
    ]);
  });
});
