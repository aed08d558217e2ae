import { z } from 'zod';
import type { AgentPerformanceReply } from '../agent-figures';
import type { QueueSample } from '../figures';
import { method } from '../method';
import type { Snapshot } from '../model';

export const liveMethods = {
  /** The whole live model; also served as GET /api/snapshot. */
  'live.snapshot': method<Snapshot>()('read', z.object({}).strict()),
  /** The last hours of every queue (and '*'), oldest first, as the core sampled them. */
  /** Today's per-agent figures (the configured zone's day), for the wallboard's "top agents" panel. */
  'live.agentDay': method<AgentPerformanceReply>()('read', z.object({}).strict()),
  'live.samples': method<Record<string, QueueSample[]>>()('read', z.object({}).strict()),
};
