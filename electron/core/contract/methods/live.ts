import { z } from 'zod';
import type { AgentPerformanceReply } from '../agent-figures';
import type { CallbacksReply } from '../callbacks';
import { dialablePattern } from '../dialable';
import type { QueueSample } from '../figures';
import { method, type ActionResult } from '../method';
import type { Snapshot } from '../model';

export const liveMethods = {
  /** The whole live model; also served as GET /api/snapshot. */
  'live.snapshot': method<Snapshot>()('read', z.object({}).strict()),
  /** The last hours of every queue (and '*'), oldest first, as the core sampled them. */
  /** Today's per-agent figures (the configured zone's day), for the wallboard's "top agents" panel. */
  'live.agentDay': method<AgentPerformanceReply>()('read', z.object({}).strict()),
  'live.samples': method<Record<string, QueueSample[]>>()('read', z.object({}).strict()),
  /** Today's callers to call back (store/callbacks.ts), newest first and capped: their numbers are the operator's. */
  'live.callbacks': method<CallbacksReply>()('act', z.object({}).strict()),
  /** How many callers are open to call back, for the wallboard and the TV (no numbers). */
  'live.callbacksOpen': method<{ total: number }>()('read', z.object({}).strict()),
  /** Take a number off today's call-back list until it misses again (audited). */
  'callbacks.dismiss': method<ActionResult>()('act', z.object({ number: z.string().trim().regex(dialablePattern, 'a dialable number') }).strict()),
};
