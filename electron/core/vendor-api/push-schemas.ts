import { z } from 'zod';
import { DEFAULT_TIME_ZONE, parseLocalTime } from '../base/time-zone';

// One schema per pushed event of coocenter-api.md "Pushed events" (seed: 主动推送事件).
// Wire names are kept here (this is the edge); push-to-model.ts translates to ours.
// Objects are loose: fields the vendor adds later are kept, not dropped. Numbers
// come as strings or numbers (`holdTime:0`, `talkingTime:'0'`), so both are accepted.

export const KNOWN_EVENT_TYPES = ['dialbegin', 'dialend', 'hangup', 'extensionstatus', 'ivr', 'cdr', 'cc_cdr'] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

/** `dialbegein` is the vendor's spelling (sic), `dialbegin` Asterisk's; `cc-cdr` a plausible variant. */
const EVENT_TYPE_ALIASES: Record<string, KnownEventType> = { dialbegein: 'dialbegin', 'cc-cdr': 'cc_cdr', cccdr: 'cc_cdr' };

export function canonicalEventType(raw: string): { eventType: string; isKnown: boolean } {
  const lower = raw.trim().toLowerCase();
  const alias = EVENT_TYPE_ALIASES[lower];
  if (alias) return { eventType: alias, isKnown: true };
  const isKnown = (KNOWN_EVENT_TYPES as readonly string[]).includes(lower);
  return { eventType: isKnown ? lower : raw.trim(), isKnown };
}

const scalar = z.union([z.string(), z.number()]);
const text = scalar.transform((value) => String(value).trim());
const optionalText = text.optional();
/**
 * Sane ranges: a value outside them is a broken or hostile sender, and once stored it
 * poisons every report that sums it (`1e308` seconds of talk). Refused with a 400 that says so.
 */
export const pushRanges = {
  /** A call's parts last less than a day. */
  maxSeconds: 86_400,
  /** Times from 2000-01-01 to 2100-01-01 UTC. */
  earliestTime: Date.UTC(2000, 0, 1),
  latestTime: Date.UTC(2100, 0, 1),
};

/** A count of seconds, 0 ≤ s < 1 day: '' and absent mean 0 (cc_cdr `ivrTime:''`). */
const seconds = scalar
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || String(value).trim() === '') return 0;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) {
      ctx.addIssue({ code: 'custom', message: `not a number of seconds: ${String(value)}` });
      return z.NEVER;
    }
    if (number >= pushRanges.maxSeconds) {
      ctx.addIssue({ code: 'custom', message: `${String(value)} seconds is out of range (0 to ${pushRanges.maxSeconds - 1})` });
      return z.NEVER;
    }
    return number;
  });
/** cc_cdr `score`, the caller's satisfaction digit(s), kept as text: a number must be 0–100 (anything else is "not rated"). */
const score = optionalText.refine((value) => !Number.isFinite(Number(value || 'x')) || (Number(value) >= 0 && Number(value) <= 100), {
  message: 'score is out of range (0 to 100)',
});
/** Extension status code: 0, 1, 2, 4, 8, 16 and sums, -1 not found. */
const statusCode = scalar.transform((value, ctx) => {
  const number = Number(String(value).trim());
  // The state bits (1, 2, 4, 8, 16) sum to 31 at most.
  if (String(value).trim() === '' || !Number.isInteger(number) || number < -1 || number > 255) {
    ctx.addIssue({ code: 'custom', message: `not an extension status code: ${String(value)}` });
    return z.NEVER;
  }
  return number;
});

