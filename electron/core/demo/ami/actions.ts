import { header } from '../../ami/message';
import type { AmiMessage } from '../../ami/message';
import type { Pbx } from '../pbx';
import type { AmiHeaders } from './wire';
import { response } from './wire';
import {
  channelStatus, coreShowChannels, dbGet, dbGetTree, extensionStateList, pjsipEndpoints, queueStatus, queueSummary, sipPeers,
} from './list-actions';
import { addMember, pauseMember, removeMember } from '../story/members';
import type { MemberResult } from '../story/members';
import { placeInternalCall } from '../story/internal-call';
import { commandOutput } from './commands';
import { channelEvent, varSet } from './events';

function memberReply(actionId: string | undefined, result: MemberResult): AmiHeaders[] {
  return [response(actionId, result.isOk ? 'Success' : 'Error', result.message)];
}

function isTrue(value: string): boolean {
  return /^(1|true|yes|on)$/i.test(value);
}

/** The manager actions Callboard uses, answered with the texts recorded in s01–s08. */
export function handleAction(pbx: Pbx, action: string, message: AmiMessage): AmiHeaders[] {
  const id = message.actionid;
  const h = (name: string): string => header(message, name);
  switch (action) {
    case 'ping':
      return [response(id, 'Success', undefined, [['Ping', 'Pong'], ['Timestamp', (pbx.now() / 1000).toFixed(6)]])];
    case 'corestatus':
      return [response(id, 'Success', undefined, [['CoreStartupDate', '2026-11-24'], ['CoreStartupTime', '02:35:48'],
        ['CoreReloadDate', '2026-11-24'], ['CoreReloadTime', '02:35:48'], ['CoreCurrentCalls', String(pbx.state.channels.size)],
        ['CoreProcessedCalls', String(pbx.state.processedCalls)]])];
    case 'coreshowchannels': return coreShowChannels(pbx, id);
    case 'status': return channelStatus(pbx, id);
    case 'extensionstatelist': return extensionStateList(pbx, id);
    case 'sippeers': return sipPeers(pbx, id);
    case 'pjsipshowendpoints': return pjsipEndpoints(pbx, id);
    case 'queuestatus': return queueStatus(pbx, id, h('queue'));
    case 'queuesummary': return queueSummary(pbx, id, h('queue'));
    case 'queuepause': return memberReply(id, pauseMember(pbx, h('interface'), h('queue'), isTrue(h('paused')), h('reason')));
    case 'queueadd': return memberReply(id, addMember(pbx, h('queue'), h('interface'), Number(h('penalty') || 0), h('membername')));
    case 'queueremove': return memberReply(id, removeMember(pbx, h('queue'), h('interface')));
    case 'dbget': return dbGet(pbx, id, h('family'), h('key'));
    case 'dbgettree': return dbGetTree(pbx, id, h('family'), h('key'));
    case 'dbput':
      pbx.state.astdb.set(`/${h('family')}/${h('key')}`, h('val'));
      return [response(id, 'Success', 'Updated database successfully')];
    case 'dbdel':
      return pbx.state.astdb.delete(`/${h('family')}/${h('key')}`)
        ? [response(id, 'Success', 'Key deleted successfully')]
        : [response(id, 'Error', 'Database entry could not be deleted')];
    case 'command':
      return [response(id, 'Success', 'Command output follows', commandOutput(pbx, h('command')).map((line): [string, string] => ['Output', line]))];
    case 'originate': return originate(pbx, id, h, message);
    case 'hangup': {
      const ch = pbx.state.channels.get(h('channel'));
      if (!ch) return [response(id, 'Error', 'No such channel')];
      ch.onHangupRequest?.();
      return [response(id, 'Success', 'Channel Hungup')];
    }
    case 'redirect': {
      const ch = pbx.state.channels.get(h('channel'));
      if (!ch) return [response(id, 'Error', 'Channel specified does not exist')];
      // The answer comes first; the call moves right after it (s06 rig-2).
      if (ch.onRedirect) {
        const move = ch.onRedirect;
        pbx.clock.after(0, () => move(h('exten')));
      }
      return [response(id, 'Success', 'Redirect successful')];
    }
    case 'playdtmf': {
      const ch = pbx.state.channels.get(h('channel'));
      if (!ch) return [response(id, 'Error', 'Channel not found')];
      const digit = h('digit');
      if (!digit) return [response(id, 'Error', 'No digit specified')];
      if (isTrue(h('receive'))) {
        pbx.emit(channelEvent('DTMFBegin', 'dtmf,all', ch, [['Digit', digit], ['Direction', 'Received']]));
        pbx.emit(channelEvent('DTMFEnd', 'dtmf,all', ch, [['Digit', digit], ['DurationMs', '250'], ['Direction', 'Received']]));
        ch.onDtmfReceived?.(digit);
      }
      return [response(id, 'Success', 'DTMF successfully queued')];
    }
    case 'setvar': {
      const ch = pbx.state.channels.get(h('channel'));
      if (!ch) return [response(id, 'Error', 'Channel not found')];
      // The frame parser reads every `Variable:` header as Originate's name=value pairs.
      const variable = typeof message.variable === 'object' && !Array.isArray(message.variable) ? Object.keys(message.variable)[0] ?? '' : h('variable');
      if (!variable) return [response(id, 'Error', 'No variable specified')];
      pbx.emit(varSet(ch, variable, h('value')));
      return [response(id, 'Success', 'Variable Set')];
    }
    case 'atxfer': {
      const ch = pbx.state.channels.get(h('channel'));
      if (!ch) return [response(id, 'Error', 'Channel specified does not exist')];
      if (ch.onAtxfer) {
        const consult = ch.onAtxfer;
        pbx.clock.after(0, () => consult(h('exten')));
      }
      return [response(id, 'Success', 'Atxfer successfully queued')];
    }
    default:
      return [response(id, 'Error', `Invalid/unknown command: ${h('action')}. Use Action: ListCommands to show available commands.`)];
  }
}

/** `Channel: SIP/800` + `Exten`, or `Application: ChanSpy` + `Data: SIP/806,q` (s05, s07). */
function originate(pbx: Pbx, id: string | undefined, h: (name: string) => string, message: AmiMessage): AmiHeaders[] {
  const from = pbx.state.agentByInterface(h('channel'));
  const isSpy = /^chanspy$/i.test(h('application'));
  const to = isSpy ? h('data').split(',')[0]?.replace(/^sip\//i, '') ?? '' : h('exten');
  const replies = [response(id, 'Success', 'Originate successfully queued')];
  if (!from || !from.isRegistered || from.isBusy) {
    pbx.clock.after(1000, () => pbx.emit([['Event', 'OriginateResponse'], ['Privilege', 'call,all'], ...(id === undefined ? [] : [['ActionID', id] as [string, string]]),
      ['Response', 'Failure'], ['Channel', h('channel')], ['Context', h('context') || 'internal'], ['Exten', to], ['Reason', '1'],
      ['Uniqueid', '<null>'], ['CallerIDNum', '<unknown>'], ['CallerIDName', '<unknown>']]));
    return replies;
  }
  const spyOptions = isSpy ? h('data').split(',')[1] : undefined;
  const variables = typeof message.variable === 'object' && !Array.isArray(message.variable) ? message.variable : undefined;
  placeInternalCall(pbx, {
    from, to, isSpy, talkMs: 30_000, ...(spyOptions ? { spyOptions } : {}), ...(id === undefined ? {} : { originateActionId: id }), ...(variables ? { variables } : {}),
  });
  return replies;
}
