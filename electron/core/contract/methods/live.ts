import { z } from 'zod';
import { method } from '../method';
import type { Snapshot } from '../model';

export const liveMethods = {
  /** The whole live model; also served as GET /api/snapshot. */
  'live.snapshot': method<Snapshot>()('read', z.object({}).strict()),
};
