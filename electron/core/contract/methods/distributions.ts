import { z } from 'zod';
import type { BreakdownReply, DistributionReply, SlTrendReply, TransfersReply } from '../distributions';
import { waitEdges } from '../figures';
import { method } from '../method';

// Distributions and trends: answer / abandon time distributions, breakdowns per called
// number and trunk, the transfers report (history: the operator's, 'act'), and today's
// service level per quarter hour for the wallboard and the TV ('read', no numbers).

const time = z.number().int().nonnegative();
const strings = z.array(z.string().min(1).max(64)).max(200);
const period = { from: time, to: time, queues: strings.optional() };

export const periodRequestSchema = z.object(period).strict();
export const breakdownRequestSchema = z.object({ ...period, by: z.enum(['did', 'trunk']), slSeconds: z.literal(waitEdges).optional() }).strict();
export const transfersRequestSchema = z.object({ from: time, to: time, agents: strings.optional() }).strict();

export const distributionMethods = {
  /** How many calls were answered / abandoned within each band of distributionBands, per queue and in total. */
  'history.distributions': method<DistributionReply>()('act', periodRequestSchema),
  /** Queue figures per called number (DID) or per trunk of the calls. */
  'history.breakdown': method<BreakdownReply>()('act', breakdownRequestSchema),
  /** Who transferred to whom, how often, and the talk after the transfer. */
  'history.transfers': method<TransfersReply>()('act', transfersRequestSchema),
  /** Today's service level per quarter hour of one queue, or of all queues when none is named. */
  'live.slTrend': method<SlTrendReply>()('read', z.object({ queue: z.string().min(1).max(64).optional() }).strict()),
};
