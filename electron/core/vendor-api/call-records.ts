import { callClassOf, type CallDirection, type CallRecord, type IvrStep } from '../contract';
import { validatePush, type CcCdrPush, type CdrPush, type IvrPush } from './push-schemas';

// Vendor call records (coocenter-api.md "Pushed events": cc_cdr, cdr, ivr) → our
// CallRecord / IvrStep: the one mapping, used by live pushes (push-to-model.ts) and by
// history import alike, so an imported row means exactly what the same row pushed
// live means. Field parsing (strings or numbers, PBX local times, '' = 0 seconds) is
// the receiver's schemas.

/** When a record carries neither start nor end time: the receiving moment. */
export interface RecordContext {
  now?: number;
  /** Direction when cc_cdr callType says nothing (e.g. from the numbers' shapes). */
  guessDirection?: (caller: string | undefined, called: string | undefined) => CallDirection;
}

export type VendorTable = 'cc_cdr' | 'cdr' | 'ivr';

/** Which vendor table a row comes from: its `event` field, else its telling field names. */
export function detectVendorTable(fields: Record<string, unknown>): VendorTable | undefined {
  const event = String(fields.event ?? '').trim().toLowerCase().replace('-', '_');
  if (event === 'cc_cdr' || event === 'cdr' || event === 'ivr') return event;
  if ('cdrState' in fields || 'agentCode' in fields || 'talkingTime' in fields) return 'cc_cdr';
  if ('disposition' in fields || 'billableseconds' in fields) return 'cdr';
  if ('uuid' in fields && 'ivrId' in fields) return 'ivr';
  return undefined;
}

function directionOf(fields: CcCdrPush, context: RecordContext): CallDirection {
  const type = (fields.callType ?? '').toLowerCase();
  if (/^(in|incoming|inbound)$/.test(type)) return 'inbound';
  if (/^(out|outgoing|outbound)$/.test(type)) return 'outbound';
  if (fields.queueCode) return 'inbound';
  return context.guessDirection?.(fields.caller, fields.called) ?? 'internal';
}

/** End and start of a record from whichever of the two it has (else the receiving moment). */
function spanOf(start: number | undefined, end: number | undefined, durationSeconds: number, context: RecordContext) {
  const endedAt = end ?? (start !== undefined ? start + durationSeconds * 1000 : (context.now ?? 0));
  return { startedAt: start ?? endedAt - durationSeconds * 1000, endedAt };
}

/**
 * What the caller dialled. cc_cdr `called` of an inbound call is the agent who answered
 * (vendor sample: called = agentCode), which has its own column: the dialled number is
 * the DID, `trunkNumber`; without one, an agent's extension is no called number.
 */
function dialledNumber(fields: CcCdrPush, direction: CallDirection): string {
  if (direction !== 'inbound') return fields.called ?? '';
  if (fields.trunkNumber) return fields.trunkNumber;
  return fields.called && fields.called !== fields.agentCode ? fields.called : '';
}

export function ccCdrToCallRecord(fields: CcCdrPush, context: RecordContext = {}): CallRecord {
  const { startedAt, endedAt } = spanOf(fields.startTime, fields.endTime, fields.duration, context);
  // cdrState 'feedback' = the caller went on to the satisfaction survey after talking.
  const isAnswered = fields.cdrState === 'bridged' || fields.cdrState === 'feedback' || fields.talkingTime > 0;
  const score = Number(fields.score ?? '');
  const direction = directionOf(fields, context);
  const record: CallRecord = {
    uniqueid: fields.uuid,
    source: 'cc_cdr',
    direction,
    callClass: callClassOf(direction),
    callerNum: fields.caller ?? '',
    calledNum: dialledNumber(fields, direction),
    startedAt,
    endedAt,
    duration: fields.duration,
    queueSeconds: fields.queueTime,
    ringSeconds: fields.ringTime,
    talkSeconds: fields.talkingTime,
    holdSeconds: fields.holdTime,
    wrapupSeconds: fields.pauseTime,
    ivrSeconds: fields.ivrTime,
    isAnswered,
  };
  // cc_cdr has no answer time: the caller is answered once IVR and queue wait are over.
  if (isAnswered) record.answeredAt = Math.min(endedAt, startedAt + (fields.ivrTime + fields.queueTime) * 1000);
  const optional = {
    queue: fields.queueCode, agent: fields.agentCode, cdrState: fields.cdrState, missCause: isAnswered ? undefined : fields.missCause,
    hangupSide: fields.hangupSide, hangupCause: fields.hangupCause, ivrId: fields.ivrId, ivrName: fields.ivrName,
    ivrDtmf: fields.ivrDtmf, trunkNumber: fields.trunkNumber, recordingFile: fields.filePath,
  };
  for (const [key, value] of Object.entries(optional)) if (value) (record as unknown as Record<string, unknown>)[key] = value;
  // score '0' = not rated (seed 通话日志2: a MEMBER_CANCEL call with score '0').
  if (Number.isFinite(score) && score > 0) record.score = score;
  return record;
}

