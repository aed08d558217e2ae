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
