import { DEFAULT_TIME_ZONE, formatLocal } from '../base/time-zone';

/** `YYYYMMDD-HHmmss` in the PBX zone, as in the dialplan's MONFILE (pbx-conf/extensions.conf). */
export function monfileStamp(at: number, timeZone = DEFAULT_TIME_ZONE): string {
  return formatLocal(at, timeZone).replace(/-/g, '').replace(' ', '-').replace(/:/g, '');
}

/** Unix seconds as an integer string (LoginTime, LastCall, LastPause headers). */
export function unixSeconds(at: number): string {
  return String(Math.floor(at / 1000));
}
