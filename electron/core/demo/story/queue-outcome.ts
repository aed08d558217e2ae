import type { InboundCall } from './inbound-call';
import { RETRY_MS } from './inbound-call';
import type { AgentLeg } from './leg';
import { emitDialEnd, pushHangup } from './leg';
import {
  bridgeEvent, channelEvent, deviceStateChange, dialEvent, hangupEvent, memberEvent, varSet,
} from '../ami/events';
import { emitAll, queueVarSets, rtpQosValue, RTP_QOS_VARS } from './queue-vars';
import { emitLegCdrs, pushCcCdr } from './call-records';
import { attendedTransfer, blindTransfer } from './transfer';
import { missCauseOf } from '../../stats/miss-cause';

function memberStatusEvents(call: InboundCall, leg: AgentLeg): void {
  for (const member of call.pbx.state.memberships(leg.agent)) call.pbx.emit(memberEvent('QueueMemberStatus', member));
}

/** End a ringing leg that did not win (Hangup 26 "Answered elsewhere" or 16 on timeout/cancel). */
function dropLeg(call: InboundCall, leg: AgentLeg, cause: number, causeText: string): void {
  const { pbx } = call;
  leg.endedAt = pbx.now();
  pbx.emit(hangupEvent(leg.channel, cause, causeText));
  pushHangup(pbx, leg.channel);
  pbx.endChannel(leg.channel);
  leg.agent.isBusy = false;
}

/** One agent picked up (s02 #73-137). */
export function connectCall(call: InboundCall, winner: AgentLeg): void {
  const { pbx, caller, queue } = call;
  const others = call.ringing.filter((leg) => leg !== winner);
  pbx.setDevice(winner.agent, 'INUSE', 'E');
  for (const leg of others) pbx.setDevice(leg.agent, 'NOT_INUSE', 'E');
  winner.channel.state = 6;
  winner.answeredAt = pbx.now();
  winner.channel.answeredAt = pbx.now();
  pbx.emit(channelEvent('Newstate', 'call,all', winner.channel));
  memberStatusEvents(call, winner);
  winner.dialStatus = 'ANSWER';
  emitDialEnd(pbx, caller, winner, 'ANSWER');
  pbx.emit(deviceStateChange(winner.agent.device, 'INUSE'));
  for (const leg of others) {
    leg.dialStatus = 'CANCEL';
    emitDialEnd(pbx, caller, leg, 'CANCEL');
  }
  Object.assign(caller, { connectedNum: winner.agent.exten, connectedName: winner.agent.name });
  pbx.emit(channelEvent('NewConnectedLine', 'call,all', caller));
  for (const leg of others) {
    emitDialEnd(pbx, caller, leg, 'CANCEL', false);
    dropLeg(call, leg, 26, 'Answered elsewhere');
    memberStatusEvents(call, leg);
    pbx.emit(deviceStateChange(leg.agent.device, 'NOT_INUSE'));
  }
  call.ringing = [];
  call.answered = winner;
  call.ringTimer?.cancel();
  call.patienceTimer?.cancel();
  pbx.emit(channelEvent('MusicOnHoldStop', 'call,all', caller));

  const member = pbx.state.findMember(queue.name, winner.agent.device);
  const now = pbx.now();
  const holdSeconds = Math.round((now - call.joinedAt) / 1000);
  if (member) {
    member.callsTaken++;
    member.lastCall = Math.floor(now / 1000);
    member.isInCall = true;
  }
  for (const ch of [caller, winner.channel]) {
    emitAll(pbx, [
      varSet(ch, 'MEMBERINTERFACE', winner.agent.device), varSet(ch, 'MEMBERNAME', winner.agent.name),
      varSet(ch, 'MEMBERCALLS', String(member?.callsTaken ?? 0)), varSet(ch, 'MEMBERLASTCALL', String(member?.lastCall ?? 0)),
      varSet(ch, 'MEMBERPENALTY', String(member?.penalty ?? 0)), varSet(ch, 'MEMBERDYNAMIC', member?.membership === 'dynamic' ? '1' : '0'),
      varSet(ch, 'MEMBERREALTIME', '0'),
    ]);
  }
  const position = queue.waiting.findIndex((w) => w.channel === caller) + 1;
  for (const ch of [caller, winner.channel]) {
    emitAll(pbx, [varSet(ch, 'QEHOLDTIME', String(holdSeconds)), varSet(ch, 'QEORIGINALPOS', String(position))]);
  }
  queue.holdTimeAvg = (queue.holdTimeAvg * 3 + holdSeconds) / 4;
  queue.completed++;
  if (holdSeconds <= 60) queue.serviceLevelCalls++;
  emitAll(pbx, queueVarSets(caller, queue));
  emitAll(pbx, queueVarSets(winner.channel, queue));
  leaveQueue(call, position);
  emitAll(pbx, [
    varSet(caller, 'QUEUEWAIT', String(holdSeconds)), varSet(caller, 'QUEUEWAIT_MS', String(holdSeconds * 1000)),
  ]);
  pbx.emit(dialEvent('AgentConnect', 'agent,all', caller, winner.channel, [
    ['Queue', queue.name], ['Interface', winner.agent.device], ['MemberName', winner.agent.name],
    ['HoldTime', String(holdSeconds)], ['RingTime', String(Math.round((now - winner.startedAt) / 1000))],
  ]));
  const bridge = { id: bridgeId(call), channels: 0 };
  pbx.emit(bridgeEvent('BridgeCreate', bridge));
  for (const ch of [winner.channel, caller]) {
    bridge.channels++;
    ch.bridgeId = bridge.id;
    pbx.emit(bridgeEvent('BridgeEnter', bridge, ch));
  }
  caller.peer = winner.channel;
  winner.channel.peer = caller;
  emitAll(pbx, [
    varSet(winner.channel, 'BRIDGEPEER', caller.name), varSet(winner.channel, 'BRIDGEPVTCALLID', caller.sipCallId),
    varSet(caller, 'BRIDGEPEER', winner.channel.name), varSet(caller, 'BRIDGEPVTCALLID', winner.channel.sipCallId),
  ]);
  pbx.startRtcp(winner.channel);
  const talkStart = now;
  call.endTalk = (side) => endTalk(call, winner, bridge, talkStart, side);
  const transfer = { call, leg: winner, bridge, endsAt: now + call.plan.talkMs + (call.plan.holdMs ?? 0) };
  caller.onRedirect = (exten) => blindTransfer(transfer, exten);
  winner.channel.onAtxfer = (exten) => attendedTransfer(transfer, exten);
  if (call.plan.holdMs) scheduleHold(call, winner, call.plan.holdMs);
  call.ringTimer = pbx.clock.after(call.plan.talkMs + (call.plan.holdMs ?? 0), () => call.endTalk?.(call.plan.hangupSide));
}

