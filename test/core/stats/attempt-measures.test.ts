import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, queueOutcomes, type QueueAttempt } from '../../../electron/core/contract';
import { tallyMeasures, tallyOfAttempt, tallyOfRow } from '../../../electron/core/stats/attempt-measures';
import { createQueueCallStore, rebuildQueueRollups } from '../../../electron/core/store/queue-call-store';
import { tempDatabase } from '../store/support/temp-db';

// The live day ledger adds attempts in JavaScript; reports sum the same attempts in SQL.
// Both forms of every measure must agree on every kind of attempt.

function attempts(): QueueAttempt[] {
  const out: QueueAttempt[] = [];
  let n = 0;
  for (const outcome of queueOutcomes) {
    for (const wait of [0, 5, 6, 20, 21, 299, 301]) {
      for (const talk of [undefined, 0, 95]) {
        n += 1;
        const attempt: QueueAttempt = {
          callId: `c.${n}`, seq: 0, queue: n % 2 ? '630' : '631', enteredAt: Date.UTC(2026, 11, 5, 8, 0, n), callerNum: '0611',
          outcome, waitSeconds: wait, holdSeconds: n % 3, wrapupSeconds: n % 4 ? 10 : 0, ringNoAnswer: n % 5, source: 'ami',
        };
        if (talk !== undefined) attempt.talkSeconds = talk;
        if (n % 7) attempt.missCause = ['NO_ASSIGN', 'NO_AGENT_ANSWER', 'NO_AGENT_LOGIN', 'MEMBER_CANCEL', 'ODD'][n % 5];
        if (n % 6 === 0) attempt.score = n % 10;
        if (outcome !== 'waiting') attempt.agent = '800';
        out.push(attempt);
      }
    }
  }
  return out;
}

describe('tally measures', () => {
  it('give the same sums folded in JavaScript as summed by SQLite', () => {
    const temp = tempDatabase();
    try {
      const db = temp.open();
      const all = attempts();
      createQueueCallStore(db).upsertAttempts(all);
      const sql = db.prepare(`SELECT ${tallyMeasures.map((m) => `sum(${m.sql}) AS ${m.column}`).join(', ')} FROM queue_calls`).get() as Record<string, unknown>;
      const js = emptyTally();
      for (const attempt of all) addTally(js, tallyOfAttempt(attempt));
      expect(tallyOfRow(sql)).toEqual(js);
      // The incremental rollups equal a rebuild, and both equal the fold.
      const incremental = tallyOfRow(db.prepare(`SELECT ${tallyMeasures.map((m) => `sum(${m.column}) AS ${m.column}`).join(', ')} FROM queue_rollup_hour`).get() as Record<string, unknown>);
      rebuildQueueRollups(db);
      const rebuilt = tallyOfRow(db.prepare(`SELECT ${tallyMeasures.map((m) => `sum(${m.column}) AS ${m.column}`).join(', ')} FROM queue_rollup_hour`).get() as Record<string, unknown>);
      expect(incremental).toEqual(js);
      expect(rebuilt).toEqual(js);
      expect(js.offered).toBe(all.length);
      expect(js.completed).toBeGreaterThan(0);
    } finally {
      temp.cleanup();
    }
  });
});
