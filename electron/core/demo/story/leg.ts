import type { Pbx } from '../pbx';
import type { Agent, Channel } from '../pbx-state';
import { dialEvent } from '../ami/events';
import { formatLocal } from '../../base/time-zone';

/** One agent leg of a queue call: the SIP/800-… channel app_queue dials. */
export interface AgentLeg {
  agent: Agent;
  channel: Channel;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  dialStatus?: 'ANSWER' | 'CANCEL' | 'NOANSWER';
}

/** `1534993059.785012`: the vendor push `timestamp` (Unix seconds, microseconds). */
export function pushTimestamp(at: number): string {
  return (at / 1000).toFixed(6);
}

export function emitDialBegin(pbx: Pbx, caller: Channel, leg: AgentLeg): void {
  pbx.emit(dialEvent('DialBegin', 'call,all', caller, leg.channel, [['DialString', leg.agent.device]]));
  pbx.push({
    event: 'dialbegein', timestamp: pushTimestamp(pbx.now()), channel: caller.name, calleridnum: caller.callerIdNum,
    destchannel: leg.channel.name, destcalleridnum: leg.agent.exten, destuniqueid: leg.channel.uniqueid,
    dialstring: leg.agent.device, uniqueid: caller.uniqueid, mac: pbx.config.mac,
  });
}

export function emitDialEnd(pbx: Pbx, caller: Channel, leg: AgentLeg, status: 'ANSWER' | 'CANCEL' | 'NOANSWER', isPushed = true): void {
  pbx.emit(dialEvent('DialEnd', 'call,all', caller, leg.channel, [['DialStatus', status]]));
  if (!isPushed) return;
  pbx.push({
    event: 'dialend', timestamp: pushTimestamp(pbx.now()), channel: caller.name, calleridnum: caller.callerIdNum,
    destchannel: leg.channel.name, destcalleridnum: leg.agent.exten, uniqueid: caller.uniqueid, dialstatus: status,
  });
}

export function pushHangup(pbx: Pbx, ch: Channel): void {
  pbx.push({
    event: 'hangup', calleridnum: ch.callerIdNum, calleridname: ch.callerIdName,
    connectedlinenum: ch.connectedNum, connectedlinename: ch.connectedName, uniqueid: ch.uniqueid,
  });
}

export function localTime(pbx: Pbx, at: number): string {
  return formatLocal(at, pbx.config.timeZone);
}
