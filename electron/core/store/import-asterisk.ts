import { callOfLegs, cdrLegOf, isMasterCsvHeader, type CdrLeg } from '../asterisk-logs/master-csv';
import { QueueLogReader } from '../asterisk-logs/queue-log';
import type { CallRecord, QueueAttempt } from '../contract';

// Asterisk's own logs as import rows (store/import.ts streams the file): queue_log lines
// become queue passes (source queue_log: the PBX's own numbers win every merge), and a
// history row for each call they recover, so a call that ended while the console was
// away shows in history too; Master.csv rows become one history record per call.

export interface ImportRows {
  queueLogLine(line: string): Rows | { error: string };
  masterCsvRecord(values: string[]): Rows | { error: string };
  /** What is still held at the end of the file (queue passes left open, legs not yet folded). */
  finish(): Rows;
}

interface Rows {
  calls: CallRecord[];
  attempts: QueueAttempt[];
}

/** Calls whose legs are still being gathered: legs of one call are written together, so a few suffice. */
const heldCallsLimit = 2_000;

/**
 * The history row a queue pass from queue_log stands for, ranked lowest (source import):
 * a row the console stored, or a cc_cdr/Master.csv row, wins field by field.
 */
function callOfPass(attempt: QueueAttempt): CallRecord {
  const endedAt = attempt.endedAt ?? attempt.enteredAt;
  const isAnswered = attempt.outcome === 'answered' || attempt.outcome === 'transferred' || attempt.outcome === 'connected';
  const record: CallRecord = {
    uniqueid: attempt.callId, source: 'import', direction: 'inbound', callClass: 'customer', callerNum: attempt.callerNum, calledNum: '',
    queue: attempt.queue, queueOutcome: attempt.outcome, startedAt: attempt.enteredAt, endedAt,
    duration: Math.round((endedAt - attempt.enteredAt) / 1000), queueSeconds: attempt.waitSeconds ?? 0, ringSeconds: attempt.ringSeconds ?? 0,
    talkSeconds: attempt.talkSeconds ?? 0, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered,
    cdrState: isAnswered ? 'bridged' : 'queue',
  };
  if (attempt.agent) record.agent = attempt.agent;
  if (attempt.connectedAt) record.answeredAt = attempt.connectedAt;
  if (attempt.missCause) record.missCause = attempt.missCause;
  if (attempt.hangupSide) record.hangupSide = attempt.hangupSide;
  if (attempt.transferKind) Object.assign(record, { transferKind: attempt.transferKind, transferTo: attempt.transferTo, transferAt: endedAt });
  return record;
}

export function createAsteriskLogRows(options: { timeZone: string; extensionOf?: (agent: string) => string | undefined }): ImportRows {
  const reader = new QueueLogReader(options.extensionOf ? { extensionOf: options.extensionOf } : {});
  const held = new Map<string, CdrLeg[]>();

  const fold = (uniqueids: string[]): CallRecord[] =>
    uniqueids.map((uniqueid) => {
      const legs = held.get(uniqueid)!;
      held.delete(uniqueid);
      return callOfLegs(legs);
    });

  return {
    queueLogLine(line) {
      const closed = reader.line(line);
      if (closed === undefined) return { calls: [], attempts: [] };
      if ('error' in closed) return closed;
      return { calls: [callOfPass(closed)], attempts: [closed] };
    },
    masterCsvRecord(values) {
      if (isMasterCsvHeader(values)) return { calls: [], attempts: [] };
      const leg = cdrLegOf(values, options.timeZone);
      if ('error' in leg) return leg;
      const legs = held.get(leg.uniqueid);
      if (legs) legs.push(leg);
      else held.set(leg.uniqueid, [leg]);
      // Map order is insertion order: the calls started longest ago are complete.
      const calls = held.size > heldCallsLimit ? fold([...held.keys()].slice(0, heldCallsLimit / 2)) : [];
      return { calls, attempts: [] };
    },
    finish() {
      const open = reader.finish();
      return { calls: [...fold([...held.keys()]), ...open.map(callOfPass)], attempts: open };
    },
  };
}
