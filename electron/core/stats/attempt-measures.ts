import { emptyTally, missCauseKeys, waitEdges, type MissCauseKey, type QueueAttempt, type QueueOutcome, type QueueTally } from '../contract';

// What one queue attempt adds to a QueueTally, written twice side by side: as
// JavaScript for the live day ledger and as SQL over `queue_calls` columns for the
// rollups and scans. test/core/stats/attempt-measures.test.ts folds the same
// attempts both ways and demands equal tallies.

const answeredOutcomes: readonly QueueOutcome[] = ['connected', 'answered', 'transferred'];
const completedOutcomes: readonly QueueOutcome[] = ['answered', 'transferred'];
/** Ended without an agent: these have a miss cause. */
const missedOutcomes: readonly QueueOutcome[] = ['abandoned', 'exitempty', 'exitwithtimeout', 'exitwithkey', 'withdraw', 'unknown'];

const sqlList = (outcomes: readonly QueueOutcome[]) => `outcome IN (${outcomes.map((o) => `'${o}'`).join(', ')})`;
const sql = {
  answered: sqlList(answeredOutcomes),
  // Ended with its talk time known (a pass that ended while the PBX link was down has none).
  completed: `(${sqlList(completedOutcomes)} AND talk_seconds IS NOT NULL)`,
  missed: sqlList(missedOutcomes),
};
const knownCauses = missCauseKeys.filter((cause) => cause !== 'other');

type ScalarKey = Exclude<keyof QueueTally, 'answeredWithin' | 'abandonedWithin' | 'missCauses'>;

interface Measure {
  /** Rollup column. */
  column: string;
  /** Expression over queue_calls columns. */
  sql: string;
  read(tally: QueueTally): number;
  write(tally: QueueTally, value: number): void;
}

function scalar(key: ScalarKey, column: string, expression: string): Measure {
  return { column, sql: expression, read: (t) => t[key], write: (t, v) => (t[key] = v) };
}

/** Every tally field as a column, in rollup table order. */
export const tallyMeasures: readonly Measure[] = [
  scalar('offered', 'offered', '1'),
  scalar('waiting', 'waiting', "outcome = 'waiting'"),
  scalar('answered', 'answered', sql.answered),
  scalar('completed', 'completed', sql.completed),
  scalar('transferred', 'transferred', "outcome = 'transferred'"),
  scalar('abandoned', 'abandoned', "outcome = 'abandoned'"),
  scalar('exitEmpty', 'exit_empty', "outcome = 'exitempty'"),
  scalar('exitTimeout', 'exit_timeout', "outcome = 'exitwithtimeout'"),
  scalar('exitKey', 'exit_key', "outcome = 'exitwithkey'"),
  scalar('withdrawn', 'withdrawn', "outcome = 'withdraw'"),
  scalar('unknown', 'unknown', "outcome = 'unknown'"),
  scalar('waitAnsweredSum', 'wait_answered_sum', `CASE WHEN ${sql.answered} THEN ifnull(wait_seconds, 0) ELSE 0 END`),
  scalar('waitAbandonedSum', 'wait_abandoned_sum', "CASE WHEN outcome = 'abandoned' THEN ifnull(wait_seconds, 0) ELSE 0 END"),
  scalar('talkSum', 'talk_sum', `CASE WHEN ${sql.completed} THEN ifnull(talk_seconds, 0) ELSE 0 END`),
  scalar('holdSum', 'hold_sum', `CASE WHEN ${sql.completed} THEN hold_seconds ELSE 0 END`),
  scalar('wrapupSum', 'wrapup_sum', `CASE WHEN ${sql.completed} THEN wrapup_seconds ELSE 0 END`),
  scalar('ringNoAnswer', 'ring_no_answer', 'ring_no_answer'),
  scalar('scoreSum', 'score_sum', 'CASE WHEN score > 0 THEN score ELSE 0 END'),
  scalar('scored', 'scored', '(ifnull(score, 0) > 0)'),
  ...waitEdges.map((edge, index): Measure => ({
    column: `answered_within_${edge}`,
    sql: `(${sql.answered} AND ifnull(wait_seconds, 0) <= ${edge})`,
    read: (t) => t.answeredWithin[index]!,
    write: (t, v) => (t.answeredWithin[index] = v),
  })),
  ...waitEdges.map((edge, index): Measure => ({
    column: `abandoned_within_${edge}`,
    sql: `(outcome = 'abandoned' AND ifnull(wait_seconds, 0) <= ${edge})`,
    read: (t) => t.abandonedWithin[index]!,
    write: (t, v) => (t.abandonedWithin[index] = v),
  })),
  ...missCauseKeys.map((cause): Measure => ({
    column: `miss_${cause.toLowerCase()}`,
    sql: cause === 'other'
      ? `(${sql.missed} AND ifnull(miss_cause, '') NOT IN (${knownCauses.map((c) => `'${c}'`).join(', ')}))`
      : `(${sql.missed} AND ifnull(miss_cause, '') = '${cause}')`,
    read: (t) => t.missCauses[cause],
    write: (t, v) => (t.missCauses[cause] = v),
  })),
];

