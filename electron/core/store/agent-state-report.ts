import type { AgentStateRequest, AgentStateRow } from '../contract/history';
import type { Db } from './database';
import { getSetting, settingKeys } from './settings';

// Time per agent in each state (agent_intervals, 004): login, pause by reason, ring, talk, wrap-up.

/**
 * Time per agent, state and reason inside [from, to). Closed intervals are found by
 * start_at ≥ from − the longest closed interval (settings), open ones by the partial index.
 */
export function agentStateBreakdown(db: Db, request: AgentStateRequest, now = Date.now()): AgentStateRow[] {
  const longest = getSetting(db, settingKeys.longestIntervalMs, 0);
  const bindings: Record<string, string | number> = { now, to: request.to, from: request.from, lowest: request.from - longest };
  const agents = request.agents ?? [];
  agents.forEach((agent, index) => (bindings[`a${index}`] = agent));
  const agentSql = agents.length ? ` AND agent IN (${agents.map((_, index) => `@a${index}`).join(', ')})` : '';
  const overlap = 'min(ifnull(end_at, @now), @to) - max(start_at, @from)';
  const rows = db
    .prepare(`SELECT agent, kind, reason, sum(${overlap}) AS ms, count(*) AS intervals FROM (
        SELECT * FROM agent_intervals WHERE start_at >= @lowest AND start_at < @to AND end_at > @from${agentSql}
        UNION ALL
        SELECT * FROM agent_intervals WHERE end_at IS NULL AND start_at < @to AND @now > @from${agentSql}
      ) GROUP BY agent, kind, reason HAVING ms > 0 ORDER BY agent, kind, reason`)
    .all(bindings) as { agent: string; kind: AgentStateRow['kind']; reason: string | null; ms: number; intervals: number }[];
  return rows.map((row) => {
    const result: AgentStateRow = { agent: row.agent, kind: row.kind, seconds: Math.round(row.ms / 1000), intervals: row.intervals };
    if (row.reason !== null) result.reason = row.reason;
    return result;
  });
}
