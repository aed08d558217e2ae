import type {
  AgentStateRequest, AgentStateRow, HeatmapReply, HeatmapRequest, MissCauseKey, ReportReply, ReportRequest, ReportRow,
} from '../contract/history';
import type { Db } from './database';
import { callShareSql, rollupMeasures, slThresholds } from './call-rollup';
import { DEFAULT_TIME_ZONE, HOUR_MS, localHourOf, localHourStart } from './local-time';
import { getSetting, settingKeys } from './settings';

// Reports, heat map and agent state breakdown. Reports count queue calls (calls with a
// queue) and read the per-hour rollups; a service level threshold the rollups lack
// (slThresholds) makes them scan `calls` with the same shares instead (call-rollup.ts).
// Ranges are whole local hours: `from` rounds down, `to` up to the next hour start.

export const DEFAULT_SL_SECONDS = 20;

function hourRange(db: Db, from: number, to: number) {
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const fromHour = localHourOf(from, timeZone);
  const toHour = to > from ? localHourOf(to - 1, timeZone) + 1 : fromHour;
  return { timeZone, fromHour, toHour };
}

function bucketStart(grain: ReportRequest['grain'], bucket: number, timeZone: string, from: number): number {
  if (grain === 'hour') return localHourStart(bucket, timeZone);
  if (grain === 'day') return localHourStart(bucket * 24, timeZone);
  if (grain === 'week') return localHourStart((bucket * 7 - 3) * 24, timeZone);
  return from;
}

function bucketLabel(grain: ReportRequest['grain'], bucket: number): string {
  const wall = (hours: number) => new Date(hours * HOUR_MS).toISOString();
  if (grain === 'hour') return `${wall(bucket).slice(0, 10)} ${wall(bucket).slice(11, 13)}:00`;
  if (grain === 'day') return wall(bucket * 24).slice(0, 10);
  if (grain === 'week') return wall((bucket * 7 - 3) * 24).slice(0, 10);
  return 'all';
}

function inList(column: string, values: string[] | undefined, where: string[], params: (string | number)[]) {
  if (!values || values.length === 0) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

export function callReport(db: Db, request: ReportRequest, options: { forceScan?: boolean } = {}): ReportReply {
  const slSeconds = request.slSeconds ?? DEFAULT_SL_SECONDS;
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const isAgentSource = request.dimension === 'agent' || (request.agents?.length ?? 0) > 0;
  // The agent rollup holds whole local days (003_calls.sql): hourly or partial-day agent reports scan.
  const isDayAligned = fromHour % 24 === 0 && toHour % 24 === 0;
  const canUseRollup = (slThresholds as readonly number[]).includes(slSeconds) && !options.forceScan
    && (!isAgentSource || (request.grain !== 'hour' && isDayAligned));
  const params: (string | number)[] = [];
  const where: string[] = ["queue <> ''"];
  let source: string;
  let slColumn: string;
  let dayExpression = 'local_hour / 24';
  if (canUseRollup && isAgentSource) {
    source = 'call_rollup_agent';
    slColumn = `sl_${slSeconds}`;
    dayExpression = 'local_day';
    where.push('local_day >= ?', 'local_day < ?');
    params.push(fromHour / 24, toHour / 24);
  } else if (canUseRollup) {
    source = 'call_rollup_queue';
    slColumn = `sl_${slSeconds}`;
    where.push('local_hour >= ?', 'local_hour < ?');
    params.push(fromHour, toHour);
  } else {
    const shares = callShareSql();
    const columns = rollupMeasures.map((measure) => `${shares[measure]} AS ${measure}`).join(', ');
    // started_at bounds let calls_started serve the scan; local_hour is what groups.
    source = `(SELECT local_hour, ifnull(queue, '') AS queue, ifnull(agent, '') AS agent, ${columns},
      (is_answered AND queue_seconds <= ?) AS sl_custom
      FROM calls WHERE started_at >= ? AND started_at < ? AND local_hour >= ? AND local_hour < ?)`;
    params.push(slSeconds, localHourStart(fromHour, timeZone), localHourStart(toHour, timeZone), fromHour, toHour);
    slColumn = 'sl_custom';
  }
  if (request.dimension === 'agent') where.push("agent <> ''");
  inList('queue', request.queues, where, params);
  inList('agent', request.agents, where, params);
  const bucket = { hour: 'local_hour', day: dayExpression, week: `(${dayExpression} + 3) / 7`, all: '0' }[request.grain];
  const key = request.dimension === 'total' ? "''" : request.dimension;
  const sums = rollupMeasures.filter((measure) => !measure.startsWith('sl_')).map((measure) => `sum(${measure}) AS ${measure}`).join(', ');
  const sql = `SELECT ${bucket} AS bucket, ${key} AS key, ${sums}, sum(${slColumn}) AS sl
    FROM ${source} WHERE ${where.join(' AND ')} GROUP BY 1, 2 HAVING sum(offered) > 0 ORDER BY 1, 2`;
  const rows = db.prepare(sql).all(...params) as Record<string, number>[];
  return {
    rows: rows.map((row) => toReportRow(row, request, timeZone)),
    slSeconds,
    timeZone,
    servedFrom: canUseRollup ? 'rollup' : 'calls',
  };
}

function toReportRow(row: Record<string, number>, request: ReportRequest, timeZone: string): ReportRow {
  const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);
  const missCauses: Record<MissCauseKey, number> = {
    NO_ASSIGN: row.miss_no_assign!, NO_AGENT_ANSWER: row.miss_no_agent_answer!, NO_AGENT_LOGIN: row.miss_no_agent_login!,
    MEMBER_CANCEL: row.miss_member_cancel!, other: row.miss_other!,
  };
  return {
    bucketStart: bucketStart(request.grain, row.bucket!, timeZone, request.from),
    bucketLabel: bucketLabel(request.grain, row.bucket!),
    key: String(row.key),
    offered: row.offered!,
    answered: row.answered!,
    abandoned: row.offered! - row.answered!,
    missCauses,
    answeredWithinSl: row.sl!,
    serviceLevel: ratio(row.sl!, row.offered!),
    asaSeconds: ratio(row.wait_answered_sum!, row.answered!),
    ahtSeconds: ratio(row.talk_sum! + row.hold_sum! + row.wrapup_sum!, row.answered!),
    talkSeconds: row.talk_sum!,
    holdSeconds: row.hold_sum!,
    wrapupSeconds: row.wrapup_sum!,
    avgScore: ratio(row.score_sum!, row.scored!),
    scoredCalls: row.scored!,
  };
}

/** Calls (all, or of some queues) by local weekday × hour, from the queue rollup. */
export function callHeatmap(db: Db, request: HeatmapRequest): HeatmapReply {
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const where = ['local_hour >= ?', 'local_hour < ?'];
  const params: (string | number)[] = [fromHour, toHour];
  inList('queue', request.queues, where, params);
  const cells = db
    .prepare(`SELECT (local_hour / 24 + 3) % 7 AS weekday, local_hour % 24 AS hour, sum(offered) AS offered, sum(answered) AS answered
      FROM call_rollup_queue WHERE ${where.join(' AND ')} GROUP BY 1, 2 HAVING sum(offered) > 0 ORDER BY 1, 2`)
    .all(...params) as HeatmapReply['cells'];
  return { cells, timeZone };
}

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
