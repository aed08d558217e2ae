import type { Reads } from '../app/reads';
import type { AgentFigures } from '../contract/agent-figures';
import type { ReportRequest, ReportRow } from '../contract/history';
import type { PauseReason } from '../contract/methods/actions';

// What a scheduled report shows, read the way the Reports page reads it: the contract's
// report (history.report) per queue and in total over the period, and the agents'
// performance (history.agentPerformance), through the read pool. Nothing is counted here.

export interface ScheduledReportData {
  from: number;
  to: number;
  timeZone: string;
  generatedAt: number;
  /** One row per queue (grain 'all'). */
  queues: ReportRow[];
  /** The queues together; absent when there were no queue calls. */
  total?: ReportRow;
  agents: AgentFigures[];
  pauseReasons: PauseReason[];
}

/** The report request of a period: the one the Reports page sends for those days, per queue. */
export function queueReportRequest(period: { from: number; to: number }, queues: readonly string[]): ReportRequest {
  return { from: period.from, to: period.to, dimension: 'queue', grain: 'all', ...(queues.length > 0 ? { queues: [...queues] } : {}) };
}

export async function readScheduledReport(
  reads: Reads, period: { from: number; to: number }, queues: readonly string[], pauseReasons: PauseReason[], now: number,
): Promise<ScheduledReportData> {
  const request = queueReportRequest(period, queues);
  const [perQueue, total, performance] = await Promise.all([
    reads.run(undefined, 'history.report', request),
    reads.run(undefined, 'history.report', { ...request, dimension: 'total' }),
    reads.run(undefined, 'history.agentPerformance', { request: { from: period.from, to: period.to }, reasons: pauseReasons, now }),
  ]);
  return {
    from: period.from,
    to: period.to,
    timeZone: perQueue.timeZone,
    generatedAt: now,
    queues: perQueue.rows,
    ...(total.rows[0] ? { total: total.rows[0] } : {}),
    agents: performance.agents,
    pauseReasons,
  };
}

/** The pause reason codes of the agent columns: the configured ones, then any other the period holds ('' = no reason). */
export function pauseColumnsOf(data: Pick<ScheduledReportData, 'agents' | 'pauseReasons'>): string[] {
  const codes = data.pauseReasons.map((reason) => reason.code);
  for (const agent of data.agents) for (const code of Object.keys(agent.pauses)) if (!codes.includes(code)) codes.push(code);
  return codes;
}
