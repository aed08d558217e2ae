import type { CallRecord, CallSource } from '../contract/history';
import { localHourOf } from '../base/time-zone';

// CallRecord ⇄ `calls` row (003_calls.sql), and the merge rule for one uniqueid
// reported by several sources.

/** Which source's fields win for the same uniqueid: cc_cdr > cdr > ami > import. */
export const sourceRank: Record<CallSource, number> = { cc_cdr: 3, cdr: 2, ami: 1, import: 0 };

/** Record field → column, in table order (without id, source_rank, local_hour). */
export const callColumns = {
  uniqueid: 'uniqueid', source: 'source', direction: 'direction', callerNum: 'caller_num', calledNum: 'called_num',
  queue: 'queue', agent: 'agent', startedAt: 'started_at', answeredAt: 'answered_at', endedAt: 'ended_at',
  duration: 'duration', queueSeconds: 'queue_seconds', ringSeconds: 'ring_seconds', talkSeconds: 'talk_seconds',
  holdSeconds: 'hold_seconds', wrapupSeconds: 'wrapup_seconds', ivrSeconds: 'ivr_seconds', isAnswered: 'is_answered',
  disposition: 'disposition', cdrState: 'cdr_state', missCause: 'miss_cause', hangupSide: 'hangup_side',
  hangupCause: 'hangup_cause', ivrId: 'ivr_id', ivrName: 'ivr_name', ivrDtmf: 'ivr_dtmf', score: 'score',
  trunkNumber: 'trunk_number', recordingFile: 'recording_file', callClass: 'call_class', queueOutcome: 'queue_outcome',
  sessionKind: 'session_kind', observedUniqueid: 'observed_uniqueid', transferKind: 'transfer_kind', transferTo: 'transfer_to',
  transferAt: 'transfer_at',
} as const satisfies Record<keyof CallRecord, string>;

export type CallField = keyof typeof callColumns;
export const callFields = Object.keys(callColumns) as CallField[];

/** Per-phase seconds a source may not know (cdr has no queue time): 0 there means "unknown". */
const zeroIsMissing = new Set<CallField>(['duration', 'queueSeconds', 'ringSeconds', 'talkSeconds', 'holdSeconds', 'wrapupSeconds', 'ivrSeconds']);

function isMissing(field: CallField, value: unknown): boolean {
  return value === undefined || value === null || value === '' || (value === 0 && zeroIsMissing.has(field));
}

/** Rank of the source each field came from, in `callFields` order; -1 = no value. */
export type FieldRanks = number[];

/** The ranks of a record that came whole from one source. */
export function wholeRecordRanks(record: CallRecord): FieldRanks {
  const rank = sourceRank[record.source] ?? 0;
  return callFields.map((field) => (isMissing(field, record[field]) ? -1 : rank));
}

/** `calls.field_ranks`: NULL when every present field came from the winning source. */
export function encodeFieldRanks(record: CallRecord, ranks: FieldRanks): string | null {
  const whole = wholeRecordRanks(record);
  if (ranks.every((rank, index) => rank === whole[index])) return null;
  return ranks.map((rank) => (rank < 0 ? '-' : String(rank))).join('');
}

export function decodeFieldRanks(record: CallRecord, encoded: unknown): FieldRanks {
  if (typeof encoded !== 'string' || encoded.length !== callFields.length) return wholeRecordRanks(record);
  return [...encoded].map((char) => (char === '-' ? -1 : Number(char)));
}

const answeredAtIndex = callFields.indexOf('answeredAt');
const talkSecondsIndex = callFields.indexOf('talkSeconds');

/**
 * The stored call when `incoming` meets `existing` for the same uniqueid. Field by field,
 * the value from the highest-ranked source that has one wins (cc_cdr > cdr > ami > import;
 * a tie goes to the newer report); a missing value (undefined, empty, 0 seconds of a phase)
 * never wins. Tracking each field's source rank keeps the result independent of arrival order.
 * `incoming` may itself be a merge (a row of the shared history): its own field ranks then say which source each field came from.
 */
