import { header, type AmiMessage } from '../ami/message';

// Field formats of the vendor pushes (coocenter-api.md "Pushed events", seed
// 主动推送事件): local PBX times `YYYY-MM-DD HH:mm:ss` without a zone, and
// `timestamp` as Unix seconds with a fraction (`1534993059.785012`).

/** dialbegein/dialend `timestamp`: Unix seconds with six decimals, as the vendor box sends. */
export function pushTimestamp(at: number): string {
  return (at / 1000).toFixed(6);
}

/**
 * When Asterisk created a channel: its Uniqueid is `<Unix seconds>.<sequence>`
 * (s02: `1795487808.7` for a Cdr StartTime of 02:36:48 UTC). In ms, or undefined.
 */
export function epochOfUniqueid(uniqueid: string): number | undefined {
  const match = /^(\d{9,11})\.\d+$/.exec(uniqueid.trim());
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Asterisk writes `<unknown>` for an unset caller id / connected line; the vendor pushes ''. */
export function cleanId(value: string): string {
  return value === '<unknown>' || value === '<null>' ? '' : value;
}

/** A header with `<unknown>` cleaned. */
export function field(message: AmiMessage, name: string): string {
  return cleanId(header(message, name));
}

/** A ChanVariable carried on channel events (manager.conf `channelvars`, e.g. MONFILE, QUEUE_DID). */
export function chanVariable(message: AmiMessage, name: string): string | undefined {
  const vars = message.chanvariable;
  if (!vars || typeof vars !== 'object') return undefined;
  for (const key of Object.keys(vars)) if (key.replace(/^_+/, '').toUpperCase() === name) return vars[key];
  return undefined;
}

/** Seconds from ms, rounded like the vendor's integer seconds. */
export function wholeSeconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}

/** Q.850 cause names as Asterisk's HANGUPCAUSE text (causes.h), for cc_cdr `hangupCause`. */
const causeNames: Record<string, string> = {
  '1': 'UNALLOCATED', '3': 'NO_ROUTE_DESTINATION', '16': 'NORMAL_CLEARING', '17': 'USER_BUSY', '18': 'NO_USER_RESPONSE',
  '19': 'NO_ANSWER', '20': 'SUBSCRIBER_ABSENT', '21': 'CALL_REJECTED', '26': 'ANSWERED_ELSEWHERE', '27': 'DESTINATION_OUT_OF_ORDER',
  '28': 'INVALID_NUMBER_FORMAT', '31': 'NORMAL_UNSPECIFIED', '34': 'NORMAL_CIRCUIT_CONGESTION', '38': 'NETWORK_OUT_OF_ORDER',
  '41': 'NORMAL_TEMPORARY_FAILURE', '42': 'SWITCH_CONGESTION', '127': 'INTERWORKING',
};

export function hangupCauseName(cause: string): string {
  return causeNames[cause.trim()] ?? (cause.trim() === '' || cause.trim() === '0' ? 'NOT_DEFINED' : `CAUSE_${cause.trim()}`);
}
