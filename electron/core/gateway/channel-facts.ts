import { header, varSetName, type AmiMessage } from '../ami/message';
import { defaultDeviceRules, deviceOfChannel, type DeviceRules } from '../live/device-naming';
import { chanVariable, epochOfUniqueid, field } from './wire-format';

/** What the gateway remembers about one live channel, from its Newchannel / VarSet / ChanVariable headers. */
export interface ChannelFacts {
  uniqueid: string;
  linkedid: string;
  channel: string;
  callerIdNum: string;
  callerIdName: string;
  /** True for a carrier channel (SIP/carrier-…): the call came from outside. */
  isTrunk: boolean;
  /** The dialled DID: QUEUE_DID (pbx-conf, `__QUEUE_DID`) or the trunk channel's first Exten. */
  did: string;
  /** Recording file name relative to the monitor folder: `${MONFILE}.wav` or MIXMONITOR_FILENAME's base name. */
  recordingFile: string;
  /** PBX clock: when Asterisk created the channel (Uniqueid seconds), else the gateway clock at first sight. */
  startedAt: number;
  /** Gateway clock when the gateway first saw the channel. */
  firstSeenAt: number;
}

/** Variables the gateway reads from VarSet: keep them through the AMI client's VarSet filter. */
export const gatewayVariables = ['MONFILE', 'MIXMONITOR_FILENAME', 'QUEUE_DID', 'IVR_ID', 'IVR_NAME', 'IVR_DTMF'];

/**
 * Per-uniqueid channel facts, updated from every channel event (they all carry
 * Uniqueid/Linkedid/CallerIDNum). The owner calls `forget` after the channel's
 * Hangup has been handled by everyone.
 */
export class ChannelFactsTracker {
  private readonly channels = new Map<string, ChannelFacts>();

  constructor(private readonly rules: DeviceRules = defaultDeviceRules()) {}

  get(uniqueid: string): ChannelFacts | undefined {
    return this.channels.get(uniqueid);
  }

  isTrunkChannel(channel: string): boolean {
    return this.rules.isTrunkDevice(deviceOfChannel(channel));
  }

  get size(): number {
    return this.channels.size;
  }

  /** Update from one live event; returns the channel's facts when the event names a channel. */
  observe(message: AmiMessage, at: number): ChannelFacts | undefined {
    const uniqueid = header(message, 'uniqueid');
    const channel = header(message, 'channel');
    if (!uniqueid || !channel) return undefined;
    let facts = this.channels.get(uniqueid);
    if (!facts) {
      const isTrunk = this.rules.isTrunkDevice(deviceOfChannel(channel));
      facts = {
        uniqueid, linkedid: header(message, 'linkedid') || uniqueid, channel, callerIdNum: field(message, 'calleridnum'),
        callerIdName: field(message, 'calleridname'), isTrunk, did: isTrunk && message.event === 'Newchannel' ? header(message, 'exten') : '',
        recordingFile: '', startedAt: epochOfUniqueid(uniqueid) ?? at, firstSeenAt: at,
      };
      this.channels.set(uniqueid, facts);
    }
    const callerIdNum = field(message, 'calleridnum');
    if (callerIdNum && !facts.callerIdNum) facts.callerIdNum = callerIdNum;
    const did = chanVariable(message, 'QUEUE_DID');
    if (did) facts.did = did;
    const monfile = chanVariable(message, 'MONFILE');
    if (monfile && !facts.recordingFile) facts.recordingFile = `${monfile}.wav`;
    if (message.event === 'VarSet') this.observeVarSet(facts, message);
    return facts;
  }

  private observeVarSet(facts: ChannelFacts, message: AmiMessage): void {
    const name = varSetName(message).replace(/^_+/, '').toUpperCase();
    const value = header(message, 'value');
    if (!value) return;
    if (name === 'QUEUE_DID') facts.did = value;
    else if (name === 'MONFILE') facts.recordingFile = `${value}.wav`;
    // MixMonitor's own variable has the full path (/var/spool/asterisk/monitor/…): keep the part under the monitor folder.
    else if (name === 'MIXMONITOR_FILENAME') {
      const monitorPrefix = '/var/spool/asterisk/monitor/';
      facts.recordingFile = value.startsWith(monitorPrefix) ? value.slice(monitorPrefix.length) : value.replace(/^.*\//, '');
    }
  }

  forget(uniqueid: string): void {
    this.channels.delete(uniqueid);
  }
}
