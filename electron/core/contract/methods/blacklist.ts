import { z } from 'zod';
import { method, type ActionResult } from '../method';
import { dialablePattern } from '../patterns';

// Numbers the PBX refuses (AstDB `blacklist` family on AMI, the vendor's blacklist API),
// with Callboard's own note of why. Changes are audited by core/actions/service.ts.

export interface BlacklistEntry {
  number: string;
  note: string;
  /** Caller.who of whoever added it through Callboard (AstDB and the vendor keep no author). */
  addedBy?: string;
  addedAt?: number;
}

const dialable = z.string().trim().regex(dialablePattern, 'a dialable number');
const note = z.string().trim().max(200);

export const blacklistMethods = {
  'blacklist.list': method<ActionResult<BlacklistEntry[]>>()('act', z.object({ query: z.string().max(64).optional() }).strict()),
  'blacklist.add': method<ActionResult>()('act', z.object({ number: dialable, note: note.optional() }).strict()),
  'blacklist.remove': method<ActionResult>()('act', z.object({ number: dialable }).strict()),
  /** Change the note of a listed number (adding it again is refused with `exists`). */
  'blacklist.setNote': method<ActionResult>()('act', z.object({ number: dialable, note }).strict()),
};
