import type { AgentPerformanceReply, AgentPerformanceRequest } from '../contract/agent-figures';
import type { QueueFigures } from '../contract/figures';
import type {
  AgentStateRequest, AgentStateRow, CallPage, CallPageRequest, CallSearchFilter, CallSort, ExportResult, HeatmapReply, HeatmapRequest, ReportReply, ReportRequest,
} from '../contract/history';
import type { PauseReason } from '../contract/methods/settings';
import type { BreakdownReply, BreakdownRequest, DistributionReply, PeriodRequest, SlTrendReply, TransfersReply, TransfersRequest } from '../contract/distributions';
import { agentPerformance } from './agent-performance';
import { agentStateBreakdown } from './agent-state-report';
import { searchCalls } from './call-search';
import type { Db } from './database';
import { exportCalls, exportReport, type ExportOptions, type ExportValueLabels } from './export';
import { historyTotals, queueHeatmap, queueReport } from './queue-reports';
import { queueBreakdown, slTrend, waitDistributions } from './distribution-reports';
import { transfersReport } from './transfer-report';
import { exportDistributionTable, type DistributionExportArgs } from './distribution-export';
import { waitingCallerHistory, type WaitingCallerHistory } from './waiting-caller';

// The heavy reads of the cache, by name: what the read worker (read-worker.ts) runs on
// its own read-only connection, and what runs in-process on a database no second
// connection can open (':memory:'). One table, so both run the same store functions.
// Arguments and results cross a thread boundary: plain data only (structured clone).

export type ExportJobOptions = Omit<ExportOptions, 'onProgress'>;

export interface ReadJobArgs {
  'history.search': { filter: CallSearchFilter; page: CallPageRequest; sort?: CallSort };
  'history.report': ReportRequest;
  'history.heatmap': HeatmapRequest;
  'history.totals': { filter: CallSearchFilter };
  'history.agentStates': { request: AgentStateRequest; reasons: PauseReason[] };
  'history.agentPerformance': { request: AgentPerformanceRequest; reasons: PauseReason[]; now: number };
  'export.calls': { timeZone: string; filter: CallSearchFilter; sort?: CallSort; options: ExportJobOptions & { values?: ExportValueLabels } };
  'export.report': { request: ReportRequest; options: ExportJobOptions };
  'history.distributions': PeriodRequest;
  'history.breakdown': { request: BreakdownRequest; now: number };
  'history.transfers': TransfersRequest;
  'live.slTrend': { queue?: string; queues?: string[]; now: number };
  'export.distributions': DistributionExportArgs & { options: ExportJobOptions };
  'waiting.history': { callId: string; callerNum: string; now: number };
}

export interface ReadJobResults {
  'history.search': CallPage;
  'history.report': ReportReply;
  'history.heatmap': HeatmapReply;
  'history.totals': QueueFigures;
  'history.agentStates': AgentStateRow[];
  'history.agentPerformance': AgentPerformanceReply;
  'export.calls': ExportResult;
  'export.report': ExportResult;
  'history.distributions': DistributionReply;
  'history.breakdown': BreakdownReply;
  'history.transfers': TransfersReply;
  'live.slTrend': SlTrendReply;
  'export.distributions': ExportResult;
  'waiting.history': WaitingCallerHistory;
}

/** Rows written so far, for a long job's progress bar. */
export type OnProgress = (rowsDone: number) => void;

export const readJobs = {
  'history.search': (db: Db, { filter, page, sort }: ReadJobArgs['history.search']) => searchCalls(db, filter, page, sort),
  'history.report': (db: Db, request: ReadJobArgs['history.report']) => queueReport(db, request),
  'history.heatmap': (db: Db, request: ReadJobArgs['history.heatmap']) => queueHeatmap(db, request),
  'history.totals': (db: Db, { filter }: ReadJobArgs['history.totals']) => historyTotals(db, filter),
  'history.agentStates': (db: Db, { request, reasons }: ReadJobArgs['history.agentStates']) => agentStateBreakdown(db, request, reasons),
  'history.agentPerformance': (db: Db, { request, reasons, now }: ReadJobArgs['history.agentPerformance']) => agentPerformance(db, request, reasons, now),
  'export.calls': (db: Db, { timeZone, filter, sort, options }: ReadJobArgs['export.calls'], onProgress?: OnProgress) =>
    exportCalls(db, timeZone, filter, sort, { ...options, ...(onProgress ? { onProgress } : {}) }),
  'export.report': (db: Db, { request, options }: ReadJobArgs['export.report'], onProgress?: OnProgress) =>
    exportReport(queueReport(db, request), { ...options, ...(onProgress ? { onProgress } : {}) }),
  'history.distributions': (db: Db, request: ReadJobArgs['history.distributions']) => waitDistributions(db, request),
  'history.breakdown': (db: Db, { request, now }: ReadJobArgs['history.breakdown']) => queueBreakdown(db, request, now),
  'history.transfers': (db: Db, request: ReadJobArgs['history.transfers']) => transfersReport(db, request),
  'live.slTrend': (db: Db, { queue, queues, now }: ReadJobArgs['live.slTrend']) => slTrend(db, queues ?? queue, now),
  'export.distributions': (db: Db, args: ReadJobArgs['export.distributions'], onProgress?: OnProgress) =>
    exportDistributionTable(db, { ...args, options: { ...args.options, ...(onProgress ? { onProgress } : {}) } }),
  'waiting.history': (db: Db, request: ReadJobArgs['waiting.history']) => waitingCallerHistory(db, request),
} satisfies { [J in ReadJobName]: (db: Db, args: ReadJobArgs[J], onProgress?: OnProgress) => ReadJobResults[J] | Promise<ReadJobResults[J]> };

export type ReadJobName = keyof ReadJobArgs;
export type ReadJobResult<J extends ReadJobName> = ReadJobResults[J];

export function isReadJobName(name: unknown): name is ReadJobName {
  return typeof name === 'string' && Object.hasOwn(readJobs, name);
}

/** Runs one job on `db` in this thread. */
export function runReadJob<J extends ReadJobName>(db: Db, job: J, args: ReadJobArgs[J], onProgress?: OnProgress): Promise<ReadJobResult<J>> {
  const run = readJobs[job] as unknown as (db: Db, args: ReadJobArgs[J], onProgress?: OnProgress) => ReadJobResult<J> | Promise<ReadJobResult<J>>;
  return Promise.resolve().then(() => run(db, args, onProgress));
}
