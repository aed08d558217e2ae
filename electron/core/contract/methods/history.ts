import { z } from 'zod';
import type { AgentPerformanceReply } from '../agent-figures';
import type { BreakdownReply, DistributionReply, TransfersReply } from '../distributions';
import { waitEdges, type QueueFigures } from '../figures';
import { method } from '../method';
import {
  callSortKeys,
  type AgentStateRow, type CallDetail, type CallPage, type CallSearchFilter,
  type HeatmapReply, type ReportReply,
} from '../history';

// Review of cached history: search, detail, reports, answer/abandon time distributions,
// breakdowns per called number and trunk, the transfers report. Files (export, import)
// move as HTTP downloads/uploads (server/export-route.ts, import-route.ts), never as paths.
// Times are UTC ms; the store groups reports in its configured zone. The cache is the
// operator's: every method here needs the `act` role (the LAN wallboard sees the live model only).

const time = z.number().int().nonnegative();
const strings = z.array(z.string().min(1).max(64)).max(200);
const seconds = z.number().int().nonnegative();

export const callSearchFilterSchema = z
  .object({
    from: time.optional(),
    to: time.optional(),
    queues: strings.optional(),
    agents: strings.optional(),
    callerNum: z.string().max(64).optional(),
    callerMatch: z.enum(['prefix', 'contains']).optional(),
    calledNum: z.string().max(64).optional(),
    calledMatch: z.enum(['prefix', 'contains']).optional(),
    directions: z.array(z.enum(['inbound', 'outbound', 'internal'])).optional(),
    dispositions: strings.optional(),
    cdrStates: strings.optional(),
    missCauses: strings.optional(),
    isAnswered: z.boolean().optional(),
    minDuration: seconds.optional(),
    maxDuration: seconds.optional(),
    hasRecording: z.boolean().optional(),
    minScore: z.number().optional(),
    maxScore: z.number().optional(),
    callClasses: z.array(z.enum(['customer', 'internal', 'supervisor'])).max(3).optional(),
  })
  .strict() satisfies z.ZodType<CallSearchFilter>;

export const callSortSchema = z.object({ key: z.enum(callSortKeys), order: z.enum(['asc', 'desc']) }).strict();

const reportRange = { from: time, to: time, queues: strings.optional() };
export const reportRequestSchema = z
  .object({
    ...reportRange,
    dimension: z.enum(['total', 'queue', 'agent', 'pbx']),
    grain: z.enum(['hour', 'day', 'week', 'all']),
    agents: strings.optional(),
    slSeconds: z.literal(waitEdges).optional(),
  })
  .strict();

const period = { from: time, to: time, queues: strings.optional() };
export const periodRequestSchema = z.object(period).strict();
export const breakdownRequestSchema = z.object({ ...period, by: z.enum(['did', 'trunk']), slSeconds: z.literal(waitEdges).optional() }).strict();
export const transfersRequestSchema = z.object({ from: time, to: time, agents: strings.optional() }).strict();

export const historyMethods = {
  /** One page of calls; pass `nextCursor` back for the next one. */
  'history.search': method<CallPage>()(
    'act',
    z
      .object({
        filter: callSearchFilterSchema.default({}),
        sort: callSortSchema.optional(),
        page: z
          .object({
            limit: z.number().int().min(1).max(1000),
            cursor: z.string().max(512).optional(),
            offset: z.number().int().nonnegative().optional(),
            totalCap: z.number().int().min(0).max(100_000).optional(),
          })
          .strict(),
      })
      .strict(),
  ),
  /** The call, its IVR nodes, agent intervals and timeline; null when unknown. */
  'history.detail': method<CallDetail | null>()('act', z.object({ uniqueid: z.string().min(1).max(64) }).strict()),
  'history.report': method<ReportReply>()('act', reportRequestSchema),
  /** The queue figures of the calls a search finds (their queue passes), counted as reports count them. */
  'history.totals': method<QueueFigures>()('act', z.object({ filter: callSearchFilterSchema.default({}) }).strict()),
  'history.heatmap': method<HeatmapReply>()('act', z.object(reportRange).strict()),
  'history.agentStates': method<AgentStateRow[]>()('act', z.object({ from: time, to: time, agents: strings.optional() }).strict()),
  /** Per-agent figures of a period (contract/agent-figures.ts): calls taken, talk, hold, wrap-up, AHT, pauses, login, occupancy. */
  'history.agentPerformance': method<AgentPerformanceReply>()('act', z.object({ from: time, to: time, agents: strings.optional() }).strict()),
  /** How many calls were answered / abandoned within each band of distributionBands, per queue and in total. */
  'history.distributions': method<DistributionReply>()('act', periodRequestSchema),
  /** Queue figures per called number (DID) or per trunk of the calls. */
  'history.breakdown': method<BreakdownReply>()('act', breakdownRequestSchema),
  /** Who transferred to whom, how often, and the talk after the transfer. */
  'history.transfers': method<TransfersReply>()('act', transfersRequestSchema),
};
