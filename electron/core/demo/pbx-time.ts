import { DEFAULT_PBX_TIME_ZONE } from '../vendor-api/webkey';

/**
 * Wall-clock strings in the PBX's zone. Asterisk's Cdr StartTime and the vendor
 * pushes (`2018-11-08 10:21:29`, coocenter-api.md "Pushed events") are local
 * times without a zone; MONFILE names embed `YYYYMMDD-HHmmss` the same way.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const out: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) out[part.type] = part.value;
  return out;
}

/** `YYYY-MM-DD HH:mm:ss` in the PBX zone. */
export function pbxDateTime(at: number, timeZone = DEFAULT_PBX_TIME_ZONE): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYYMMDD-HHmmss`, as in the dialplan's MONFILE (pbx-conf/extensions.conf). */
export function monfileStamp(at: number, timeZone = DEFAULT_PBX_TIME_ZONE): string {
  const p = parts(at, timeZone);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

/** Unix seconds as an integer string (LoginTime, LastCall, LastPause headers). */
export function unixSeconds(at: number): string {
  return String(Math.floor(at / 1000));
}
