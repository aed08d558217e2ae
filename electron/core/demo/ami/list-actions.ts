import type { Pbx } from '../pbx';
import { EXTENSION_STATUS, MEMBER_STATUS } from '../pbx-state';
import type { AmiHeaders } from './wire';
import { response } from './wire';
import { channelBlock } from './events';

/** Asterisk's list shape: Success + EventList: start, the items, then `<Name>Complete` (s01). */
export function listReply(actionId: string | undefined, message: string, items: AmiHeaders[], completeEvent: string, extra: AmiHeaders = []): AmiHeaders[] {
  const tag: AmiHeaders = actionId === undefined ? [] : [['ActionID', actionId]];
  const head: AmiHeaders = [['Response', 'Success'], ...tag, ['EventList', 'start'], ['Message', message]];
  const complete: AmiHeaders = [['Event', completeEvent], ...tag, ['EventList', 'Complete'], ['ListItems', String(items.length)], ...extra];
  return [head, ...items, complete];
}

function hms(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function withId(actionId: string | undefined): AmiHeaders {
  return actionId === undefined ? [] : [['ActionID', actionId]];
}

export function coreShowChannels(pbx: Pbx, actionId?: string): AmiHeaders[] {
  const items = [...pbx.state.channels.values()].map((ch): AmiHeaders => [
    ['Event', 'CoreShowChannel'], ...withId(actionId), ...channelBlock(ch),
    ['Application', ch.application], ['ApplicationData', ch.appData],
    ['Duration', hms(pbx.now() - ch.createdAt)], ['BridgeId', ch.bridgeId ?? ''],
  ]);
  return listReply(actionId, 'Channels will follow', items, 'CoreShowChannelsComplete');
}

export function channelStatus(pbx: Pbx, actionId?: string): AmiHeaders[] {
  const items = [...pbx.state.channels.values()].map((ch): AmiHeaders => [
    ['Event', 'Status'], ['Privilege', 'Call'], ...channelBlock(ch), ['Type', 'SIP'], ['DNID', ''],
    ['EffectiveConnectedLineNum', ch.connectedNum], ['EffectiveConnectedLineName', ch.connectedName],
    ['TimeToHangup', '0'], ['BridgeID', ch.bridgeId ?? ''], ['Application', ch.application], ['Data', ch.appData],
    ['Nativeformats', '(ulaw)'], ['Readformat', 'ulaw'], ['Readtrans', ''], ['Writeformat', 'ulaw'], ['Writetrans', ''],
    ['Callgroup', '0'], ['Pickupgroup', '0'], ['Seconds', String(Math.floor((pbx.now() - ch.createdAt) / 1000))],
    ...withId(actionId),
  ]);
  return listReply(actionId, 'Channel status will follow', items, 'StatusComplete', [['Items', String(items.length)]]);
}

export function extensionStateList(pbx: Pbx, actionId?: string): AmiHeaders[] {
  const items = [...pbx.state.agents.values()].map((agent): AmiHeaders => {
    const { code, text } = EXTENSION_STATUS[agent.deviceState];
    return [['Event', 'ExtensionStatus'], ...withId(actionId), ['Exten', agent.exten], ['Context', 'internal'],
      ['Hint', agent.device], ['Status', String(code)], ['StatusText', text]];
  });
  return listReply(actionId, 'Extension Statuses will follow', items, 'ExtensionStateListComplete');
}

export function sipPeers(pbx: Pbx, actionId?: string): AmiHeaders[] {
  const items = [...pbx.state.agents.values()].map((agent): AmiHeaders => [
    ['Event', 'PeerEntry'], ...withId(actionId), ['Channeltype', 'SIP'], ['ObjectName', agent.exten],
    ['ChanObjectType', 'peer'], ['IPaddress', agent.isRegistered ? agent.ip : '-none-'], ['IPport', agent.isRegistered ? String(agent.port) : '0'],
    ['Dynamic', 'yes'], ['AutoForcerport', 'no'], ['Forcerport', 'no'], ['AutoComedia', 'no'], ['Comedia', 'no'],
    ['VideoSupport', 'no'], ['TextSupport', 'no'], ['ACL', 'no'], ['Status', agent.isRegistered ? 'OK (1 ms)' : 'UNKNOWN'],
    ['RealtimeDevice', 'no'], ['Description', ''], ['Accountcode', ''],
  ]);
  return listReply(actionId, 'Peer status list will follow', items, 'PeerlistComplete');
}

/** res_pjsip's listing (the demo's peers exposed as PJSIP endpoints too). */
export function pjsipEndpoints(pbx: Pbx, actionId?: string): AmiHeaders[] {
  const items = [...pbx.state.agents.values()].map((agent): AmiHeaders => [
    ['Event', 'EndpointList'], ...withId(actionId), ['ObjectType', 'endpoint'], ['ObjectName', agent.exten],
    ['Transport', ''], ['Aor', agent.exten], ['Auths', agent.exten], ['OutboundAuths', ''],
    ['Contacts', agent.isRegistered ? `${agent.exten}/sip:${agent.exten}@${agent.ip}:${agent.port},` : ''],
    ['DeviceState', agent.isRegistered ? (agent.deviceState === 'NOT_INUSE' ? 'Not in use' : 'In use') : 'Unavailable'],
    ['ActiveChannels', ''],
  ]);
  return listReply(actionId, 'A listing of Endpoints follows, presence/status info only', items, 'EndpointListComplete');
}

export function queueSummary(pbx: Pbx, actionId: string | undefined, only: string): AmiHeaders[] {
  const items: AmiHeaders[] = [];
  for (const queue of pbx.state.queues.values()) {
    if (only && queue.name !== only) continue;
    const loggedIn = queue.members.filter((m) => m.agent.isRegistered);
    const available = loggedIn.filter((m) => !m.isPaused && m.agent.deviceState === 'NOT_INUSE');
    const longest = queue.waiting[0] ? Math.floor((pbx.now() - queue.waiting[0].joinedAt) / 1000) : 0;
    items.push([['Event', 'QueueSummary'], ['Queue', queue.name], ['LoggedIn', String(loggedIn.length)],
      ['Available', String(available.length)], ['Callers', String(queue.waiting.length)],
      ['HoldTime', String(Math.round(queue.holdTimeAvg))], ['TalkTime', String(Math.round(queue.talkTimeAvg))],
      ['LongestHoldTime', String(longest)], ...withId(actionId)]);
  }
  return listReply(actionId, 'Queue summary will follow', items, 'QueueSummaryComplete');
}

export function queueStatus(pbx: Pbx, actionId: string | undefined, only: string): AmiHeaders[] {
  const items: AmiHeaders[] = [];
  for (const queue of pbx.state.queues.values()) {
    if (only && queue.name !== only) continue;
    const done = queue.completed + queue.abandoned;
    const perf = done === 0 ? '0.0' : ((100 * queue.serviceLevelCalls) / done).toFixed(1);
    items.push([['Event', 'QueueParams'], ['Queue', queue.name], ['Max', '0'], ['Strategy', queue.strategy],
      ['Calls', String(queue.waiting.length)], ['Holdtime', String(Math.round(queue.holdTimeAvg))],
      ['TalkTime', String(Math.round(queue.talkTimeAvg))], ['Completed', String(queue.completed)],
      ['Abandoned', String(queue.abandoned)], ['ServiceLevel', '60'], ['ServicelevelPerf', perf],
      ['ServicelevelPerf2', perf], ['Weight', '0'], ...withId(actionId)]);
    for (const m of queue.members) {
      items.push([['Event', 'QueueMember'], ['Queue', queue.name], ['Name', m.agent.name], ['Location', m.agent.device],
        ['StateInterface', m.agent.device], ['Membership', m.membership], ['Penalty', String(m.penalty)],
        ['CallsTaken', String(m.callsTaken)], ['LastCall', String(m.lastCall)], ['LastPause', String(m.lastPause)],
        ['LoginTime', String(m.loginTime)], ['InCall', m.isInCall ? '1' : '0'], ['Status', String(MEMBER_STATUS[m.agent.deviceState])],
        ['Paused', m.isPaused ? '1' : '0'], ['PausedReason', m.pausedReason], ['Wrapuptime', '0'], ...withId(actionId)]);
    }
    queue.waiting.forEach((w, index) => {
      items.push([['Event', 'QueueEntry'], ['Queue', queue.name], ['Position', String(index + 1)], ['Channel', w.channel.name],
        ['Uniqueid', w.channel.uniqueid], ['CallerIDNum', w.channel.callerIdNum], ['CallerIDName', w.channel.callerIdName],
        ['ConnectedLineNum', w.channel.connectedNum], ['ConnectedLineName', w.channel.connectedName],
        ['Wait', String(Math.floor((pbx.now() - w.joinedAt) / 1000))], ['Priority', '0'], ...withId(actionId)]);
    });
  }
  return listReply(actionId, 'Queue status will follow', items, 'QueueStatusComplete');
}

export function dbGetTree(pbx: Pbx, actionId: string | undefined, family: string, key: string): AmiHeaders[] {
  const prefix = `/${family}${key ? `/${key}` : ''}`;
  const items: AmiHeaders[] = [];
  for (const [k, v] of pbx.state.astdb) {
    if (k === prefix || k.startsWith(`${prefix}/`)) items.push([['Event', 'DBGetTreeResponse'], ['Key', k], ['Val', v], ...withId(actionId)]);
  }
  if (items.length === 0) return [response(actionId, 'Error', 'Database entry not found')];
  return listReply(actionId, 'Result will follow', items, 'DBGetTreeComplete');
}

export function dbGet(pbx: Pbx, actionId: string | undefined, family: string, key: string): AmiHeaders[] {
  const value = pbx.state.astdb.get(`/${family}/${key}`);
  if (value === undefined) return [response(actionId, 'Error', 'Database entry not found')];
  return listReply(actionId, 'Result will follow', [[['Event', 'DBGetResponse'], ['Family', family], ['Key', key], ['Val', value], ...withId(actionId)]], 'DBGetComplete');
}
