// The one time-zone helper: wall-clock strings of the PBX, and local-time arithmetic
// for grouping calls. Storage is UTC ms; reports group in the configured zone
// (default Asia/Shanghai, the PBX's zone in the vendor document).
// The choice: each call row stores `local_hour` = floor((utc + offset(utc)) / 1 h),
// computed here with Intl, so DST zones group correctly too; a local day is
// local_hour / 24 and weekday/week follow by integer arithmetic, all indexable in SQL.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
// Zone transitions happen on quarter hours (UTC) in every zone in tzdata.
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 500_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Throws RangeError for an unknown zone name. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Offset of `timeZone` from UTC at instant `at`, ms (Asia/Shanghai: +8 h). Cached per 15 min. */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const slot = Math.floor(at / SLOT_MS);
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  const cached = cache.get(slot);
  if (cached !== undefined) return cached;
  const probe = slot * SLOT_MS;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(probe)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const offset = wall - probe;
  if (cache.size > MAX_CACHED_SLOTS) cache.clear();
  cache.set(slot, offset);
  return offset;
}

/** The local hour number of an instant (hours since 1970-01-01 00:00 local). */
export function localHourOf(at: number, timeZone: string): number {
  return Math.floor((at + zoneOffsetMs(at, timeZone)) / HOUR_MS);
}

/** A wall-clock time (its fields read as UTC) to the instant, in `timeZone`. */
export function wallToUtc(wallMs: number, timeZone: string): number {
  // Two passes settle the offset across a DST change.
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(first, timeZone);
}

/** UTC ms of the start of a local hour number. */
export function localHourStart(localHour: number, timeZone: string): number {
  return wallToUtc(localHour * HOUR_MS, timeZone);
}

/** 0 = Monday … 6 = Sunday for a local day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(localDay: number): number {
  return (((localDay + 3) % 7) + 7) % 7;
}

/** Week number (weeks start on Monday) of a local day number; its Monday is week * 7 - 3. */
export function weekOfDay(localDay: number): number {
  return Math.floor((localDay + 3) / 7);
}

/** 'YYYY-MM-DD HH:mm:ss' local: what Asterisk writes in Cdr StartTime and the vendor pushes. */
export function formatLocal(at: number, timeZone: string): string {
  return new Date(at + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

// `2018-11-08 10:21:29`, the stripped `2018-11-0810:21:29` (vendor seed document), or with `T`.
const LOCAL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]*)(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
// `1534993059.785012`: Unix seconds with a sequence suffix.
const UNIX_SECONDS = /^\d{9,11}(?:\.\d+)?$/;

/** A PBX local time (no zone) or Unix seconds to UTC ms; undefined when not a time. */
export function parseLocalTime(text: string, timeZone: string): number | undefined {
  const trimmed = text.trim();
  if (UNIX_SECONDS.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const match = LOCAL_TIME.exec(trimmed);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return undefined;
  return wallToUtc(wall, timeZone);
}

/** 'YYYY-MM-DD' local: the PBX's calendar date. */
export function formatLocalDate(at: number, timeZone: string): string {
  return formatLocal(at, timeZone).slice(0, 10);
}

/** The local hour of the day, 0–23. */
export function hourOfDay(at: number, timeZone: string): number {
  return ((localHourOf(at, timeZone) % 24) + 24) % 24;
}
