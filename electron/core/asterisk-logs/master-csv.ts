import { parseLocalTime } from '../base/time-zone';
import type { CallRecord, SessionKind } from '../contract';
import { defaultDeviceRules, deviceOfChannel, extensionOfDevice, type DeviceRules } from '../live/device-naming';

// Asterisk's cdr_csv Master.csv: one row per leg (the caller's channel to each destination
// it dialled), all legs of a call under the caller's uniqueid. Columns in cdr_csv's order,
// with newcdrcolumns=yes adding peeraccount, linkedid, sequence. Times are the PBX's local
// time. Queue figures come from queue_log: a queue leg's `answer` is the IVR's (README of
// test/fixtures/truth), so Master.csv gives each call's parties, span and disposition.

export const masterCsvColumns = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end',
  'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield', 'peeraccount', 'linkedid', 'sequence',
] as const;

export interface CdrLeg {
  uniqueid: string;
  src: string;
  dst: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  start: number;
  answer?: number;
  end: number;
  billsec: number;
  disposition: string;
}

/** One Master.csv record (already split into fields) as a leg, or why it is not one. */
export function cdrLegOf(values: readonly string[], timeZone: string): CdrLeg | { error: string } {
  if (values.length < 17) return { error: `a Master.csv row has at least 17 fields, found ${values.length}` };
  const field = (name: (typeof masterCsvColumns)[number]) => values[masterCsvColumns.indexOf(name)] ?? '';
  const start = parseLocalTime(field('start'), timeZone);
  const end = parseLocalTime(field('end'), timeZone);
  if (start === undefined || end === undefined) return { error: 'start or end is not a time' };
  const uniqueid = field('uniqueid');
  if (!/^\d{6,12}\.\d{1,10}$/.test(uniqueid)) return { error: 'uniqueid is not an Asterisk uniqueid' };
  const leg: CdrLeg = {
    uniqueid, src: field('src'), dst: field('dst'), channel: field('channel'), dstchannel: field('dstchannel'), lastapp: field('lastapp'),
    lastdata: field('lastdata'), start, end, billsec: Math.max(0, Math.min(86_400, Number(field('billsec')) || 0)), disposition: field('disposition').toUpperCase(),
  };
  const answer = parseLocalTime(field('answer'), timeZone);
  if (answer !== undefined) leg.answer = answer;
  return leg;
}

/** Whether a header row (cdr_csv writes none; exports often add one) starts the file. */
export function isMasterCsvHeader(values: readonly string[]): boolean {
  return values[0]?.trim().toLowerCase() === 'accountcode' && values.includes('uniqueid');
}

/** A spying leg (lastapp ChanSpy/ExtenSpy) is a supervisor session; its options name the kind. */
function sessionOf(leg: CdrLeg): SessionKind | undefined {
  if (leg.lastapp !== 'ChanSpy' && leg.lastapp !== 'ExtenSpy') return undefined;
  const options = leg.lastdata.slice(leg.lastdata.indexOf(',') + 1);
  return options.includes('B') ? 'barge' : options.includes('w') ? 'whisper' : 'listen';
}

/** The legs of one call folded into its history record (source cdr: cc_cdr and queue_log win where they know more). */
export function callOfLegs(legs: readonly CdrLeg[], rules: DeviceRules = defaultDeviceRules()): CallRecord {
  const first = legs[0]!;
  const startedAt = Math.min(...legs.map((leg) => leg.start));
  const endedAt = Math.max(...legs.map((leg) => leg.end));
  const answered = legs.filter((leg) => leg.disposition === 'ANSWERED' && leg.dstchannel !== '');
  const agentLeg = answered[0];
  const isTrunk = (channel: string) => channel !== '' && rules.isTrunkDevice(deviceOfChannel(channel));
  const direction = isTrunk(first.channel) ? 'inbound' : legs.some((leg) => isTrunk(leg.dstchannel)) ? 'outbound' : 'internal';
  const session = sessionOf(first);
  const record: CallRecord = {
    uniqueid: first.uniqueid, source: 'cdr', direction, callClass: session ? 'supervisor' : direction === 'internal' ? 'internal' : 'customer',
    callerNum: first.src, calledNum: first.dst, startedAt, endedAt, duration: Math.round((endedAt - startedAt) / 1000),
    queueSeconds: 0, ringSeconds: 0, talkSeconds: agentLeg?.billsec ?? 0, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0,
    isAnswered: agentLeg !== undefined, disposition: agentLeg ? 'ANSWERED' : (legs.find((leg) => leg.dstchannel !== '') ?? first).disposition,
  };
  const agent = agentLeg ? extensionOfDevice(deviceOfChannel(agentLeg.dstchannel), rules) : undefined;
  if (agent) record.agent = agent;
  if (session) record.sessionKind = session;
  // The trunk device the call came in or went out on, as the live view names it.
  const trunkChannel = direction === 'inbound' ? first.channel : legs.find((leg) => isTrunk(leg.dstchannel))?.dstchannel;
  if (trunkChannel) record.trunkNumber = deviceOfChannel(trunkChannel);
  return record;
}
