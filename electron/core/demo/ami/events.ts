import type { AmiHeaders } from './wire';
import { CHANNEL_STATE_DESC, EXTENSION_STATUS, MEMBER_STATUS } from '../pbx-state';
import type { Agent, Channel, DeviceState, QueueMember } from '../pbx-state';
import { unixSeconds } from '../pbx-time';

/**
 * Builders for Asterisk 20 events, header for header as in fixtures/ami/*.ami.
 * Every channel event carries the same channel block; Dial/Agent events add a
 * `Dest`-prefixed copy of the other channel (s02: AgentCalled, DialBegin...).
 */
export function channelBlock(ch: Channel, prefix = ''): AmiHeaders {
  return [
    [`${prefix}Channel`, ch.name],
    [`${prefix}ChannelState`, String(ch.state)],
    [`${prefix}ChannelStateDesc`, CHANNEL_STATE_DESC[ch.state] ?? 'Unknown'],
    [`${prefix}CallerIDNum`, ch.callerIdNum],
    [`${prefix}CallerIDName`, ch.callerIdName],
    [`${prefix}ConnectedLineNum`, ch.connectedNum],
    [`${prefix}ConnectedLineName`, ch.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.uniqueid],
    [`${prefix}Linkedid`, ch.linkedid],
    [`${prefix}ChanVariable`, `MONFILE=${ch.monfile}`],
    [`${prefix}ChanVariable`, `QUEUE_DID=${ch.queueDid}`],
  ];
}

export function channelEvent(name: string, privilege: string, ch: Channel, extra: AmiHeaders = []): AmiHeaders {
  return [['Event', name], ['Privilege', privilege], ...channelBlock(ch), ...extra];
}

export function dialEvent(name: string, privilege: string, caller: Channel, dest: Channel, extra: AmiHeaders = []): AmiHeaders {
  return [['Event', name], ['Privilege', privilege], ...channelBlock(caller), ...channelBlock(dest, 'Dest'), ...extra];
}

export function varSet(ch: Channel, variable: string, value: string): AmiHeaders {
  return channelEvent('VarSet', 'dialplan,all', ch, [['Variable', variable], ['Value', value]]);
}

export function newexten(ch: Channel, application: string, appData: string): AmiHeaders {
  ch.application = application;
  ch.appData = appData;
  return channelEvent('Newexten', 'dialplan,all', ch, [['Extension', ch.exten], ['Application', application], ['AppData', appData]]);
}

export function deviceStateChange(device: string, state: DeviceState): AmiHeaders {
  return [['Event', 'DeviceStateChange'], ['Privilege', 'call,all'], ['Device', device], ['State', state]];
}

export function extensionStatus(agent: Agent, state: DeviceState, actionId?: string): AmiHeaders {
  const { code, text } = EXTENSION_STATUS[state];
  const head: AmiHeaders = actionId === undefined
    ? [['Event', 'ExtensionStatus'], ['Privilege', 'call,all']]
    : [['Event', 'ExtensionStatus'], ['ActionID', actionId]];
  return [...head, ['Exten', agent.exten], ['Context', 'internal'], ['Hint', agent.device], ['Status', String(code)], ['StatusText', text]];
}

/** QueueMemberStatus / QueueMemberPause / QueueMemberAdded / ...: one shared body (s04). */
export function memberEvent(name: string, member: QueueMember): AmiHeaders {
  return [
    ['Event', name], ['Privilege', 'agent,all'],
    ['Queue', member.queue], ['MemberName', member.agent.name], ['Interface', member.agent.device],
    ['StateInterface', member.agent.device], ['Membership', member.membership], ['Penalty', String(member.penalty)],
    ['CallsTaken', String(member.callsTaken)], ['LastCall', String(member.lastCall)],
    ['LastPause', String(member.lastPause)], ['LoginTime', String(member.loginTime)],
    ['InCall', member.isInCall ? '1' : '0'], ['Status', String(MEMBER_STATUS[member.agent.deviceState])],
    ['Paused', member.isPaused ? '1' : '0'], ['PausedReason', member.pausedReason],
    ['Ringinuse', '0'], ['Wrapuptime', '0'],
  ];
}

export function hangupEvent(ch: Channel, cause: number, causeText: string): AmiHeaders {
  return channelEvent('Hangup', 'call,all', ch, [['Cause', String(cause)], ['Cause-txt', causeText]]);
}

export interface BridgeInfo {
  id: string;
  channels: number;
}

export function bridgeHeaders(bridge: BridgeInfo): AmiHeaders {
  return [
    ['BridgeUniqueid', bridge.id], ['BridgeType', 'basic'], ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'], ['BridgeName', '<unknown>'], ['BridgeNumChannels', String(bridge.channels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

export function bridgeEvent(name: string, bridge: BridgeInfo, ch?: Channel): AmiHeaders {
  const head: AmiHeaders = [['Event', name], ['Privilege', 'call,all'], ...bridgeHeaders(bridge)];
  return ch ? head.concat(channelBlock(ch)) : head;
}

/** RTCPSent every 5 s on an answered SIP channel (s01, s02, s03). */
export function rtcpSent(ch: Channel, at: number, packets: number): AmiHeaders {
  return channelEvent('RTCPSent', 'reporting,all', ch, [
    ['To', '127.0.0.1:19001'], ['From', '127.0.0.1:10763'], ['MES', '88.1'], ['SSRC', '0x20b8dcd0'],
    ['PT', '200(SR)'], ['ReportCount', '1'], ['SentNTP', (at / 1000).toFixed(6)], ['SentRTP', String(packets * 160)],
    ['SentPackets', String(packets)], ['SentOctets', String(packets * 160)], ['Report0SourceSSRC', '0xca110000'],
    ['Report0FractionLost', '0'], ['Report0CumulativeLost', '0'], ['Report0HighestSequence', String(packets)],
    ['Report0SequenceNumberCycles', '0'], ['Report0IAJitter', '3'], ['Report0LSR', '0'], ['Report0DLSR', '0.0000'],
  ]);
}

export interface CdrFields {
  source: string;
  callerName: string;
  destination: string;
  destinationContext: string;
  channel: string;
  destinationChannel: string;
  lastApplication: string;
  lastData: string;
  start: string;
  answer: string;
  end: string;
  duration: number;
  billable: number;
  disposition: 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED';
  uniqueid: string;
}

export function cdrEvent(cdr: CdrFields): AmiHeaders {
  return [
    ['Event', 'Cdr'], ['Privilege', 'cdr,all'], ['AccountCode', ''], ['Source', cdr.source],
    ['Destination', cdr.destination], ['DestinationContext', cdr.destinationContext],
    ['CallerID', `"${cdr.callerName}" <${cdr.source}>`], ['Channel', cdr.channel],
    ['DestinationChannel', cdr.destinationChannel], ['LastApplication', cdr.lastApplication],
    ['LastData', cdr.lastData], ['StartTime', cdr.start], ['AnswerTime', cdr.answer], ['EndTime', cdr.end],
    ['Duration', String(cdr.duration)], ['BillableSeconds', String(cdr.billable)], ['Disposition', cdr.disposition],
    ['AMAFlags', 'DOCUMENTATION'], ['UniqueID', cdr.uniqueid], ['UserField', ''],
  ];
}

export function secondsSince(from: number, to: number): string {
  return String(Math.round((to - from) / 1000));
}

export { unixSeconds };
