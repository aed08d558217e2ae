import type { CallRecord, QueueAttempt, QueueOutcome } from '../contract';

/**
 * The queue pass a vendor record (cc_cdr, pushed or imported) describes: one per call,
 * from its queue fields. cc_cdr has no queue_log outcome: bridged is answered (transferred
 * when the agent's side says so); a lost caller who hung up abandoned, NO_AGENT_LOGIN is
 * the queue emptying, anything else the PBX ended (a timeout).
 */
export function attemptOfCallRecord(record: CallRecord): QueueAttempt | undefined {
  if (!record.queue) return undefined;
  const outcome: QueueOutcome = record.isAnswered
    ? (record.hangupSide === 'transfer' ? 'transferred' : 'answered')
    : record.missCause === 'NO_AGENT_LOGIN' ? 'exitempty'
      : !record.hangupSide || record.hangupSide === 'caller' ? 'abandoned' : 'exitwithtimeout';
  const enteredAt = record.startedAt + record.ivrSeconds * 1000;
  const attempt: QueueAttempt = {
    callId: record.uniqueid, seq: 0, queue: record.queue, enteredAt, callerNum: record.callerNum, outcome,
    endedAt: record.endedAt, waitSeconds: record.queueSeconds, holdSeconds: record.holdSeconds, wrapupSeconds: record.wrapupSeconds,
    ringNoAnswer: 0, source: record.source === 'cc_cdr' ? 'cc_cdr' : 'import',
  };
  if (record.isAnswered) {
    attempt.connectedAt = enteredAt + record.queueSeconds * 1000;
    attempt.ringSeconds = record.ringSeconds;
    attempt.talkSeconds = record.talkSeconds;
    if (record.agent) attempt.agent = record.agent;
  } else if (record.missCause) attempt.missCause = record.missCause;
  const side = record.hangupSide;
  if (side === 'caller' || side === 'agent' || side === 'transfer' || side === 'system') attempt.hangupSide = side;
  if (record.score !== undefined) attempt.score = record.score;
  return attempt;
}

/**
 * The pass a call's vendor record describes, read from the call as merged (`stored`) after a report
 * met it, so the ledger says what the call says (a cc_cdr's 0 s of queue is "unknown" there, and the
 * wait another source measured stays). Once a cc_cdr is part of the call, every later report of it
 * describes the pass again, so the pass follows the call whatever order its reports came in; any
 * other report describes it only when it states no queue outcome of its own (AMI and queue_log put
 * their pass in the ledger themselves).
 */
export function derivedAttempt(stored: CallRecord, reportStatesOutcome: boolean): QueueAttempt | undefined {
  if (stored.source !== 'cc_cdr' && reportStatesOutcome) return undefined;
  return attemptOfCallRecord(stored);
}
