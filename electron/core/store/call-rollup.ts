import type { CallRecord } from '../contract/history';
import type { Db } from './database';

// Maintains call_rollup_queue (per local hour) / call_rollup_agent (per local day),
// 003_calls.sql: each call adds its share to its bucket; a merge subtracts the old row's share and adds the new one.
// Shares are summed per batch in memory, so a batch of 1 000 calls of one hour costs a
// handful of rollup upserts, in the same transaction as the calls.

export const slThresholds = [10, 15, 20, 30, 45, 60] as const;
export const rollupMeasures = [
  'offered', 'answered', 'miss_no_assign', 'miss_no_agent_answer', 'miss_no_agent_login', 'miss_member_cancel',
  'miss_other', 'wait_answered_sum', ...slThresholds.map((seconds) => `sl_${seconds}`), 'talk_sum', 'hold_sum',
  'wrapup_sum', 'score_sum', 'scored',
] as const;

const knownMissCauses: Record<string, string> = {
  NO_ASSIGN: 'miss_no_assign', NO_AGENT_ANSWER: 'miss_no_agent_answer', NO_AGENT_LOGIN: 'miss_no_agent_login', MEMBER_CANCEL: 'miss_member_cancel',
};

const missIndex = (column: string) => rollupMeasures.indexOf(column as (typeof rollupMeasures)[number]);
const indexOf = {
  answered: missIndex('answered'), missOther: missIndex('miss_other'), wait: missIndex('wait_answered_sum'),
  talk: missIndex('talk_sum'), hold: missIndex('hold_sum'), wrapup: missIndex('wrapup_sum'),
  scoreSum: missIndex('score_sum'), scored: missIndex('scored'), firstSl: missIndex('sl_10'),
};

/** One call's share of its bucket, in `rollupMeasures` order (hot path of every insert). */
export function callShare(call: CallRecord): number[] {
  const share: number[] = new Array(rollupMeasures.length).fill(0);
  share[0] = 1; // offered
  if (call.isAnswered) {
    share[indexOf.answered] = 1;
    share[indexOf.wait] = call.queueSeconds;
    slThresholds.forEach((seconds, offset) => {
      if (call.queueSeconds <= seconds) share[indexOf.firstSl + offset] = 1;
    });
  } else {
    const column = knownMissCauses[call.missCause ?? ''];
    share[column ? missIndex(column) : indexOf.missOther] = 1;
  }
  share[indexOf.talk] = call.talkSeconds;
  share[indexOf.hold] = call.holdSeconds;
  share[indexOf.wrapup] = call.wrapupSeconds;
  if ((call.score ?? 0) > 0) {
    share[indexOf.scoreSum] = call.score!;
    share[indexOf.scored] = 1;
  }
  return share;
}

/**
 * The same shares as SQL over `calls` columns, for scanning calls directly (a service
 * level threshold the rollup lacks) and for rebuilding the rollups. `sl` is bound as :sl.
 */
export function callShareSql(): Record<string, string> {
  const miss = (cause: string) => `(is_answered = 0 AND ifnull(miss_cause, '') = '${cause}')`;
  const shares: Record<string, string> = {
    offered: '1',
    answered: 'is_answered',
    miss_no_assign: miss('NO_ASSIGN'),
    miss_no_agent_answer: miss('NO_AGENT_ANSWER'),
    miss_no_agent_login: miss('NO_AGENT_LOGIN'),
    miss_member_cancel: miss('MEMBER_CANCEL'),
    miss_other: `(is_answered = 0 AND ifnull(miss_cause, '') NOT IN ('NO_ASSIGN', 'NO_AGENT_ANSWER', 'NO_AGENT_LOGIN', 'MEMBER_CANCEL'))`,
    wait_answered_sum: 'CASE WHEN is_answered THEN queue_seconds ELSE 0 END',
    talk_sum: 'talk_seconds',
    hold_sum: 'hold_seconds',
    wrapup_sum: 'wrapup_seconds',
    score_sum: 'CASE WHEN score > 0 THEN score ELSE 0 END',
    scored: '(ifnull(score, 0) > 0)',
  };
  for (const seconds of slThresholds) shares[`sl_${seconds}`] = `(is_answered AND queue_seconds <= ${seconds})`;
  return shares;
}