function bridgeId(call: InboundCall): string {
  const r = call.pbx.random;
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.hex(4)}-${r.hex(12)}`;
}

/** The caller leaves while members ring: app_queue cancels their legs (s03 #125-140). */
export function cancelRinging(call: InboundCall): void {
  const { pbx, caller } = call;
  for (const leg of call.ringing) emitDialEnd(pbx, caller, leg, 'CANCEL');
  for (const leg of call.ringing) {
    leg.dialStatus = 'CANCEL';
    emitDialEnd(pbx, caller, leg, 'CANCEL', false);
    dropLeg(call, leg, 16, 'Normal Clearing');
    pbx.setDevice(leg.agent, 'NOT_INUSE', 'EQD');
  }
  call.ringing = [];
}

export function leaveQueue(call: InboundCall, position: number): void {
  const { pbx, caller, queue } = call;
  queue.waiting = queue.waiting.filter((w) => w.channel !== caller);
  if (queue.waiting.length === 0) pbx.emit(deviceStateChange(`Queue:${queue.name}`, 'NOT_INUSE'));
  pbx.emit(channelEvent('QueueCallerLeave', 'agent,all', caller, [
    ['Queue', queue.name], ['Position', String(position)], ['Count', String(queue.waiting.length)],
  ]));
  pbx.emit(varSet(caller, 'QUEUEPOSITION', String(position)));
}

/** Agent puts the caller on hold mid-call (Hold / MusicOnHoldStart, s06). */
function scheduleHold(call: InboundCall, leg: AgentLeg, holdMs: number): void {
  const { pbx, caller } = call;
  pbx.clock.after(Math.min(5000, call.plan.talkMs / 2), () => {
    if (call.isOver) return;
    pbx.emit(channelEvent('Hold', 'call,all', leg.channel));
    pbx.emit(channelEvent('MusicOnHoldStart', 'call,all', caller, [['Class', 'default']]));
    pbx.setDevice(leg.agent, 'ONHOLD', 'ED');
    pbx.clock.after(holdMs, () => {
      if (call.isOver) return;
      call.holdSeconds += Math.round(holdMs / 1000);
      pbx.emit(channelEvent('Unhold', 'call,all', leg.channel));
      pbx.emit(channelEvent('MusicOnHoldStop', 'call,all', caller));
      pbx.setDevice(leg.agent, 'INUSE', 'ED');
    });
  });
}

/** The conversation ends (s02 #140-203). */
function endTalk(call: InboundCall, leg: AgentLeg, bridge: { id: string; channels: number }, talkStart: number, side: 'caller' | 'agent'): void {
  if (call.isOver) return;
  call.finish();
  const { pbx, caller, queue } = call;
  const agentCh = leg.channel;
  caller.rtcpTask?.cancel();
  agentCh.rtcpTask?.cancel();
  for (const [a, b] of [[caller, agentCh], [agentCh, caller]] as const) {
    for (const v of RTP_QOS_VARS) emitAll(pbx, [varSet(a, v, rtpQosValue(v)), varSet(b, `${v}BRIDGED`, rtpQosValue(v))]);
  }
  const now = pbx.now();
  const talkSeconds = Math.round((now - talkStart) / 1000);
  const holdSeconds = Math.round((talkStart - call.joinedAt) / 1000);
  pbx.emit(channelEvent('HangupRequest', 'call,all', side === 'caller' ? caller : agentCh));
  pbx.emit(dialEvent('AgentComplete', 'agent,all', caller, agentCh, [
    ['Queue', queue.name], ['Interface', leg.agent.device], ['MemberName', leg.agent.name],
    ['HoldTime', String(holdSeconds)], ['TalkTime', String(talkSeconds)], ['Reason', side],
  ]));
  queue.talkTimeAvg = (queue.talkTimeAvg * 3 + talkSeconds) / 4;
  emitAll(pbx, [varSet(caller, 'BRIDGEPEER', ''), varSet(caller, 'BRIDGEPVTCALLID', ''), varSet(agentCh, 'BRIDGEPEER', ''), varSet(agentCh, 'BRIDGEPVTCALLID', '')]);
  bridge.channels--;
  pbx.emit(bridgeEvent('BridgeLeave', bridge, caller));
  emitAll(pbx, queueVarSets(caller, queue));
  bridge.channels--;
  pbx.emit(bridgeEvent('BridgeLeave', bridge, agentCh));
  const answeredMs = now - talkStart;
  const dialedMs = now - call.joinedAt;
  emitAll(pbx, [
    varSet(caller, 'ANSWEREDTIME', String(Math.round(answeredMs / 1000))), varSet(caller, 'ANSWEREDTIME_MS', String(answeredMs)),
    varSet(caller, 'DIALEDTIME', String(Math.round(dialedMs / 1000))), varSet(caller, 'DIALEDTIME_MS', String(dialedMs)),
  ]);
  const vars = queueVarSets(caller, queue);
  emitAll(pbx, vars.slice(0, 2));
  pbx.setDevice(leg.agent, 'NOT_INUSE', 'E');
  emitAll(pbx, vars.slice(2, 3));
  pbx.emit(bridgeEvent('BridgeDestroy', bridge));
  emitAll(pbx, vars.slice(3));
  pbx.emit(channelEvent('SoftHangupRequest', 'call,all', caller, [['Cause', '16']]));
  const member = pbx.state.findMember(queue.name, leg.agent.device);
  if (member) member.isInCall = false;
  memberStatusEvents(call, leg);
  pbx.emit(deviceStateChange(leg.agent.device, 'NOT_INUSE'));
  pbx.emit(varSet(agentCh, 'RTPAUDIOQOS', rtpQosValue('RTPAUDIOQOS')));
  dropLeg(call, leg, 16, 'Normal Clearing');
  emitLegCdrs(call, [leg]);
  call.releaseCarrier();
  emitLegCdrs(call, call.legs.filter((l) => l !== leg));
  pbx.emit(hangupEvent(caller, 16, 'Normal Clearing'));
  pushHangup(pbx, caller);
  pbx.endChannel(caller);
  pushCcCdr(call, { cdrState: 'bridged', hangupSide: side, talkSeconds, missCause: '' });
  call.onEnded?.(leg.agent);
}

/** Every ringing member timed out (s03 #76-90), retry after queues.conf `retry`. */
export function ringNoAnswer(call: InboundCall): void {
  const { pbx, caller, queue } = call;
  for (const leg of call.ringing) {
    pbx.emit(dialEvent('AgentRingNoAnswer', 'agent,all', caller, leg.channel, [
      ['Queue', queue.name], ['Interface', leg.agent.device], ['MemberName', leg.agent.name],
      ['RingTime', String(pbx.now() - leg.startedAt)],
    ]));
  }
  for (const leg of call.ringing) {
    leg.dialStatus = 'NOANSWER';
    emitDialEnd(pbx, caller, leg, 'NOANSWER');
  }
  for (const leg of call.ringing) {
    emitDialEnd(pbx, caller, leg, 'CANCEL', false);
    pbx.setDevice(leg.agent, 'NOT_INUSE', 'EDQ');
    dropLeg(call, leg, 16, 'Normal Clearing');
  }
  call.ringing = [];
  call.ringTimer = pbx.clock.after(RETRY_MS, () => call.ringRound());
}

/** The caller hung up while waiting (s03 #125-182). */
export function abandonCall(call: InboundCall): void {
  if (call.isOver) return;
  call.finish();
  const { pbx, caller, queue } = call;
  caller.rtcpTask?.cancel();
  emitAll(pbx, RTP_QOS_VARS.map((v) => varSet(caller, v, rtpQosValue(v))));
  pbx.emit(channelEvent('HangupRequest', 'call,all', caller));
  pbx.emit(channelEvent('MusicOnHoldStop', 'call,all', caller));
  cancelRinging(call);
  const now = pbx.now();
  const waitMs = now - call.joinedAt;
  const waitSeconds = Math.round(waitMs / 1000);
  emitAll(pbx, [
    varSet(caller, 'QUEUEWAIT', String(waitSeconds)), varSet(caller, 'QUEUEWAIT_MS', String(waitSeconds * 1000)),
    varSet(caller, 'DIALEDTIME', String(Math.round(waitMs / 1000))), varSet(caller, 'DIALEDTIME_MS', String(waitMs)),
    varSet(caller, 'ANSWEREDTIME', '0'), varSet(caller, 'ANSWEREDTIME_MS', '0'), varSet(caller, 'ABANDONED', 'TRUE'),
  ]);
  emitAll(pbx, queueVarSets(caller, queue));
  const position = queue.waiting.findIndex((w) => w.channel === caller) + 1;
  pbx.emit(channelEvent('QueueCallerAbandon', 'agent,all', caller, [
    ['Queue', queue.name], ['Position', String(position)], ['OriginalPosition', String(position)], ['HoldTime', String(waitSeconds)],
  ]));
  queue.abandoned++;
  emitAll(pbx, queueVarSets(caller, queue));
  leaveQueue(call, position);
  pbx.emit(channelEvent('SoftHangupRequest', 'call,all', caller, [['Cause', '16']]));
  call.releaseCarrier();
  emitLegCdrs(call, call.legs);
  pbx.emit(hangupEvent(caller, 0, 'Unknown'));
  pushHangup(pbx, caller);
  pbx.endChannel(caller);
  const hasMembers = queue.members.some((m) => m.agent.isRegistered);
  const missCause = missCauseOf({ outcome: 'abandoned', waitSeconds: Math.floor(waitMs / 1000), wasRung: call.legs.length > 0, isAnyMemberLoggedIn: hasMembers });
  pushCcCdr(call, { cdrState: 'queue', hangupSide: 'caller', talkSeconds: 0, missCause });
}
