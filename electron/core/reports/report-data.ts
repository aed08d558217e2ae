import { ReadRefused, type Reads } from '../store/reads';
import type { ReadJobArgs, ReadJobName, ReadJobResult } from '../store/read-jobs';
import type { AgentFigures } from '../contract/agent-figures';
import type { ReportRequest, ReportRow } from '../contract/history';
import type { PauseReason } from '../contract/methods/settings';

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

/** Attempts of one read turned away by the read allowance or a full queue: twenty schedules due at once share them. */
const READ_ATTEMPTS = 30;

/** A read of the pool that waits its turn when turned away (429/503 for a person), rather than failing the report. */
async function readPatiently<J extends ReadJobName>(reads: Reads, job: J, args: ReadJobArgs[J]): Promise<ReadJobResult<J>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await reads.run(undefined, job, args);
    } catch (error) {
      if (!(error instanceof ReadRefused) || attempt >= READ_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterSeconds * 1000));
    }
  }
}

export async function readScheduledReport(
  reads: Reads, period: { from: number; to: number }, queues: readonly string[], pauseReasons: PauseReason[], now: number,
): Promise<ScheduledReportData> {
  const request = queueReportRequest(period, queues);
  const [perQueue, total, performance] = await Promise.all([
    readPatiently(reads, 'history.report', request),
    readPatiently(reads, 'history.report', { ...request, dimension: 'total' }),
    readPatiently(reads, 'history.agentPerformance', { request: { from: period.from, to: period.to }, reasons: pauseReasons, now }),
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