/** Sums shares per (hour, queue) and (day, agent, queue) until `flush`. */
export function createRollupAccumulator(db: Db) {
  const list = rollupMeasures.join(', ');
  const placeholders = rollupMeasures.map(() => '?').join(', ');
  const adds = rollupMeasures.map((measure) => `${measure} = ${measure} + excluded.${measure}`).join(', ');
  const upsertQueue = db.prepare(
    `INSERT INTO call_rollup_queue (local_hour, queue, ${list}) VALUES (?, ?, ${placeholders}) ON CONFLICT(local_hour, queue) DO UPDATE SET ${adds}`,
  );
  const upsertAgent = db.prepare(
    `INSERT INTO call_rollup_agent (local_day, agent, queue, ${list}) VALUES (?, ?, ?, ${placeholders}) ON CONFLICT(local_day, agent, queue) DO UPDATE SET ${adds}`,
  );
  const queueSums = new Map<string, { hour: number; queue: string; sums: number[] }>();
  const agentSums = new Map<string, { day: number; agent: string; queue: string; sums: number[] }>();

  function addTo(sums: number[], share: number[], sign: number) {
    for (let index = 0; index < share.length; index += 1) sums[index]! += sign * share[index]!;
  }

  return {
    /** sign +1 for a call now stored, -1 for the version it replaced. */
    add(call: CallRecord, localHour: number, sign: 1 | -1) {
      const share = callShare(call);
      const queue = call.queue ?? '';
      const agent = call.agent ?? '';
      const queueKey = `${localHour}\u0000${queue}`;
      let queueEntry = queueSums.get(queueKey);
      if (!queueEntry) queueSums.set(queueKey, (queueEntry = { hour: localHour, queue, sums: rollupMeasures.map(() => 0) }));
      addTo(queueEntry.sums, share, sign);
      const localDay = Math.floor(localHour / 24);
      const agentKey = `${localDay}\u0000${agent}\u0000${queue}`;
      let agentEntry = agentSums.get(agentKey);
      if (!agentEntry) agentSums.set(agentKey, (agentEntry = { day: localDay, agent, queue, sums: rollupMeasures.map(() => 0) }));
      addTo(agentEntry.sums, share, sign);
    },
    /** Writes the sums; call inside the calls' transaction. */
    flush() {
      for (const entry of queueSums.values()) upsertQueue.run(entry.hour, entry.queue, ...entry.sums);
      for (const entry of agentSums.values()) upsertAgent.run(entry.day, entry.agent, entry.queue, ...entry.sums);
      queueSums.clear();
      agentSums.clear();
    },
  };
}

/** Recomputes both rollups from `calls` (after a time zone change, or to check them). */
export function rebuildRollups(db: Db): void {
  const shares = callShareSql();
  const list = rollupMeasures.join(', ');
  const sums = rollupMeasures.map((measure) => `sum(${shares[measure]})`).join(', ');
  db.transaction(() => {
    db.exec('DELETE FROM call_rollup_queue; DELETE FROM call_rollup_agent;');
    db.exec(`INSERT INTO call_rollup_queue (local_hour, queue, ${list}) SELECT local_hour, ifnull(queue, ''), ${sums} FROM calls GROUP BY 1, 2`);
    db.exec(`INSERT INTO call_rollup_agent (local_day, agent, queue, ${list}) SELECT local_hour / 24, ifnull(agent, ''), ifnull(queue, ''), ${sums} FROM calls GROUP BY 1, 2, 3`);
  })();
}
