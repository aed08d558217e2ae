import { z } from 'zod';
import type { AgentPerformanceReply } from '../agent-figures';
import type { CallbacksReply } from '../callbacks';
import type { SlTrendReply } from '../distributions';
import type { QueueSample } from '../figures';
import { method } from '../method';
import type { Snapshot } from '../model';
import { pbxIdPattern } from '../../base/pbx-id';

export const liveMethods = {
  /** The whole live model; also served as GET /api/snapshot. */
  'live.snapshot': method<Snapshot>()('read', z.object({}).strict()),
  /** Today's per-agent figures (the configured zone's day), for the wallboard's "top agents" panel. */
  'live.agentDay': method<AgentPerformanceReply>()('read', z.object({}).strict()),
  /** The last hours of every queue (and '*'), oldest first, as the core sampled them. */
  'live.samples': method<Record<string, QueueSample[]>>()('read', z.object({}).strict()),
  /** Today's callers to call back (store/callbacks.ts), newest first and capped: their numbers are the operator's. A console of several PBXs may ask for one PBX's. */
  'live.callbacks': method<CallbacksReply>()('act', z.object({ pbx: z.string().regex(pbxIdPattern).optional() }).strict()),
  /** How many callers are open to call back, for the wallboard and the TV (no numbers); of one PBX when named. */
  'live.callbacksOpen': method<{ total: number }>()('read', z.object({ pbx: z.string().regex(pbxIdPattern).optional() }).strict()),
  /** Today's service level per quarter hour of one queue, of one PBX's queues (a console of several), or of all queues when none is named (counts, no numbers). */
  'live.slTrend': method<SlTrendReply>()('read', z.object({ queue: z.string().min(1).max(64).optional(), pbx: z.string().regex(pbxIdPattern).optional() }).strict()),
};
