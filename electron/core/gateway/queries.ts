import { header, type AmiMessage } from '../ami/message';
import type { AmiActionFields, AmiListResult } from '../ami/session';

// The four read-only endpoints (coocenter-api.md table #1–#4), each one AMI list
// action answered in the vendor's shapes and words. Asterisk's own list headers
// are kept where the vendor kept them (channelstate "6", Status "OK (45 ms)").

export interface AmiListPort {
  listAction(fields: AmiActionFields): Promise<AmiListResult>;
}

export type QueryAnswer<T> = { ok: true; message: string; data: T } | { ok: false; message: string };

function isError(result: AmiListResult): boolean {
  return header(result.response, 'response').toLowerCase() === 'error';
}

function refused<T>(result: AmiListResult): QueryAnswer<T> {
  return { ok: false, message: header(result.response, 'message') || 'Asterisk answered Error' };
}

const items = (result: AmiListResult, event: string): AmiMessage[] => result.items.filter((item) => item.event === event);

export interface CurrentCallItem {
  calleridname: string;
  calleridnum: string;
  channel: string;
  channelstate: string;
  channelstatedesc: string;
  connectedlinename: string;
  connectedlinenum: string;
  duration: string;
}

/** #1 current-calls: CoreShowChannels → CoreShowChannel items (s01), Duration "00:02:58" as Asterisk formats it. */
export async function currentCalls(ami: AmiListPort): Promise<QueryAnswer<CurrentCallItem[]>> {
  const result = await ami.listAction({ Action: 'CoreShowChannels' });
  if (isError(result)) return refused(result);
  const data = items(result, 'CoreShowChannel').map((item) => ({
    calleridname: header(item, 'calleridname'), calleridnum: header(item, 'calleridnum'), channel: header(item, 'channel'),
    channelstate: header(item, 'channelstate'), channelstatedesc: header(item, 'channelstatedesc'),
    connectedlinename: header(item, 'connectedlinename'), connectedlinenum: header(item, 'connectedlinenum'), duration: header(item, 'duration'),
  }));
  return { ok: true, message: 'Channels will follow', data };
}

export interface PeerItem {
  Exten: string;
  Type: string;
  IPAddr: string;
  Status: string;
}

/**
 * #2 extension-status: SIPpeers (PeerEntry: ObjectName, IPaddress, Status), or on
 * an Asterisk without chan_sip PJSIPShowEndpoints (EndpointList: ObjectName,
 * DeviceState), with Type "PJSIP" so a client can tell.
 */
export async function extensionStatus(ami: AmiListPort): Promise<QueryAnswer<PeerItem[]>> {
  const sip = await ami.listAction({ Action: 'SIPpeers' });
  if (!isError(sip)) {
    const data = items(sip, 'PeerEntry').map((item) => {
      const address = header(item, 'ipaddress');
      return {
        Exten: header(item, 'objectname'), Type: header(item, 'channeltype') || 'SIP',
        IPAddr: address === '' || address === '(null)' ? '-none-' : address, Status: header(item, 'status') || 'UNKNOWN',
      };
    });
    return { ok: true, message: 'Peer status list will follow', data };
  }
  const pjsip = await ami.listAction({ Action: 'PJSIPShowEndpoints' });
  if (isError(pjsip)) return refused(pjsip);
  const data = items(pjsip, 'EndpointList').map((item) => {
    const state = header(item, 'devicestate');
    const isOffline = /unavailable|invalid|unknown/i.test(state);
    return { Exten: header(item, 'objectname'), Type: 'PJSIP', IPAddr: '-none-', Status: isOffline ? 'UNKNOWN' : 'OK' };
  });
  return { ok: true, message: 'Peer status list will follow', data };
}

export interface HintItem {
  agentName: string;
  extension: string;
  extenType: string;
  status: string;
}

/** #3 extension-hints-status: ExtensionStateList (items named ExtensionStatus, s01) → a bare array. */
export async function extensionHints(ami: AmiListPort): Promise<QueryAnswer<HintItem[]>> {
  const result = await ami.listAction({ Action: 'ExtensionStateList' });
  if (isError(result)) return refused(result);
  const data = items(result, 'ExtensionStatus').map((item) => {
    const extension = header(item, 'exten');
    // The vendor box answers agentName = the extension and extenType analogCallCenter (seed sample); CRMs key on both.
    return { agentName: extension, extension, extenType: 'analogCallCenter', status: header(item, 'status') };
  });
  return { ok: true, message: '', data };
}

export interface QueueMemberItem {
  name: string;
  paused: string;
  penalty: string;
}

/** #4 queue-info: QueueStatus → {queue: [{name "sip/876", paused "0"|"1", penalty}]}, every queue (QueueParams) even when empty. */
export async function queueInfo(ami: AmiListPort): Promise<QueryAnswer<Record<string, QueueMemberItem[]>>> {
  const result = await ami.listAction({ Action: 'QueueStatus' });
  if (isError(result)) return refused(result);
  const data: Record<string, QueueMemberItem[]> = {};
  for (const params of items(result, 'QueueParams')) data[header(params, 'queue')] ??= [];
  for (const member of items(result, 'QueueMember')) {
    const queue = header(member, 'queue');
    // The vendor box lower-cases the interface ("sip/876"); Location is the member interface (Asterisk 13+; older: Interface).
    const name = (header(member, 'location') || header(member, 'interface') || header(member, 'stateinterface')).toLowerCase();
    (data[queue] ??= []).push({ name, paused: header(member, 'paused') === '1' ? '1' : '0', penalty: header(member, 'penalty') || '0' });
  }
  return { ok: true, message: 'Queue status will follow', data };
}

