import { openOutcomes, type QueueAttempt } from '../contract';

// QueueAttempt ⇄ `queue_calls` row (006_queue_ledger.sql), and the merge rule for one
// (call, seq) reported by several sources.

/** Which source's numbers win: the PBX's own queue_log, then AMI (the same numbers, live), then the vendor's cc_cdr. */
export const attemptSourceRank: Record<QueueAttempt['source'], number> = { queue_log: 3, ami: 2, cc_cdr: 1, import: 0 };

const columns = {
  callId: 'call_uniqueid', seq: 'seq', queue: 'queue', enteredAt: 'entered_at', callerNum: 'caller_num',
  entryPosition: 'entry_position', outcome: 'outcome', agent: 'agent', connectedAt: 'connected_at', endedAt: 'ended_at',
  waitSeconds: 'wait_seconds', ringSeconds: 'ring_seconds', talkSeconds: 'talk_seconds', holdSeconds: 'hold_seconds',
  wrapupSeconds: 'wrapup_seconds', hangupSide: 'hangup_side', missCause: 'miss_cause', transferKind: 'transfer_kind',
  transferTo: 'transfer_to', exitPosition: 'exit_position', exitKey: 'exit_key', ringNoAnswer: 'ring_no_answer',
  score: 'score', source: 'source',
} as const satisfies Record<keyof QueueAttempt, string>;

type AttemptField = keyof typeof columns;
const fields = Object.keys(columns) as AttemptField[];
export const attemptColumnList = [...Object.values(columns), 'local_hour'];

export function attemptToParams(attempt: QueueAttempt, localHour: number): Record<string, unknown> {
  const params: Record<string, unknown> = { local_hour: localHour };
  for (const field of fields) params[columns[field]] = attempt[field] ?? null;
  return params;
}

export function rowToAttempt(row: Record<string, unknown>): QueueAttempt {
  const attempt: Record<string, unknown> = {};
  for (const field of fields) {
    const value = row[columns[field]];
    if (value !== null && value !== undefined) attempt[field] = value;
  }
  return attempt as unknown as QueueAttempt;
}

const isOpen = (attempt: QueueAttempt) => openOutcomes.includes(attempt.outcome);
/** Phase seconds a source may not know: 0 there means "not reported". */
const zeroIsMissing = new Set<AttemptField>(['holdSeconds', 'wrapupSeconds', 'ringNoAnswer']);

function isMissing(field: AttemptField, value: unknown): boolean {
  return value === undefined || value === null || value === '' || (value === 0 && zeroIsMissing.has(field));
}

/**
 * The stored attempt when `incoming` meets `existing`. An ended pass beats one still
 * open (a late "connected" never reopens a call); between two of the same kind the
 * higher-ranked source wins, a tie the newer report. The winner's present fields
 * stand; the loser fills the ones it lacks.
 */
export function mergeAttempts(existing: QueueAttempt, incoming: QueueAttempt): QueueAttempt {
  const priority = (attempt: QueueAttempt) => (isOpen(attempt) ? 0 : 10) + attemptSourceRank[attempt.source];
  const [winner, loser] = priority(incoming) >= priority(existing) ? [incoming, existing] : [existing, incoming];
  const merged: Record<string, unknown> = {};
  for (const field of fields) {
    const value = isMissing(field, winner[field]) ? loser[field] : winner[field];
    if (value !== undefined && value !== null) merged[field] = value;
  }
  return merged as unknown as QueueAttempt;
}
