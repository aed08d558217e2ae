import type { CallRecord, CallSource } from '../contract/history';

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
  trunkNumber: 'trunk_number', recordingFile: 'recording_file',
} as const satisfies Record<keyof CallRecord, string>;

export type CallField = keyof typeof callColumns;
export const callFields = Object.keys(callColumns) as CallField[];

/** Per-phase seconds a source may not know (cdr has no queue time): 0 there means "unknown". */
const zeroIsMissing = new Set<CallField>(['duration', 'queueSeconds', 'ringSeconds', 'talkSeconds', 'holdSeconds', 'wrapupSeconds', 'ivrSeconds']);

function isMissing(field: CallField, value: unknown): boolean {
  return value === undefined || value === null || value === '' || (value === 0 && zeroIsMissing.has(field));
}

/**
 * The stored call when `incoming` meets `existing` for the same uniqueid: the higher
 * ranked source wins field by field (ties: the newer report), and every field it lacks
 * (undefined, empty, or 0 seconds for a phase) is filled from the other.
 */
export function mergeCallRecords(existing: CallRecord, incoming: CallRecord): CallRecord {
  const incomingWins = sourceRank[incoming.source] >= sourceRank[existing.source];
  const winner = incomingWins ? incoming : existing;
  const other = incomingWins ? existing : incoming;
  const merged: Record<string, unknown> = {};
  for (const field of callFields) {
    const value = isMissing(field, winner[field]) ? other[field] : winner[field];
    if (value !== undefined && value !== null && value !== '') merged[field] = value;
  }
  merged.source = winner.source;
  merged.isAnswered = winner.isAnswered;
  return merged as unknown as CallRecord;
}

export type CallRowParams = Record<string, string | number | null>;

/** Named parameters for the insert/replace statement. */
export function callToParams(record: CallRecord, localHour: number): CallRowParams {
  const params: CallRowParams = { source_rank: sourceRank[record.source] ?? 0, local_hour: localHour };
  for (const field of callFields) {
    const value = record[field];
    params[callColumns[field]] = value === undefined || value === '' ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  for (const required of ['caller_num', 'called_num'] as const) params[required] ??= '';
  return params;
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

export const callColumnList = ['source_rank', 'local_hour', ...callFields.map((field) => callColumns[field])];
