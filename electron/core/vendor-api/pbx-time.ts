import { DEFAULT_PBX_TIME_ZONE } from './webkey';

// Local wall-clock time of the PBX, as the vendor pushes it: `2018-11-08 10:21:29`,
// and, in the vendor document whose rendering stripped every space, `2018-11-0810:21:29`
// (seed 000_94bcca06c57417db.txt, "IVR事件" and "通话日志"). A `T` separator is accepted too.
const LOCAL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

// `timestamp` / `uniqueid` values like `1534993059.785012`: Unix seconds (+ fraction or sequence).
const UNIX_SECONDS = /^(\d{9,11})(?:\.\d+)?$/;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `at`, in ms (Asia/Shanghai: +8 h). */
function zoneOffsetMs(at: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * Parse a PBX local time (no zone) in `timeZone` to UTC ms; undefined when it is
 * not a time. Unix-seconds values are accepted as they are absolute already.
 */
export function parsePbxTime(text: string, timeZone = DEFAULT_PBX_TIME_ZONE): number | undefined {
  const trimmed = text.trim();
  const unix = UNIX_SECONDS.exec(trimmed);
  if (unix) return Math.round(Number(trimmed) * 1000);
  const match = LOCAL_TIME.exec(trimmed);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const wallAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  if (new Date(wallAsUtc).getUTCDate() !== day) return undefined; // 2018-02-31
  // Two passes settle the offset across a DST change (none in Asia/Shanghai, but the zone is configurable).
  const first = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetMs(first, timeZone);
}
