import { z } from 'zod';
import { method, type ActionResult } from '../method';
import { dialablePattern } from '../patterns';

// Acting on today's call-back list (read with live.callbacks): needs no PBX, the list is the cache's.

export const callbacksMethods = {
  /** Take a number off today's call-back list until it misses again (audited). */
  'callbacks.dismiss': method<ActionResult>()('act', z.object({ number: z.string().trim().regex(dialablePattern, 'a dialable number') }).strict()),
};