function pbxTimes(timeZone: string) {
  /** Local PBX time -> UTC ms; '' and absent are undefined (no answer time on a missed call). */
  const time = scalar.optional().transform((value, ctx) => {
    if (value === undefined || String(value).trim() === '') return undefined;
    const at = parseLocalTime(String(value), timeZone);
    if (at === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a time: ${String(value)}` });
      return z.NEVER;
    }
    if (at < pushRanges.earliestTime || at >= pushRanges.latestTime) {
      ctx.addIssue({ code: 'custom', message: `time ${String(value)} is out of range (years 2000 to 2099)` });
      return z.NEVER;
    }
    return at;
  });
  return { time };
}

function buildSchemas(timeZone: string) {
  const { time } = pbxTimes(timeZone);
  const dialbegin = z.looseObject({
    timestamp: time,
    channel: optionalText,
    calleridnum: optionalText,
    destchannel: optionalText,
    destcalleridnum: optionalText,
    destuniqueid: optionalText,
    dialstring: optionalText,
    uniqueid: text,
    mac: optionalText,
  });
  const dialend = z.looseObject({
    timestamp: time,
    channel: optionalText,
    calleridnum: optionalText,
    destchannel: optionalText,
    destcalleridnum: optionalText,
    destuniqueid: optionalText,
    uniqueid: text,
    dialstatus: optionalText,
  });
  const hangup = z.looseObject({
    calleridnum: optionalText,
    calleridname: optionalText,
    connectedlinenum: optionalText,
    connectedlinename: optionalText,
    uniqueid: text,
  });
  const extensionstatus = z.looseObject({ exten: text, status: statusCode, statustext: optionalText });
  const ivr = z.looseObject({
    uuid: text,
    caller: optionalText,
    called: optionalText,
    callType: optionalText,
    queueCode: optionalText,
    startTime: time,
    endTime: time,
    duration: seconds,
    ivrId: optionalText,
    ivrName: optionalText,
    ivrDtmf: optionalText,
    trunkNumber: optionalText,
    mac: optionalText,
  });
  const cdr = z.looseObject({
    callerid: optionalText,
    source: optionalText,
    destination: optionalText,
    starttime: time,
    answertime: time,
    endtime: time,
    disposition: optionalText,
    duration: seconds,
    billableseconds: seconds,
    calltype: optionalText,
    recordfile: optionalText,
    uniqueid: text,
  });
  const ccCdr = z.looseObject({
    uuid: text,
    caller: optionalText,
    called: optionalText,
    queueCode: optionalText,
    agentCode: optionalText,
    callType: optionalText,
    cdrState: optionalText,
    hangupSide: optionalText,
    hangupCause: optionalText,
    startTime: time,
    endTime: time,
    duration: seconds,
    queueTime: seconds,
    feedbackTime: seconds,
    ivrTime: seconds,
    ringTime: seconds,
    holdTime: seconds,
    pauseTime: seconds,
    talkingTime: seconds,
    voicemailState: optionalText,
    ivrId: optionalText,
    ivrName: optionalText,
    ivrDtmf: optionalText,
    fwType: optionalText,
    score,
    trunkNumber: optionalText,
    forwardNumber: optionalText,
    filePath: optionalText,
    missCause: optionalText,
    mac: optionalText,
  });
  return { dialbegin, dialend, hangup, extensionstatus, ivr, cdr, cc_cdr: ccCdr } satisfies Record<KnownEventType, z.ZodType>;
}

export type PushSchemas = ReturnType<typeof buildSchemas>;
export type DialBeginPush = z.output<PushSchemas['dialbegin']>;
export type DialEndPush = z.output<PushSchemas['dialend']>;
export type HangupPush = z.output<PushSchemas['hangup']>;
export type ExtensionStatusPush = z.output<PushSchemas['extensionstatus']>;
export type IvrPush = z.output<PushSchemas['ivr']>;
export type CdrPush = z.output<PushSchemas['cdr']>;
export type CcCdrPush = z.output<PushSchemas['cc_cdr']>;

/** A validated push, wire names kept; `unknown` carries an event type we do not know, raw. */
export type PushedEvent = { id: number; receivedAt: number; remote?: string } & (
  | { type: 'dialbegin'; fields: DialBeginPush }
  | { type: 'dialend'; fields: DialEndPush }
  | { type: 'hangup'; fields: HangupPush }
  | { type: 'extensionstatus'; fields: ExtensionStatusPush }
  | { type: 'ivr'; fields: IvrPush }
  | { type: 'cdr'; fields: CdrPush }
  | { type: 'cc_cdr'; fields: CcCdrPush }
  | { type: 'unknown'; eventType: string; fields: Record<string, unknown> }
);
export type KnownPushedEvent = Exclude<PushedEvent, { type: 'unknown' }>;

const schemasByZone = new Map<string, PushSchemas>();

export function pushSchemas(timeZone = DEFAULT_TIME_ZONE): PushSchemas {
  let schemas = schemasByZone.get(timeZone);
  if (!schemas) {
    schemas = buildSchemas(timeZone);
    schemasByZone.set(timeZone, schemas);
  }
  return schemas;
}

/** Validate the fields of a known event; the error text names each bad field. */
export function validatePush(
  eventType: KnownEventType,
  fields: Record<string, unknown>,
  timeZone?: string,
): { ok: true; fields: KnownPushedEvent['fields'] } | { ok: false; reason: string } {
  const result = pushSchemas(timeZone)[eventType].safeParse(fields);
  if (result.success) return { ok: true, fields: result.data as KnownPushedEvent['fields'] };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return { ok: false, reason: `invalid ${eventType}: ${problems.join('; ')}` };
}