export function cdrToCallRecord(fields: CdrPush, context: RecordContext = {}): CallRecord {
  const { startedAt, endedAt } = spanOf(fields.starttime, fields.endtime, fields.duration, context);
  const disposition = fields.disposition?.toUpperCase();
  const calltype = (fields.calltype ?? '').toLowerCase();
  // cdr calltype: outbound, inbound, empty = internal (seed 通话日志1).
  const direction = calltype === 'outbound' ? 'outbound' : calltype === 'inbound' ? 'inbound' : 'internal';
  const isAnswered = disposition === 'ANSWERED';
  // A leg nobody answered (NO ANSWER, BUSY…) still carries the caller channel's answer by the IVR
  // (AnswerTime = start, BillableSeconds = duration: fixtures s03): no talk, no answer time.
  const answertime = isAnswered ? fields.answertime : undefined;
  const record: CallRecord = {
    uniqueid: fields.uniqueid,
    source: 'cdr',
    direction,
    callClass: callClassOf(direction),
    callerNum: fields.source ?? '',
    calledNum: fields.destination ?? '',
    startedAt,
    endedAt,
    duration: fields.duration,
    queueSeconds: 0,
    ringSeconds: answertime !== undefined ? Math.max(0, Math.round((answertime - startedAt) / 1000)) : 0,
    talkSeconds: isAnswered ? fields.billableseconds : 0,
    holdSeconds: 0,
    wrapupSeconds: 0,
    ivrSeconds: 0,
    isAnswered,
  };
  if (answertime !== undefined) record.answeredAt = answertime;
  if (disposition) record.disposition = disposition;
  if (fields.recordfile) record.recordingFile = fields.recordfile;
  return record;
}

export function ivrToStep(fields: IvrPush): IvrStep | undefined {
  if (!fields.ivrId || fields.startTime === undefined) return undefined;
  const step: IvrStep = { uniqueid: fields.uuid, ivrId: fields.ivrId, startAt: fields.startTime };
  if (fields.ivrName) step.ivrName = fields.ivrName;
  if (fields.ivrDtmf) step.dtmf = fields.ivrDtmf;
  if (fields.endTime !== undefined) step.endAt = fields.endTime;
  return step;
}

export type VendorRow = { kind: 'call'; record: CallRecord } | { kind: 'ivr'; step: IvrStep };

/** One exported vendor row → our record; an error text names what is wrong. */
export function vendorRowToRecord(fields: Record<string, unknown>, timeZone: string, table?: VendorTable): VendorRow | { error: string } {
  const kind = table ?? detectVendorTable(fields);
  if (!kind) return { error: 'not a cc_cdr, cdr or ivr row (no event field, no telling field names)' };
  const validated = validatePush(kind, fields, timeZone);
  if (!validated.ok) return { error: validated.reason };
  if (kind === 'ivr') {
    const step = ivrToStep(validated.fields as IvrPush);
    return step ? { kind: 'ivr', step } : { error: 'ivr row without ivrId or startTime' };
  }
  const record = kind === 'cc_cdr' ? ccCdrToCallRecord(validated.fields as CcCdrPush) : cdrToCallRecord(validated.fields as CdrPush);
  if (!record.uniqueid) return { error: `${kind} row without ${kind === 'cc_cdr' ? 'uuid' : 'uniqueid'}` };
  if (!Number.isFinite(record.startedAt) || record.startedAt <= 0) return { error: `${kind} row without a start or end time` };
  return { kind: 'call', record };
}
