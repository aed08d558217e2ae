import { header, type AmiMessage } from '../ami/message';
import type { ChannelFactsTracker } from './channel-facts';
import { cleanId, field, pushTimestamp } from './wire-format';

/** One vendor push: a flat JSON object whose `event` names it (coocenter-api.md "Pushed events"). */
export type VendorPushBody = Record<string, string | number>;

export interface SimplePushContext {
  mac: string;
  facts: ChannelFactsTracker;
}

/**
 * The five pushes that map one AMI event to one vendor event (seed 主动推送事件):
 * DialBegin → `dialbegein` (sic), DialEnd → `dialend`, Hangup → `hangup`,
 * ExtensionStatus → `extensionstatus`, Cdr (cdr_manager) → `cdr`. `at` is the
 * gateway clock when the event arrived (AMI events carry no time of their own
 * unless manager.conf `timestampevents=yes`; then its Timestamp is used).
 */
export function simplePushOf(message: AmiMessage, at: number, context: SimplePushContext): VendorPushBody | undefined {
  const timestamp = header(message, 'timestamp');
  const when = timestamp && /^\d+(\.\d+)?$/.test(timestamp) ? Number(timestamp) * 1000 : at;
  switch (message.event) {
    case 'DialBegin':
      return {
        event: 'dialbegein', timestamp: pushTimestamp(when), channel: header(message, 'channel'), calleridnum: field(message, 'calleridnum'),
        destchannel: header(message, 'destchannel'), destcalleridnum: field(message, 'destcalleridnum'), destuniqueid: header(message, 'destuniqueid'),
        dialstring: header(message, 'dialstring'), uniqueid: header(message, 'uniqueid'), mac: context.mac,
      };
    case 'DialEnd':
      return {
        event: 'dialend', timestamp: pushTimestamp(when), channel: header(message, 'channel'), calleridnum: field(message, 'calleridnum'),
        destchannel: header(message, 'destchannel'), destcalleridnum: field(message, 'destcalleridnum'), uniqueid: header(message, 'uniqueid'),
        dialstatus: header(message, 'dialstatus'),
      };
    case 'Hangup':
      return {
        event: 'hangup', calleridnum: field(message, 'calleridnum'), calleridname: field(message, 'calleridname'),
        connectedlinenum: field(message, 'connectedlinenum'), connectedlinename: field(message, 'connectedlinename'), uniqueid: header(message, 'uniqueid'),
      };
    case 'ExtensionStatus':
      return { event: 'extensionstatus', exten: header(message, 'exten'), status: header(message, 'status'), statustext: header(message, 'statustext') };
    case 'Cdr':
      return cdrPush(message, context);
    default:
      return undefined;
  }
}

/**
 * cdr_manager's Cdr event → the vendor `cdr`. Times are already local PBX times
 * (s02: `StartTime: 2026-11-24 02:36:48`); `calltype` is inbound when the source
 * channel is a trunk, outbound when the destination is, empty for internal calls
 * (seed 通话日志1); `recordfile` is the MixMonitor file of the source channel.
 */
function cdrPush(message: AmiMessage, context: SimplePushContext): VendorPushBody {
  const uniqueid = header(message, 'uniqueid');
  const source = context.facts.get(uniqueid);
  const destination = header(message, 'destinationchannel');
  const isInbound = source?.isTrunk ?? context.facts.isTrunkChannel(header(message, 'channel'));
  const calltype = isInbound ? 'inbound' : destination !== '' && context.facts.isTrunkChannel(destination) ? 'outbound' : '';
  return {
    event: 'cdr', callerid: cleanId(header(message, 'callerid')), source: header(message, 'source'), destination: header(message, 'destination'),
    starttime: header(message, 'starttime'), answertime: header(message, 'answertime'), endtime: header(message, 'endtime'),
    disposition: header(message, 'disposition'), duration: header(message, 'duration'), billableseconds: header(message, 'billableseconds'),
    calltype, recordfile: source?.recordingFile ?? '', uniqueid,
  };
}
