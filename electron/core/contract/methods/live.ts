import { z } from 'zod';
import type { QueueSample } from '../figures';
import { method } from '../method';
import type { Snapshot } from '../model';

export const liveMethods = {
  /** The whole live model; also served as GET /api/snapshot. */
  'live.snapshot': method<Snapshot>()('read', z.object({}).strict()),
  /** The last hours of every queue (and '*'), oldest first, as the core sampled them. */
  'live.samples': method<Record<string, QueueSample[]>>()('read', z.object({}).strict()),
};
