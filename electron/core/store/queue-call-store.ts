import { addTally, emptyTally, type QueueAttempt, type QueueTally } from '../contract';
import { tallyColumns, tallyMeasures, tallyOfAttempt, tallyOfRow, tallyValues } from '../stats/attempt-measures';
import type { Db } from './database';
import { DEFAULT_TIME_ZONE, localHourOf } from '../base/time-zone';
import { attemptColumnList, attemptToParams, mergeAttempts, rowToAttempt } from './queue-call-row';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// The queue ledger (`queue_calls`) and its rollups (006_queue_ledger.sql, 015). Every write
// keeps queue_rollup_hour, queue_rollup_agent_day and queue_rollup_agent_hour equal to the
// sums of the rows, in the same transaction, and reports what changed so the live day
// ledger follows.

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

/**
 * The ledger's rollups: each sums the tallies of the passes that share its key. `keyOf` gives
 * a pass's key (none: the pass is not in that rollup); `keySql` the same key over queue_calls.
 */
interface RollupSpec {
  table: string;
  keyColumns: readonly string[];
  keyOf(attempt: QueueAttempt, localHour: number): (string | number)[] | undefined;
  keySql: string;
  where: string;
}

const rollupSpecs = {
  hour: {
    table: 'queue_rollup_hour', keyColumns: ['local_hour', 'queue'],
    keyOf: (attempt, localHour) => [localHour, attempt.queue],
    keySql: 'local_hour, queue', where: '',
  },
  agentDay: {
    table: 'queue_rollup_agent_day', keyColumns: ['local_day', 'agent', 'queue'],
    keyOf: (attempt, localHour) => (attempt.agent ? [Math.floor(localHour / 24), attempt.agent, attempt.queue] : undefined),
    keySql: 'local_hour / 24, agent, queue', where: 'WHERE agent IS NOT NULL',
  },
  agentHour: {
    table: 'queue_rollup_agent_hour', keyColumns: ['local_hour', 'agent', 'queue'],
    keyOf: (attempt, localHour) => (attempt.agent ? [localHour, attempt.agent, attempt.queue] : undefined),
    keySql: 'local_hour, agent, queue', where: 'WHERE agent IS NOT NULL',
  },
} satisfies Record<string, RollupSpec>;

/** Sums shares per rollup key in memory until `flush` writes them. */
function createLedgerRollups(db: Db) {
  const rollups = Object.values(rollupSpecs).map((spec: RollupSpec) => ({
    spec,
    upsert: db.prepare(
      `INSERT INTO ${spec.table} (${spec.keyColumns.join(', ')}, ${measureList}) VALUES (${spec.keyColumns.map(() => '?').join(', ')}, ${measureParams})
       ON CONFLICT(${spec.keyColumns.join(', ')}) DO UPDATE SET ${measureAdds}`,
    ),
    pending: new Map<string, { key: (string | number)[]; tally: QueueTally }>(),
  }));
  return {
    add(attempt: QueueAttempt, localHour: number, sign: 1 | -1) {
      const share = tallyOfAttempt(attempt);
      for (const { spec, pending } of rollups) {
        const key = spec.keyOf(attempt, localHour);
        if (!key) continue;
        const id = key.join('\u0000');
        let entry = pending.get(id);
        if (!entry) pending.set(id, (entry = { key, tally: emptyTally() }));
        addTally(entry.tally, share, sign);
      }
    },
    flush() {
      for (const { upsert, pending } of rollups) {
        for (const entry of pending.values()) upsert.run(...entry.key, ...tallyValues(entry.tally));
        pending.clear();
      }
    },
  };
}

export type RollupName = keyof typeof rollupSpecs;

/** Recomputes ledger rollups from `queue_calls` (after a migration or a time zone change); all of them by default. */
export function rebuildQueueRollups(db: Db, names: readonly RollupName[] = Object.keys(rollupSpecs) as RollupName[]): void {
  const sums = tallyMeasures.map((measure) => `sum(${measure.sql})`).join(', ');
  for (const name of names) {
    const spec: RollupSpec = rollupSpecs[name];
    db.exec(`DELETE FROM ${spec.table}`);
    db.exec(`INSERT INTO ${spec.table} (${spec.keyColumns.join(', ')}, ${measureList})
      SELECT ${spec.keySql}, ${sums} FROM queue_calls ${spec.where} GROUP BY ${spec.keyColumns.map((_, index) => index + 1).join(', ')}`);
  }
}
