import { addTally, emptyTally, type QueueAttempt, type QueueTally } from '../contract';
import { tallyColumns, tallyMeasures, tallyOfAttempt, tallyOfRow, tallyValues } from '../stats/attempt-measures';
import type { Db } from './database';
import { DEFAULT_TIME_ZONE, localHourOf } from '../base/time-zone';
import { attemptColumnList, attemptToParams, mergeAttempts, rowToAttempt } from './queue-call-row';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// The queue ledger (`queue_calls`) and its rollups, 006_queue_ledger.sql. Every write
// keeps queue_rollup_hour and queue_rollup_agent_day equal to the sums of the rows, in
// the same transaction, and reports what changed so the live day ledger follows.

/** One stored attempt before and after a write, with the local hours it counted in. */
export interface AttemptChange {
  before?: { attempt: QueueAttempt; localHour: number };
  after: { attempt: QueueAttempt; localHour: number };
}

export interface QueueCallStore {
  /** Inserts or merges (queue-call-row.ts mergeAttempts) each attempt; call inside a transaction. */
  upsertAttempts(attempts: readonly QueueAttempt[]): AttemptChange[];
  getAttempts(callId: string): QueueAttempt[];
  /** Passes still waiting or connected, oldest first. */
  openAttempts(): { attempt: QueueAttempt; localHour: number }[];
  /** Rollup sums per (local hour, queue) for hours in [fromHour, toHour). */
  hourTallies(fromHour: number, toHour: number): { localHour: number; queue: string; tally: QueueTally }[];
}

const measureList = tallyColumns.join(', ');
const measureParams = tallyColumns.map(() => '?').join(', ');
const measureAdds = tallyColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');

export function createQueueCallStore(db: Db): QueueCallStore {
  const currentZone = () => getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const select = db.prepare('SELECT * FROM queue_calls WHERE call_uniqueid = ? AND seq = ?');
  const selectCall = db.prepare('SELECT * FROM queue_calls WHERE call_uniqueid = ? ORDER BY seq');
  const insert = db.prepare(
    `INSERT INTO queue_calls (${attemptColumnList.join(', ')}) VALUES (${attemptColumnList.map((column) => `@${column}`).join(', ')})
     ON CONFLICT(call_uniqueid, seq) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE queue_calls SET ${attemptColumnList.map((column) => `${column} = @${column}`).join(', ')} WHERE call_uniqueid = @call_uniqueid AND seq = @seq`,
  );
  const selectOpen = db.prepare("SELECT * FROM queue_calls WHERE outcome IN ('waiting', 'connected') ORDER BY entered_at");
  const selectHours = db.prepare(`SELECT local_hour, queue, ${measureList} FROM queue_rollup_hour WHERE local_hour >= ? AND local_hour < ?`);
  const rollups = createLedgerRollups(db);

  return {
    upsertAttempts(attempts) {
      const timeZone = currentZone();
      const changes: AttemptChange[] = [];
      for (const attempt of attempts) {
        const localHour = localHourOf(attempt.enteredAt, timeZone);
        if (insert.run(attemptToParams(attempt, localHour)).changes === 1) {
          rollups.add(attempt, localHour, 1);
          changes.push({ after: { attempt, localHour } });
          continue;
        }
        const row = select.get(attempt.callId, attempt.seq) as Record<string, unknown>;
        const existing = rowToAttempt(row);
        const merged = mergeAttempts(existing, attempt);
        const mergedHour = localHourOf(merged.enteredAt, timeZone);
        update.run(attemptToParams(merged, mergedHour));
        rollups.add(existing, row.local_hour as number, -1);
        rollups.add(merged, mergedHour, 1);
        changes.push({ before: { attempt: existing, localHour: row.local_hour as number }, after: { attempt: merged, localHour: mergedHour } });
      }
      rollups.flush();
      return changes;
    },
    getAttempts: (callId) => (selectCall.all(callId) as Record<string, unknown>[]).map(rowToAttempt),
    openAttempts: () => (selectOpen.all() as Record<string, unknown>[]).map((row) => ({ attempt: rowToAttempt(row), localHour: row.local_hour as number })),
    hourTallies(fromHour, toHour) {
      return (selectHours.all(fromHour, toHour) as Record<string, unknown>[]).map((row) => ({
        localHour: row.local_hour as number, queue: row.queue as string, tally: tallyOfRow(row),
      }));
    },
  };
}

/** Sums shares per (hour, queue) and (day, agent, queue) in memory until `flush` writes them. */
function createLedgerRollups(db: Db) {
  const upsertHour = db.prepare(
    `INSERT INTO queue_rollup_hour (local_hour, queue, ${measureList}) VALUES (?, ?, ${measureParams})
     ON CONFLICT(local_hour, queue) DO UPDATE SET ${measureAdds}`,
  );
  const upsertAgent = db.prepare(
    `INSERT INTO queue_rollup_agent_day (local_day, agent, queue, ${measureList}) VALUES (?, ?, ?, ${measureParams})
     ON CONFLICT(local_day, agent, queue) DO UPDATE SET ${measureAdds}`,
  );
  const hours = new Map<string, { hour: number; queue: string; tally: QueueTally }>();
  const agents = new Map<string, { day: number; agent: string; queue: string; tally: QueueTally }>();
  return {
    add(attempt: QueueAttempt, localHour: number, sign: 1 | -1) {
      const share = tallyOfAttempt(attempt);
      const hourKey = `${localHour}\u0000${attempt.queue}`;
      let hour = hours.get(hourKey);
      if (!hour) hours.set(hourKey, (hour = { hour: localHour, queue: attempt.queue, tally: emptyTally() }));
      addTally(hour.tally, share, sign);
      if (!attempt.agent) return;
      const day = Math.floor(localHour / 24);
      const agentKey = `${day}\u0000${attempt.agent}\u0000${attempt.queue}`;
      let agent = agents.get(agentKey);
      if (!agent) agents.set(agentKey, (agent = { day, agent: attempt.agent, queue: attempt.queue, tally: emptyTally() }));
      addTally(agent.tally, share, sign);
    },
    flush() {
      for (const entry of hours.values()) upsertHour.run(entry.hour, entry.queue, ...tallyValues(entry.tally));
      for (const entry of agents.values()) upsertAgent.run(entry.day, entry.agent, entry.queue, ...tallyValues(entry.tally));
      hours.clear();
      agents.clear();
    },
  };
}

/** Recomputes both ledger rollups from `queue_calls` (after a migration or a time zone change). */
export function rebuildQueueRollups(db: Db): void {
  const sums = tallyMeasures.map((measure) => `sum(${measure.sql})`).join(', ');
  db.exec('DELETE FROM queue_rollup_hour; DELETE FROM queue_rollup_agent_day;');
  db.exec(`INSERT INTO queue_rollup_hour (local_hour, queue, ${measureList}) SELECT local_hour, queue, ${sums} FROM queue_calls GROUP BY 1, 2`);
  db.exec(`INSERT INTO queue_rollup_agent_day (local_day, agent, queue, ${measureList})
    SELECT local_hour / 24, agent, queue, ${sums} FROM queue_calls WHERE agent IS NOT NULL GROUP BY 1, 2, 3`);
}
