import { createHash } from 'node:crypto';
import { DAY_MS, DEFAULT_TIME_ZONE, formatLocalDate } from '../base/time-zone';

/** `Authorization: md5hex(WEBKEY + 'YYYY-MM-DD')` (coocenter-api.md, Authentication). */
export function webkeyToken(webkey: string, at: number, timeZone = DEFAULT_TIME_ZONE): string {
  return createHash('md5').update(webkey + formatLocalDate(at, timeZone)).digest('hex');
}

/**
 * Server-side check. An empty WEBKEY means no check (as on the vendor box).
 * Yesterday's and tomorrow's tokens are accepted too, to survive clock skew
 * around midnight.
 */
export function isWebkeyAuthorized(
  authorization: string | undefined,
  webkey: string | undefined,
  at: number,
  timeZone = DEFAULT_TIME_ZONE,
): boolean {
  if (!webkey) return true;
  if (!authorization) return false;
  const presented = authorization.trim().toLowerCase();
  return [at - DAY_MS, at, at + DAY_MS].some((t) => webkeyToken(webkey, t, timeZone) === presented);
}
