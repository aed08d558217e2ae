import { z } from 'zod';
import { method, type ActionResult } from '../method';

// Recordings stream over HTTP (transport.ts `httpPaths.recordings`, with Range); this
// method answers where, after the core has checked the name. Listening is audited.

export const recordingsMethods = {
  /** Where to stream a recording named by cc_cdr `filePath` / cdr `recordfile`. */
  'recordings.url': method<ActionResult<{ url: string }>>()('act', z.object({ file: z.string().min(1).max(512) }).strict()),
};