export const tallyColumns = tallyMeasures.map((measure) => measure.column);

/** The tally of one attempt: what it adds to its queue's hour. */
export function tallyOfAttempt(attempt: QueueAttempt): QueueTally {
  const tally = emptyTally();
  const outcome = attempt.outcome;
  const wait = attempt.waitSeconds ?? 0;
  const isAnswered = answeredOutcomes.includes(outcome);
  const isCompleted = completedOutcomes.includes(outcome) && attempt.talkSeconds !== undefined;
  tally.offered = 1;
  tally.waiting = outcome === 'waiting' ? 1 : 0;
  tally.answered = isAnswered ? 1 : 0;
  tally.completed = isCompleted ? 1 : 0;
  tally.transferred = outcome === 'transferred' ? 1 : 0;
  tally.abandoned = outcome === 'abandoned' ? 1 : 0;
  tally.exitEmpty = outcome === 'exitempty' ? 1 : 0;
  tally.exitTimeout = outcome === 'exitwithtimeout' ? 1 : 0;
  tally.exitKey = outcome === 'exitwithkey' ? 1 : 0;
  tally.withdrawn = outcome === 'withdraw' ? 1 : 0;
  tally.unknown = outcome === 'unknown' ? 1 : 0;
  tally.waitAnsweredSum = isAnswered ? wait : 0;
  tally.waitAbandonedSum = outcome === 'abandoned' ? wait : 0;
  tally.talkSum = isCompleted ? attempt.talkSeconds! : 0;
  tally.holdSum = isCompleted ? attempt.holdSeconds : 0;
  tally.wrapupSum = isCompleted ? attempt.wrapupSeconds : 0;
  tally.ringNoAnswer = attempt.ringNoAnswer;
  tally.scoreSum = (attempt.score ?? 0) > 0 ? attempt.score! : 0;
  tally.scored = (attempt.score ?? 0) > 0 ? 1 : 0;
  waitEdges.forEach((edge, index) => {
    tally.answeredWithin[index] = isAnswered && wait <= edge ? 1 : 0;
    tally.abandonedWithin[index] = outcome === 'abandoned' && wait <= edge ? 1 : 0;
  });
  if (missedOutcomes.includes(outcome)) {
    const cause = (knownCauses as readonly string[]).includes(attempt.missCause ?? '') ? (attempt.missCause as MissCauseKey) : 'other';
    tally.missCauses[cause] = 1;
  }
  return tally;
}

/** A tally from a row of rollup sums (columns named as `tallyColumns`). */
export function tallyOfRow(row: Record<string, unknown>): QueueTally {
  const tally = emptyTally();
  for (const measure of tallyMeasures) measure.write(tally, Number(row[measure.column] ?? 0));
  return tally;
}

/** A tally from a raw row whose columns from `offset` on are `tallyColumns`, in order. */
export function tallyOfValues(values: readonly unknown[], offset: number): QueueTally {
  const tally = emptyTally();
  tallyMeasures.forEach((measure, index) => measure.write(tally, Number(values[offset + index] ?? 0)));
  return tally;
}

/** A tally's values in `tallyColumns` order (for upserts). */
export function tallyValues(tally: QueueTally): number[] {
  return tallyMeasures.map((measure) => measure.read(tally));
}
