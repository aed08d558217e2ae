import { createHash } from 'node:crypto';

/** Default PBX time zone: the vendor's boxes run on China time. */
export const DEFAULT_PBX_TIME_ZONE = 'Asia/Shanghai';

/** The PBX's local calendar date (YYYY-MM-DD) at `at`, in `timeZone`. */
export function pbxDate(at: number, timeZone = DEFAULT_PBX_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD; Intl is the maintained tz database in Node.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `Authorization: md5hex(WEBKEY + 'YYYY-MM-DD')` (coocenter-api.md, Authentication). */
export function webkeyToken(webkey: string, at: number, timeZone = DEFAULT_PBX_TIME_ZONE): string {
  return createHash('md5').update(webkey + pbxDate(at, timeZone)).digest('hex');
}

const DAY_MS = 86_400_000;

/**
 * Server-side check. An empty WEBKEY means no check (as on the vendor box).
 * Yesterday's and tomorrow's tokens are accepted too, to survive clock skew
 * around midnight.
 */
export function isWebkeyAuthorized(
  authorization: string | undefined,
  webkey: string | undefined,
  at: number,
  timeZone = DEFAULT_PBX_TIME_ZONE,
): boolean {
  if (!webkey) return true;
  if (!authorization) return false;
  const presented = authorization.trim().toLowerCase();
  return [at - DAY_MS, at, at + DAY_MS].some((t) => webkeyToken(webkey, t, timeZone) === presented);
}
