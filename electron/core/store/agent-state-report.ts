import type { AgentStateRequest, AgentStateRow } from '../contract/history';
import type { PauseReason } from '../contract/methods/settings';
import { defaultPauseReasons, matchPauseReason, pauseReasonKey } from '../contract/pause-reasons';
import type { Db } from './database';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// Time per agent in each state (agent_intervals, 004): login, pause by reason, ring, talk, wrap-up.

/** One state of one agent being summed: intervals arrive by start time, overlapping ones are joined. */
interface Run {
  /** The reason as reported: the configured code, or the first spelling of an unknown one. */
  reason: string | undefined;
  start: number;
  end: number;
  ms: number;
  intervals: number;
}

/**
 * Time per agent, state and reason inside [from, to). An agent in two queues has a login
 * (and a pause) interval per queue: each state counts the union of its intervals, so a
 * shift is counted once however many queues the agent answers. Pause reasons are grouped
 * by the configured reason they mean (contract/pause-reasons.ts: "Break" and "break" are
 * one); an unknown reason is one group whatever its case and spacing, named as first written.
 * Closed intervals are found by start_at ≥ from − the longest closed interval (settings),
 * open ones by the partial index; open intervals count up to `now`.
 */
export function agentStateBreakdown(db: Db, request: AgentStateRequest, reasons: readonly PauseReason[] = defaultPauseReasons, now = Date.now()): AgentStateRow[] {
  const longest = getSetting(db, settingKeys.longestIntervalMs, 0);
  const bindings: Record<string, string | number> = { now, to: request.to, from: request.from, lowest: request.from - longest };
  const agents = request.agents ?? [];
  agents.forEach((agent, index) => (bindings[`a${index}`] = agent));
  const agentSql = agents.length ? ` AND agent IN (${agents.map((_, index) => `@a${index}`).join(', ')})` : '';
  const statement = db.prepare(`SELECT agent, kind, reason, max(start_at, @from) AS startAt, min(ifnull(end_at, @now), @to) AS endAt FROM (
        SELECT * FROM agent_intervals WHERE start_at >= @lowest AND start_at < @to AND end_at > @from${agentSql}
        UNION ALL
        SELECT * FROM agent_intervals WHERE end_at IS NULL AND start_at < @to AND @now > @from${agentSql}
      ) WHERE endAt > startAt ORDER BY agent, kind, startAt`);

  const rows: AgentStateRow[] = [];
  // Runs of the current (agent, kind), by reason key: a few per agent, so memory stays bounded by the reasons in use.
  let group = '';
  let runs = new Map<string, Run>();
  const flush = (agent: string, kind: AgentStateRow['kind']): void => {
    for (const run of runs.values()) {
      const ms = run.ms + (run.end - run.start);
      if (ms <= 0) continue;
      const row: AgentStateRow = { agent, kind, seconds: Math.round(ms / 1000), intervals: run.intervals };
      if (run.reason !== undefined) row.reason = run.reason;
      rows.push(row);
    }
    runs = new Map();
  };
  let previous: { agent: string; kind: AgentStateRow['kind'] } | undefined;
  for (const interval of statement.iterate(bindings) as Iterable<{ agent: string; kind: AgentStateRow['kind']; reason: string | null; startAt: number; endAt: number }>) {
    const key = `${interval.agent}\u0000${interval.kind}`;
    if (key !== group) {
      if (previous) flush(previous.agent, previous.kind);
      group = key;
      previous = { agent: interval.agent, kind: interval.kind };
    }
    const reason = interval.reason === null ? undefined : (matchPauseReason(reasons, interval.reason) ?? matchPauseReason(defaultPauseReasons, interval.reason))?.code ?? interval.reason;
    const reasonKey = reason === undefined ? '' : `:${pauseReasonKey(reason) || reason}`;
    const run = runs.get(reasonKey);
    if (!run) {
      runs.set(reasonKey, { reason, start: interval.startAt, end: interval.endAt, ms: 0, intervals: 1 });
    } else if (interval.startAt <= run.end) {
      run.end = Math.max(run.end, interval.endAt);
    } else {
      run.ms += run.end - run.start;
      run.start = interval.startAt;
      run.end = interval.endAt;
      run.intervals += 1;
    }
  }
  if (previous) flush(previous.agent, previous.kind);
  return rows.sort(byAgentThenState);
}

const byAgentThenState = (a: AgentStateRow, b: AgentStateRow): number =>
  a.agent.localeCompare(b.agent, undefined, { numeric: true }) || a.kind.localeCompare(b.kind) || (a.reason ?? '').localeCompare(b.reason ?? '');
