import { z } from 'zod';
import type { AuditEntry } from '../history';
import { method } from '../method';

// The audit log: every act of every operator, whichever transport carried it, newest
// first. Reading it is the operator's too.

const time = z.number().int().nonnegative();

export const auditMethods = {
  'audit.list': method<AuditEntry[]>()(
    'act',
    z
      .object({
        from: time.optional(),
        to: time.optional(),
        who: z.string().max(200).optional(),
        action: z.string().max(64).optional(),
        result: z.enum(['ok', 'error']).optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
  ),
};