export function mergeCallRecords(
  existing: CallRecord,
  existingRanks: FieldRanks,
  incoming: CallRecord,
  incomingRanks: FieldRanks = wholeRecordRanks(incoming),
): { record: CallRecord; ranks: FieldRanks } {
  const incomingRank = sourceRank[incoming.source] ?? 0;
  const merged: Record<string, unknown> = {};
  const ranks: FieldRanks = [];
  callFields.forEach((field, index) => {
    const offered = isMissing(field, incoming[field]) ? -1 : (incomingRanks[index] ?? -1);
    const kept = existingRanks[index] ?? -1;
    // A leg's report never takes back a sibling leg's answer (see isAnswered below).
    const keepsAnswer = field === 'disposition' && offered === kept && existing.disposition === 'ANSWERED';
    const takeIncoming = offered >= 0 && offered >= kept && !keepsAnswer;
    const value = takeIncoming ? incoming[field] : kept >= 0 ? existing[field] : (existing[field] ?? incoming[field]);
    ranks.push(takeIncoming ? offered : kept);
    if (value !== undefined && value !== null && value !== '') merged[field] = value;
  });
  const existingRank = sourceRank[existing.source] ?? 0;
  const winner = incomingRank >= existingRank ? incoming : existing;
  merged.source = winner.source;
  // One source may report a call leg by leg (a cdr row per agent rung): answered if any leg was.
  merged.isAnswered = incomingRank === existingRank ? incoming.isAnswered || existing.isAnswered : winner.isAnswered;
  if (!merged.isAnswered) {
    // An unanswered call has no talk and no answer time, whoever offered one: Asterisk's cdr bills
    // the caller from the IVR's answer, so its rows of a lost call carry both (fixtures s03).
    delete merged.answeredAt;
    merged.talkSeconds = 0;
    ranks[answeredAtIndex] = -1;
    ranks[talkSecondsIndex] = -1;
  }
  return { record: merged as unknown as CallRecord, ranks };
}

/** A call as a merge left it (the shared history's row): the record and its encoded field ranks (encodeFieldRanks). */
export interface SharedCall {
  record: CallRecord;
  fieldRanks: string | null;
}

export type CallRowParams = Record<string, string | number | null>;

/** Named parameters for the insert/replace statement. */
export function callToParams(record: CallRecord, localHour: number, fieldRanks: string | null = null): CallRowParams {
  const params: CallRowParams = { source_rank: sourceRank[record.source] ?? 0, field_ranks: fieldRanks, local_hour: localHour };
  for (const field of callFields) {
    const value = record[field];
    params[callColumns[field]] = value === undefined || value === '' ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  for (const required of ['caller_num', 'called_num'] as const) params[required] ??= '';
  return params;
}

/** The call once `incoming` is merged into the stored `row` (SELECT *), and its row's parameters, the local hour in `timeZone`. */
export function mergedCall(row: Record<string, unknown>, incoming: CallRecord, timeZone: string, incomingRanks?: string | null): { record: CallRecord; params: CallRowParams } {
  const existing = rowToCall(row);
  const { record, ranks } = mergeCallRecords(existing, decodeFieldRanks(existing, row.field_ranks), incoming, decodeFieldRanks(incoming, incomingRanks));
  return { record, params: callToParams(record, localHourOf(record.startedAt, timeZone), encodeFieldRanks(record, ranks)) };
}

/** A `calls` row (SELECT *) back to the contract's CallRecord; NULL columns become absent. */
export function rowToCall(row: Record<string, unknown>): CallRecord {
  const record: Record<string, unknown> = {};
  for (const field of callFields) {
    const value = row[callColumns[field]];
    if (value !== null && value !== undefined) record[field] = value;
  }
  record.isAnswered = row.is_answered === 1;
  return record as unknown as CallRecord;
}

export const callColumnList = ['source_rank', 'field_ranks', 'local_hour', ...callFields.map((field) => callColumns[field])];
