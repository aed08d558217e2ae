import type { AmiMessage } from '../ami/message';

/** Header names of one channel inside an event: plain (Channel, Uniqueid…) or prefixed (DestChannel…). */
export interface ChannelKeys {
  channel: string;
  uniqueid: string;
  linkedid: string;
  state: string;
  callerNum: string;
  callerName: string;
  exten: string;
  chanVariable: string;
}

function keys(prefix: string): ChannelKeys {
  return {
    channel: `${prefix}channel`,
    uniqueid: `${prefix}uniqueid`,
    linkedid: `${prefix}linkedid`,
    state: `${prefix}channelstate`,
    callerNum: `${prefix}calleridnum`,
    callerName: `${prefix}calleridname`,
    exten: `${prefix}exten`,
    chanVariable: `${prefix}chanvariable`,
  };
}

export const plain = keys('');
export const dest = keys('dest');

/**
 * A channel variable from `ChanVariable: NAME=value` (parsed into a record) or a
 * prefixed `DestChanVariable: NAME=value` (a plain header, an array when repeated).
 */
export function chanVariable(message: AmiMessage, key: string, name: string): string {
  const variables = message[key];
  if (variables === undefined) return '';
  if (typeof variables === 'object' && !Array.isArray(variables)) return variables[name] ?? '';
  const prefix = `${name}=`;
  for (const entry of typeof variables === 'string' ? [variables] : variables) {
    if (entry.startsWith(prefix)) return entry.slice(prefix.length);
  }
  return '';
}
