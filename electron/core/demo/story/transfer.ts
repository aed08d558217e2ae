import type { Agent, Channel } from '../pbx-state';
import { bridgeEvent, channelBlock, channelEvent, dialEvent, hangupEvent, newexten, type BridgeInfo } from '../ami/events';
import type { InboundCall } from './inbound-call';
import type { AgentLeg } from './leg';
import { pushHangup } from './leg';
import { emitLegCdrs, pushCcCdr } from './call-records';

// Transfers of an answered queue call, condensed from s06: (a) blind — AMI
// Redirect of the caller channel (or the vendor `transfer` endpoint): the caller
// leaves the queue bridge, the agent leg is hung up, the caller dials the
// destination; (b) attended — AMI Atxfer on the agent channel: atxfer DTMF,
// the caller on hold, the agent consults the destination, and the agent's
// hang-up completes the transfer (AttendedTransfer Result Success). The real
// Local/804@internal pair is left out: the destination is dialled directly.

const ANSWER_AFTER_MS = 2_000;

export interface TransferContext {
  call: InboundCall;
  leg: AgentLeg;
  bridge: BridgeInfo;
  /** When the conversation would have ended had nobody transferred it. */
  endsAt: number;
}

function newBridgeId(call: InboundCall): string {
  const r = call.pbx.random;
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.hex(4)}-${r.hex(12)}`;
}

function agentComplete(ctx: TransferContext): void {
  const { call, leg } = ctx;
  const { pbx, caller, queue } = call;
  const talkSeconds = Math.round((pbx.now() - (leg.answeredAt ?? pbx.now())) / 1000);
  const holdSeconds = Math.round(((leg.answeredAt ?? pbx.now()) - call.joinedAt) / 1000);
  pbx.emit(dialEvent('AgentComplete', 'agent,all', caller, leg.channel, [
    ['Queue', queue.name], ['Interface', leg.agent.device], ['MemberName', leg.agent.name],
    ['HoldTime', String(holdSeconds)], ['TalkTime', String(talkSeconds)], ['Reason', 'transfer'],
  ]));
}

/** The transferring agent's leg ends; the agent is free (and its wrap-up may start). */
function releaseAgent(ctx: TransferContext): void {
  const { call, leg } = ctx;
  const { pbx } = call;
  const member = pbx.state.findMember(call.queue.name, leg.agent.device);
  if (member) member.isInCall = false;
  leg.endedAt = pbx.now();
  pbx.emit(hangupEvent(leg.channel, 16, 'Normal Clearing'));
  pushHangup(pbx, leg.channel);
  pbx.endChannel(leg.channel);
  leg.agent.isBusy = false;
  pbx.setDevice(leg.agent, 'NOT_INUSE', 'EDQ');
  emitLegCdrs(call, [leg]);
  call.onEnded?.(leg.agent);
}

/** The destination's channel, ringing; undefined when nobody can take it. */
function ringDestination(call: InboundCall, exten: string, from: Channel): { agent: Agent; channel: Channel } | undefined {
  const { pbx, caller } = call;
  const agent = pbx.state.agents.get(exten);
  if (!agent || !agent.isRegistered || agent.isBusy) return undefined;
  const channel = pbx.newChannel({
    device: agent.device, state: 0, callerIdNum: agent.exten, callerIdName: agent.name,
    connectedNum: caller.callerIdNum, connectedName: caller.callerIdName, context: 'internal', exten: '', priority: 1,
    monfile: caller.monfile, queueDid: caller.queueDid, linkedid: caller.linkedid,
  });
  agent.isBusy = true;
  pbx.emit(channelEvent('Newchannel', 'call,all', channel));
  pbx.emit(dialEvent('DialBegin', 'call,all', from, channel, [['DialString', exten]]));
  pbx.setDevice(agent, 'RINGING', 'EDQ');
  return { agent, channel };
}

function answer(call: InboundCall, from: Channel, target: { agent: Agent; channel: Channel }): void {
  const { pbx } = call;
  target.channel.state = 6;
  target.channel.answeredAt = pbx.now();
  pbx.emit(channelEvent('Newstate', 'call,all', target.channel));
  pbx.emit(dialEvent('DialEnd', 'call,all', from, target.channel, [['DialStatus', 'ANSWER']]));
  pbx.setDevice(target.agent, 'INUSE', 'EDQ');
  pbx.startRtcp(target.channel);
}

/** Caller and destination talk in `bridge` until `endsAt`, or until either hangs up. */
function talkWithDestination(call: InboundCall, endsAt: number, target: { agent: Agent; channel: Channel }, bridge: BridgeInfo): void {
  const { pbx, caller } = call;
  caller.peer = target.channel;
  target.channel.peer = caller;
  const startedAt = pbx.now();
  const end = (side: 'caller' | 'agent'): void => {
    if (call.isOver) return;
    call.finish();
    for (const ch of side === 'caller' ? [caller, target.channel] : [target.channel, caller]) {
      bridge.channels--;
      pbx.emit(bridgeEvent('BridgeLeave', bridge, ch));
    }
    pbx.emit(bridgeEvent('BridgeDestroy', bridge));
    for (const ch of [target.channel, caller]) {
      pbx.emit(hangupEvent(ch, 16, 'Normal Clearing'));
      pushHangup(pbx, ch);
      pbx.endChannel(ch);
    }
    target.agent.isBusy = false;
    pbx.setDevice(target.agent, 'NOT_INUSE', 'EDQ');
    call.releaseCarrier();
    pushCcCdr(call, { cdrState: 'bridged', hangupSide: side, talkSeconds: Math.round((pbx.now() - startedAt) / 1000), missCause: '' });
  };
  call.endTalk = end;
  target.channel.onHangupRequest = () => end('agent');
  call.ringTimer = pbx.clock.at(Math.max(endsAt, pbx.now() + 1000), () => end(call.plan.hangupSide));
}

/** Nobody took the transferred caller: it hears the failure and hangs up. */
function dropCaller(call: InboundCall): void {
  const { pbx, caller } = call;
  call.finish();
  pbx.emit(hangupEvent(caller, 17, 'User busy'));
  pushHangup(pbx, caller);
  pbx.endChannel(caller);
  call.releaseCarrier();
  pushCcCdr(call, { cdrState: 'bridged', hangupSide: 'caller', talkSeconds: 0, missCause: '' });
}

/** s06 (a): Redirect of the caller channel to internal,<exten>,1. */
export function blindTransfer(ctx: TransferContext, exten: string): void {
  const { call, leg, bridge } = ctx;
  const { pbx, caller } = call;
  call.ringTimer?.cancel();
  bridge.channels--;
  pbx.emit(bridgeEvent('BridgeLeave', bridge, caller));
  agentComplete(ctx);
  bridge.channels--;
  pbx.emit(bridgeEvent('BridgeLeave', bridge, leg.channel));
  pbx.emit(bridgeEvent('BridgeDestroy', bridge));
  Object.assign(caller, { context: 'internal', exten, priority: 1 });
  pbx.emit(newexten(caller, 'Dial', `SIP/${exten},30`));
  caller.onRedirect = undefined;
  releaseAgent(ctx);
  dialFromCaller(call, exten, ctx.endsAt);
}

/**
 * The caller's channel runs Dial(SIP/<exten>,30) (internal,_80X): the phone rings and
 * answers after ANSWER_AFTER_MS, then both talk until `endsAt`. Nobody to ring: the caller hears the failure.
 */
export function dialFromCaller(call: InboundCall, exten: string, endsAt: number): void {
  const { pbx, caller } = call;
  const target = ringDestination(call, exten, caller);
  if (!target) return void pbx.clock.after(500, () => dropCaller(call));
  // Until the destination answers, a caller hang-up cancels its ringing phone.
  call.endTalk = () => {
    pbx.emit(dialEvent('DialEnd', 'call,all', caller, target.channel, [['DialStatus', 'CANCEL']]));
    pbx.emit(hangupEvent(target.channel, 16, 'Normal Clearing'));
    pbx.endChannel(target.channel);
    target.agent.isBusy = false;
    pbx.setDevice(target.agent, 'NOT_INUSE', 'EDQ');
    dropCaller(call);
  };
  pbx.clock.after(ANSWER_AFTER_MS, () => {
    if (call.isOver) return;
    answer(call, caller, target);
    const next: BridgeInfo = { id: newBridgeId(call), channels: 0 };
    pbx.emit(bridgeEvent('BridgeCreate', next));
    for (const ch of [target.channel, caller]) {
      next.channels++;
      ch.bridgeId = next.id;
      pbx.emit(bridgeEvent('BridgeEnter', next, ch));
    }
    talkWithDestination(call, endsAt, target, next);
  });
}

/** s06 (b): Atxfer on the agent channel; completed when the agent hangs up. */
export function attendedTransfer(ctx: TransferContext, exten: string): void {
  const { call, leg, bridge } = ctx;
  const { pbx, caller } = call;
  const agentCh = leg.channel;
  agentCh.onAtxfer = undefined;
  const dtmf = (digit: string): void => pbx.emit(channelEvent('DTMFEnd', 'dtmf,all', agentCh, [['Digit', digit], ['DurationMs', '100'], ['Direction', 'Received']]));
  dtmf('*');
  dtmf('2');
  pbx.emit(channelEvent('Hold', 'call,all', agentCh));
  pbx.emit(channelEvent('MusicOnHoldStart', 'call,all', caller, [['Class', 'default']]));
  for (const digit of exten) dtmf(digit);
  const target = ringDestination(call, exten, agentCh);
  if (!target) return;
  pbx.clock.after(ANSWER_AFTER_MS, () => {
    if (call.isOver || !pbx.state.channels.has(agentCh.name)) return;
    answer(call, agentCh, target);
    const consult: BridgeInfo = { id: newBridgeId(call), channels: 0 };
    pbx.emit(bridgeEvent('BridgeCreate', consult));
    bridge.channels--;
    pbx.emit(bridgeEvent('BridgeLeave', bridge, agentCh));
    for (const ch of [agentCh, target.channel]) {
      consult.channels++;
      pbx.emit(bridgeEvent('BridgeEnter', consult, ch));
    }
    // The agent hanging up (Hangup action, s06 rig-4) completes the transfer.
    agentCh.onHangupRequest = () => {
      consult.channels--;
      pbx.emit(bridgeEvent('BridgeLeave', consult, agentCh));
      pbx.emit(channelEvent('MusicOnHoldStop', 'call,all', caller));
      pbx.emit([['Event', 'AttendedTransfer'], ['Privilege', 'call,all'], ['Result', 'Success'],
        ...channelBlock(agentCh, 'OrigTransferer'), ['OrigBridgeUniqueid', bridge.id],
        ...channelBlock(agentCh, 'SecondTransferer'), ['SecondBridgeUniqueid', consult.id],
        ['DestType', 'Bridge'], ['DestBridgeUniqueid', bridge.id],
        ...channelBlock(caller, 'Transferee'), ...channelBlock(target.channel, 'TransferTarget'), ['IsExternal', 'no']]);
      call.ringTimer?.cancel();
      agentComplete(ctx);
      releaseAgent(ctx);
      consult.channels--;
      pbx.emit(bridgeEvent('BridgeLeave', consult, target.channel));
      pbx.emit(bridgeEvent('BridgeDestroy', consult));
      bridge.channels++;
      target.channel.bridgeId = bridge.id;
      pbx.emit(bridgeEvent('BridgeEnter', bridge, target.channel));
      talkWithDestination(ctx.call, ctx.endsAt, target, bridge);
    };
  });
}
